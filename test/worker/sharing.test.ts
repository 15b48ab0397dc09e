import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import * as schema from '../../schema/index.ts';
import { addMonths, calendarDate } from '../../worker/access/calendar.ts';
import { createPatient, db, postForm, request, signIn, type TestPatient } from './fixtures.ts';
import { countAudit, registerPasskey } from './enrollment-fixtures.ts';
import { signInAtAal2 } from './staff-fixtures.ts';

let counter = 0;

/** Gives `patient` a proxy: another test person holding a relationship of `kind`. */
async function addProxy(
  patient: TestPatient,
  kind: (typeof schema.RELATIONSHIP_KINDS)[number],
  validTo: string | null = null,
) {
  counter += 1;
  const proxy = await createPatient(`proxy-${counter}`);
  const id = `relationship-sharing-${counter}`;
  await db().insert(schema.relationships).values({
    id,
    proxyPersonId: proxy.personId,
    patientId: patient.patientId,
    kind,
    scopes: 'record,messaging',
    validFrom: '2026-01-01',
    validTo,
    status: 'active',
    legalBasis: 'Test relationship',
    createdAt: new Date().toISOString(),
  });
  return { proxy, relationshipId: id };
}

/** Makes the patient a teen: 15 years old today. */
async function makeTeen(patient: TestPatient) {
  const year = new Date().getUTCFullYear() - 15;
  await env.DB.prepare('update patients set birth_date = ? where id = ?')
    .bind(`${year}-01-15`, patient.patientId)
    .run();
}

async function statusOf(relationshipId: string) {
  return env.DB.prepare('select status, valid_to from relationships where id = ?')
    .bind(relationshipId)
    .first<{ status: string; valid_to: string | null }>();
}

describe('sharing page for an adult', () => {
  it('lists proxies and open invitations', async () => {
    const patient = await createPatient('list');
    await addProxy(patient, 'adult-designated-proxy', '2099-01-01');
    const cookie = await signIn(patient.email);
    await postForm(
      '/account/sharing/invitations',
      { email: 'sharing-list-invitee@example.org', scopes: 'record' },
      cookie,
    );

    const page = await request('/account/sharing', { cookie });

    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Who can see your record');
    expect(html).toContain('Someone you chose');
    expect(html).toContain('sharing-list-invitee@example.org');
    expect(html).toContain('They will need to add a passkey');
    expect(await countAudit('sharing.view')).toBeGreaterThan(0);
  });

  it('keeps the typed address and explains a missing scope', async () => {
    const patient = await createPatient('invalid');
    const cookie = await signIn(patient.email);

    const response = await postForm(
      '/account/sharing/invitations',
      { email: 'helper@example.org' },
      cookie,
    );

    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('Choose at least one thing they can do');
    expect(html).toContain('value="helper@example.org"');
  });

  it('revokes a proxy', async () => {
    const patient = await createPatient('revoke');
    const { relationshipId } = await addProxy(patient, 'adult-designated-proxy', '2099-01-01');
    const cookie = await signIn(patient.email);

    const response = await postForm(
      `/account/sharing/relationships/${relationshipId}/revoke`,
      {},
      cookie,
    );

    expect(response.status).toBe(303);
    expect((await statusOf(relationshipId))?.status).toBe('revoked');
    expect(await countAudit('relationship.revoke')).toBeGreaterThan(0);
  });

  it('renews an adult-designated proxy for 18 months', async () => {
    const patient = await createPatient('renew');
    const { relationshipId } = await addProxy(patient, 'adult-designated-proxy', '2026-12-31');
    const cookie = await signIn(patient.email);

    const response = await postForm(
      `/account/sharing/relationships/${relationshipId}/renew`,
      {},
      cookie,
    );

    expect(response.status).toBe(303);
    const today = calendarDate(new Date(), env.CLINIC_TIME_ZONE || 'America/Chicago');
    expect((await statusOf(relationshipId))?.valid_to).toBe(addMonths(today, 18));
    expect(await countAudit('relationship.renew')).toBeGreaterThan(0);
  });

  it('answers 404 for another patient’s relationship', async () => {
    const patient = await createPatient('mine');
    const other = await createPatient('theirs');
    const { relationshipId } = await addProxy(other, 'adult-designated-proxy', '2099-01-01');
    const cookie = await signIn(patient.email);

    const response = await postForm(
      `/account/sharing/relationships/${relationshipId}/revoke`,
      {},
      cookie,
    );

    expect(response.status).toBe(404);
    expect((await statusOf(relationshipId))?.status).toBe('active');
  });

  it('asks a patient with a passkey to step up before inviting', async () => {
    const patient = await createPatient('step-up');
    await registerPasskey(await signIn(patient.email));
    const codeOnly = await signIn(patient.email);

    const response = await postForm(
      '/account/sharing/invitations',
      { email: 'step-up-invitee@example.org', scopes: 'record' },
      codeOnly,
    );

    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/step-up?return=%2Faccount%2Fsharing');
    const sent = await env.DB.prepare('select count(*) as n from proxy_invitations where email = ?')
      .bind('step-up-invitee@example.org')
      .first<{ n: number }>();
    expect(sent?.n).toBe(0);
  });
});

