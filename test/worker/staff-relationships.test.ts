import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import * as schema from '../../schema/index.ts';
import { createPatient, db, postForm, request } from './fixtures.ts';
import { createStaff, signInAtAal2 } from './staff-fixtures.ts';
import { STAFF_PAGE_SIZE } from '../../worker/staff/paging.ts';

/** Creates a young child and a parent whose relationship waits for staff approval. */
async function createPendingParent(label: string) {
  const parent = await createPatient(`${label}-parent`);
  const child = await createPatient(`${label}-child`);
  await db()
    .update(schema.patients)
    .set({ birthDate: '2020-06-01' })
    .where(eq(schema.patients.id, child.patientId));
  const relationshipId = `relationship-${label}`;
  await db().insert(schema.relationships).values({
    id: relationshipId,
    proxyPersonId: parent.personId,
    patientId: child.patientId,
    kind: 'parent-of-minor',
    scopes: 'record,messaging',
    validFrom: '2020-06-01',
    validTo: null,
    status: 'pending',
    legalBasis: '',
    createdAt: '2026-11-01T00:00:00.000Z',
  });
  return { parent, child, relationshipId };
}

async function relationshipRow(id: string) {
  return env.DB.prepare(
    'select status, legal_basis, restrictions, restricted_scopes, approved_by_staff_id, approved_at from relationships where id = ?',
  )
    .bind(id)
    .first<{
      status: string;
      legal_basis: string;
      restrictions: string | null;
      restricted_scopes: string | null;
      approved_by_staff_id: string | null;
      approved_at: string | null;
    }>();
}

async function lastAudit(personId: string, action: string) {
  return env.DB.prepare(
    'select outcome, reason, resource_id, patient_id from audit_events where actor_person_id = ? and action = ? order by seq desc limit 1',
  )
    .bind(personId, action)
    .first<{ outcome: string; reason: string; resource_id: string; patient_id: string }>();
}