describe('sharing page with always require my passkey', () => {
  it('sends a code-only session to step up', async () => {
    const patient = await createPatient('require-passkey');
    await registerPasskey(await signIn(patient.email));
    await env.DB.prepare('update people set require_passkey = 1 where id = ?')
      .bind(patient.personId)
      .run();
    const codeOnly = await signIn(patient.email);

    const page = await request('/account/sharing', { cookie: codeOnly });

    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe('/step-up?return=%2Faccount%2Fsharing');
  });
});

describe('sharing page for a teen', () => {
  it('sends a teen at AAL1 to step up first', async () => {
    const teen = await createPatient('teen-aal1');
    await makeTeen(teen);
    const { relationshipId } = await addProxy(teen, 'parent-of-minor');
    const cookie = await signIn(teen.email);

    const page = await request('/account/sharing', { cookie });
    const consent = await postForm(
      `/account/sharing/consents/${relationshipId}`,
      { consent: 'grant' },
      cookie,
    );

    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toMatch(/^\/step-up/);
    expect(consent.status).toBe(303);
    const rows = await env.DB.prepare(
      'select count(*) as n from proxy_consents where patient_id = ?',
    )
      .bind(teen.patientId)
      .first<{ n: number }>();
    expect(rows?.n).toBe(0);
  });

  it('grants and withdraws consent at AAL2', async () => {
    const teen = await createPatient('teen-aal2');
    await makeTeen(teen);
    const { proxy, relationshipId } = await addProxy(teen, 'parent-of-minor');
    const cookie = await signInAtAal2(teen.email);

    const page = await request('/account/sharing', { cookie });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Let Test see sensitive parts of my record');
    const granted = await postForm(
      `/account/sharing/consents/${relationshipId}`,
      { consent: 'grant' },
      cookie,
    );
    expect(granted.status).toBe(303);
    const consent = await env.DB.prepare(
      'select proxy_person_id, revoked_at from proxy_consents where patient_id = ?',
    )
      .bind(teen.patientId)
      .first<{ proxy_person_id: string; revoked_at: string | null }>();
    expect(consent?.proxy_person_id).toBe(proxy.personId);
    expect(consent?.revoked_at).toBeNull();
    expect(await countAudit('consent.grant')).toBeGreaterThan(0);

    const withdrawn = await postForm(
      `/account/sharing/consents/${relationshipId}`,
      { consent: 'revoke' },
      cookie,
    );
    expect(withdrawn.status).toBe(303);
    const after = await env.DB.prepare(
      'select count(*) as n from proxy_consents where patient_id = ? and revoked_at is null',
    )
      .bind(teen.patientId)
      .first<{ n: number }>();
    expect(after?.n).toBe(0);
    expect(await countAudit('consent.revoke')).toBeGreaterThan(0);
  });

  it('does not let an adult record a teen consent', async () => {
    const adult = await createPatient('adult-consent');
    const { relationshipId } = await addProxy(adult, 'parent-of-minor');
    const cookie = await signIn(adult.email);

    const response = await postForm(
      `/account/sharing/consents/${relationshipId}`,
      { consent: 'grant' },
      cookie,
    );

    expect(response.status).toBe(404);
  });
});