describe('staff relationships', () => {
  it('lists pending parents for the care team only', async () => {
    const { child, relationshipId } = await createPendingParent('rel-list');
    const teamStaff = await createStaff('rel-list-team', 'clinician', [child.patientId]);
    const otherStaff = await createStaff('rel-list-other', 'clinician', []);
    const officer = await createStaff('rel-list-officer', 'privacy-officer', []);

    const teamHtml = await (
      await request('/staff/relationships', { cookie: await signInAtAal2(teamStaff.email) })
    ).text();
    expect(teamHtml).toContain(`href="/staff/relationships/${relationshipId}"`);
    expect(await lastAudit(teamStaff.personId, 'staff.relationship-list')).toMatchObject({
      outcome: 'allow',
      reason: 'care-team',
    });

    const otherCookie = await signInAtAal2(otherStaff.email);
    const otherHtml = await (await request('/staff/relationships', { cookie: otherCookie })).text();
    expect(otherHtml).not.toContain(relationshipId);
    const detail = await request(`/staff/relationships/${relationshipId}`, { cookie: otherCookie });
    expect(detail.status).toBe(404);

    const officerHtml = await (
      await request('/staff/relationships', { cookie: await signInAtAal2(officer.email) })
    ).text();
    expect(officerHtml).toContain(`href="/staff/relationships/${relationshipId}"`);
  });

  it('requires checked documents and a legal basis', async () => {
    const { child, relationshipId } = await createPendingParent('rel-approve-errors');
    const staff = await createStaff('rel-approve-errors', 'front-desk', [child.patientId]);
    const cookie = await signInAtAal2(staff.email);

    const response = await postForm(
      `/staff/relationships/${relationshipId}`,
      { change: 'approve', legalBasis: 'Birth certificate 12' },
      cookie,
    );
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('href="#documentsChecked"');
    expect(html).toContain('Birth certificate 12</textarea>');
    expect((await relationshipRow(relationshipId))?.status).toBe('pending');

    const noBasis = await postForm(
      `/staff/relationships/${relationshipId}`,
      { change: 'approve', documentsChecked: 'yes', legalBasis: '' },
      cookie,
    );
    expect(noBasis.status).toBe(400);
    expect(await noBasis.text()).toContain('href="#legalBasis"');
    expect((await relationshipRow(relationshipId))?.status).toBe('pending');
  });

  it('approves a parent, who may then open the chart', async () => {
    const { parent, child, relationshipId } = await createPendingParent('rel-approve');
    const staff = await createStaff('rel-approve', 'clinician', [child.patientId]);
    const cookie = await signInAtAal2(staff.email);
    const parentCookie = await signInAtAal2(parent.email);
    expect((await request(`/chart/${child.patientId}`, { cookie: parentCookie })).status).toBe(404);

    const response = await postForm(
      `/staff/relationships/${relationshipId}`,
      { change: 'approve', documentsChecked: 'yes', legalBasis: 'Birth certificate, made up' },
      cookie,
    );
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(
      `/staff/relationships/${relationshipId}?done=approve`,
    );
    const row = await relationshipRow(relationshipId);
    expect(row?.status).toBe('active');
    expect(row?.legal_basis).toBe('Birth certificate, made up');
    expect(row?.approved_by_staff_id).toBe(staff.staffId);
    expect(row?.approved_at).not.toBeNull();
    expect(await lastAudit(staff.personId, 'relationship.approve')).toMatchObject({
      outcome: 'success',
      resource_id: relationshipId,
      patient_id: child.patientId,
    });

    const page = await request(response.headers.get('location')!, { cookie });
    expect(await page.text()).toContain('The relationship is approved and active.');
    expect((await request(`/chart/${child.patientId}`, { cookie: parentCookie })).status).toBe(200);
  });

  it('records a court order that bars the parent', async () => {
    const { parent, child, relationshipId } = await createPendingParent('rel-restrict');
    await db()
      .update(schema.relationships)
      .set({ status: 'active', legalBasis: 'Made-up test document' })
      .where(eq(schema.relationships.id, relationshipId));
    const staff = await createStaff('rel-restrict', 'privacy-officer', []);
    const cookie = await signInAtAal2(staff.email);
    const parentCookie = await signInAtAal2(parent.email);
    expect((await request(`/chart/${child.patientId}`, { cookie: parentCookie })).status).toBe(200);

    const missingScopes = await postForm(
      `/staff/relationships/${relationshipId}`,
      { change: 'restrict', courtOrder: 'Order 42: no contact' },
      cookie,
    );
    expect(missingScopes.status).toBe(400);
    expect(await missingScopes.text()).toContain('href="#restrictScopes"');

    const body = new URLSearchParams([
      ['change', 'restrict'],
      ['courtOrder', 'Order 42: no access to the record'],
      ['restrictScopes', 'record'],
      ['restrictScopes', 'messaging'],
      ['restrictScopes', 'scheduling'],
      ['restrictScopes', 'billing'],
    ]);
    const response = await request(`/staff/relationships/${relationshipId}`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      cookie,
    });
    expect(response.status).toBe(303);
    const row = await relationshipRow(relationshipId);
    expect(row?.restrictions).toBe('Order 42: no access to the record');
    expect(row?.restricted_scopes).toBe('record,messaging,scheduling,billing');
    expect(await lastAudit(staff.personId, 'relationship.restrict')).toMatchObject({
      outcome: 'success',
      reason: 'court-order',
    });

    expect((await request(`/chart/${child.patientId}`, { cookie: parentCookie })).status).toBe(404);
    expect(await lastAudit(parent.personId, 'chart.view')).toMatchObject({
      outcome: 'deny',
      reason: 'court-restricted',
    });
  });

  it('suspends and then revokes', async () => {
    const { child, relationshipId } = await createPendingParent('rel-status');
    await db()
      .update(schema.relationships)
      .set({ status: 'active' })
      .where(eq(schema.relationships.id, relationshipId));
    const staff = await createStaff('rel-status', 'clinician', [child.patientId]);
    const cookie = await signInAtAal2(staff.email);

    const path = `/staff/relationships/${relationshipId}`;
    expect((await postForm(path, { change: 'suspend' }, cookie)).status).toBe(303);
    expect((await relationshipRow(relationshipId))?.status).toBe('suspended');
    expect(await lastAudit(staff.personId, 'relationship.suspend')).toMatchObject({
      outcome: 'success',
    });

    const again = await postForm(path, { change: 'suspend' }, cookie);
    expect(again.status).toBe(400);
    expect(await again.text()).toContain('href="#change"');

    expect((await postForm(path, { change: 'revoke' }, cookie)).status).toBe(303);
    expect((await relationshipRow(relationshipId))?.status).toBe('revoked');
    expect(await lastAudit(staff.personId, 'relationship.revoke')).toMatchObject({
      outcome: 'success',
    });
  });

  it('records a teen’s consent for a parent', async () => {
    const { parent, child, relationshipId } = await createPendingParent('rel-consent');
    await db()
      .update(schema.relationships)
      .set({ status: 'active' })
      .where(eq(schema.relationships.id, relationshipId));
    const staff = await createStaff('rel-consent', 'nurse', [child.patientId]);
    const cookie = await signInAtAal2(staff.email);
    const path = `/staff/relationships/${relationshipId}`;

    const unconfirmed = await postForm(path, { change: 'consent' }, cookie);
    expect(unconfirmed.status).toBe(400);
    expect(await unconfirmed.text()).toContain('href="#consentConfirmed"');

    const response = await postForm(path, { change: 'consent', consentConfirmed: 'yes' }, cookie);
    expect(response.status).toBe(303);
    const consent = await env.DB.prepare(
      'select scope, recorded_by_staff_id, granted_by_person_id, revoked_at from proxy_consents where patient_id = ? and proxy_person_id = ?',
    )
      .bind(child.patientId, parent.personId)
      .all<{ scope: string; recorded_by_staff_id: string; granted_by_person_id: string | null }>();
    expect(consent.results).toHaveLength(1);
    expect(consent.results[0]).toMatchObject({
      scope: 'sensitive-categories',
      recorded_by_staff_id: staff.staffId,
      granted_by_person_id: null,
    });
    expect(await lastAudit(staff.personId, 'consent.record')).toMatchObject({
      outcome: 'success',
      patient_id: child.patientId,
    });

    expect(
      (await postForm(path, { change: 'consent', consentConfirmed: 'yes' }, cookie)).status,
    ).toBe(303);
    const count = await env.DB.prepare(
      'select count(*) as n from proxy_consents where patient_id = ?',
    )
      .bind(child.patientId)
      .first<{ n: number }>();
    expect(count?.n).toBe(1);
  });

  it('reinstates a suspended relationship', async () => {
    const { parent, child, relationshipId } = await createPendingParent('rel-reinstate');
    await db()
      .update(schema.relationships)
      .set({ status: 'suspended' })
      .where(eq(schema.relationships.id, relationshipId));
    const staff = await createStaff('rel-reinstate', 'clinician', [child.patientId]);
    const cookie = await signInAtAal2(staff.email);
    const path = `/staff/relationships/${relationshipId}`;

    const page = await (await request(path, { cookie })).text();
    expect(page).toContain('Reinstate or revoke');
    expect(page).toContain('name="change" value="reinstate"');
    expect(page).not.toContain('name="change" value="suspend"');

    const response = await postForm(path, { change: 'reinstate' }, cookie);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`${path}?done=reinstate`);
    expect((await relationshipRow(relationshipId))?.status).toBe('active');
    expect(await lastAudit(staff.personId, 'relationship.reinstate')).toMatchObject({
      outcome: 'success',
      reason: 'staff-decision',
      resource_id: relationshipId,
      patient_id: child.patientId,
    });
    expect(await (await request(`${path}?done=reinstate`, { cookie })).text()).toContain(
      'The relationship is active again.',
    );

    const again = await postForm(path, { change: 'reinstate' }, cookie);
    expect(again.status).toBe(400);
    expect(await again.text()).toContain('href="#change"');

    const parentCookie = await signInAtAal2(parent.email);
    expect((await request(`/chart/${child.patientId}`, { cookie: parentCookie })).status).toBe(200);
  });

  it('revokes a staff-recorded consent', async () => {
    const { parent, child, relationshipId } = await createPendingParent('rel-consent-revoke');
    await db()
      .update(schema.relationships)
      .set({ status: 'active' })
      .where(eq(schema.relationships.id, relationshipId));
    const staff = await createStaff('rel-consent-revoke', 'nurse', [child.patientId]);
    const cookie = await signInAtAal2(staff.email);
    const path = `/staff/relationships/${relationshipId}`;

    const none = await postForm(path, { change: 'revoke-consent' }, cookie);
    expect(none.status).toBe(400);
    expect(await none.text()).toContain('href="#consent"');

    await postForm(path, { change: 'consent', consentConfirmed: 'yes' }, cookie);
    expect(await (await request(path, { cookie })).text()).toContain(
      'name="change" value="revoke-consent"',
    );

    const response = await postForm(path, { change: 'revoke-consent' }, cookie);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`${path}?done=revoke-consent`);
    const consent = await env.DB.prepare(
      'select revoked_at from proxy_consents where patient_id = ? and proxy_person_id = ?',
    )
      .bind(child.patientId, parent.personId)
      .first<{ revoked_at: string | null }>();
    expect(consent?.revoked_at).not.toBeNull();
    expect(await lastAudit(staff.personId, 'consent.revoke')).toMatchObject({
      outcome: 'success',
      reason: 'revoked-by-staff',
      patient_id: child.patientId,
    });
    const after = await (await request(path, { cookie })).text();
    expect(after).toContain('name="change" value="consent"');
    expect(after).not.toContain('value="revoke-consent"');
  });

  it('leaves a teen-given consent to the teen', async () => {
    const { parent, child, relationshipId } = await createPendingParent('rel-consent-teen');
    await db()
      .update(schema.relationships)
      .set({ status: 'active' })
      .where(eq(schema.relationships.id, relationshipId));
    await db().insert(schema.proxyConsents).values({
      id: 'consent-rel-consent-teen',
      patientId: child.patientId,
      proxyPersonId: parent.personId,
      scope: 'sensitive-categories',
      grantedByPersonId: child.personId,
      grantedAt: '2026-11-02T00:00:00.000Z',
    });
    const staff = await createStaff('rel-consent-teen', 'nurse', [child.patientId]);
    const cookie = await signInAtAal2(staff.email);
    const path = `/staff/relationships/${relationshipId}`;

    const page = await (await request(path, { cookie })).text();
    expect(page).toContain('can take it back while signed in');
    expect(page).not.toContain('value="revoke-consent"');

    const response = await postForm(path, { change: 'revoke-consent' }, cookie);
    expect(response.status).toBe(400);
    const consent = await env.DB.prepare('select revoked_at from proxy_consents where id = ?')
      .bind('consent-rel-consent-teen')
      .first<{ revoked_at: string | null }>();
    expect(consent?.revoked_at).toBeNull();
  });

  it('audits a relationship outside the care team', async () => {
    const { relationshipId } = await createPendingParent('rel-deny');
    const staff = await createStaff('rel-deny', 'clinician', []);
    const cookie = await signInAtAal2(staff.email);

    const response = await request(`/staff/relationships/${relationshipId}`, { cookie });
    expect(response.status).toBe(404);
    expect(await lastAudit(staff.personId, 'relationship.view')).toMatchObject({
      outcome: 'deny',
      reason: 'not-on-care-team',
      resource_id: relationshipId,
    });
  });

  it('pages the relationship lists', async () => {
    const child = await createPatient('rel-page-child');
    // One row more than fits on a page, created a millisecond apart so the list order is known.
    for (let index = 0; index <= STAFF_PAGE_SIZE; index += 1) {
      const n = String(index).padStart(3, '0');
      await db()
        .insert(schema.people)
        .values({
          id: `person-rel-page-${n}`,
          email: `rel-page-${n}@example.org`,
          displayName: `Test Proxy ${n}`,
          createdAt: '2026-01-01T00:00:00.000Z',
        });
      await db()
        .insert(schema.relationships)
        .values({
          id: `rel-page-${n}`,
          proxyPersonId: `person-rel-page-${n}`,
          patientId: child.patientId,
          kind: 'adult-designated-proxy',
          scopes: 'record',
          validFrom: '2026-01-01',
          validTo: null,
          status: 'active',
          legalBasis: 'Chosen by the patient',
          createdAt: `2026-01-01T00:00:00.${n}Z`,
        });
    }
    const staff = await createStaff('rel-page', 'clinician', [child.patientId]);
    const cookie = await signInAtAal2(staff.email);
    const linksIn = (html: string) => html.match(/href="\/staff\/relationships\/rel-page-/g) ?? [];

    const first = await (await request('/staff/relationships', { cookie })).text();
    expect(linksIn(first)).toHaveLength(STAFF_PAGE_SIZE);
    expect(first).toContain('href="/staff/relationships?page=2"');
    expect(first).not.toContain('rel="prev"');

    const second = await (await request('/staff/relationships?page=2', { cookie })).text();
    expect(linksIn(second)).toHaveLength(1);
    expect(second).toContain(`rel-page-${String(STAFF_PAGE_SIZE).padStart(3, '0')}`);
    expect(second).toContain('href="/staff/relationships" rel="prev"');
    expect(second).not.toContain('rel="next"');

    const invalid = await (await request('/staff/relationships?page=abc', { cookie })).text();
    expect(linksIn(invalid)).toHaveLength(STAFF_PAGE_SIZE);
  });
});
