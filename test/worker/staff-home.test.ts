import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import * as schema from '../../schema/index.ts';
import { STAFF_PAGE_SIZE } from '../../worker/staff/paging.ts';
import { createPatient, db, request, signIn } from './fixtures.ts';
import { createStaff, signInAtAal2 } from './staff-fixtures.ts';

async function auditEvents(personId: string, action: string) {
  const { results } = await env.DB.prepare(
    'select actor_role, outcome, reason, patient_id from audit_events where actor_person_id = ? and action = ? order by seq',
  )
    .bind(personId, action)
    .all<{ actor_role: string; outcome: string; reason: string; patient_id: string | null }>();
  return results;
}

describe('staff home', () => {
  it('answers a patient like a missing page', async () => {
    const patient = await createPatient('home-not-staff');
    const response = await request('/staff', { cookie: await signIn(patient.email) });
    expect(response.status).toBe(404);
  });

  it('lists care-team patients with chart links', async () => {
    const mine = await createPatient('home-mine');
    const other = await createPatient('home-other');
    const staff = await createStaff('home-list', 'clinician', [mine.patientId]);
    const cookie = await signInAtAal2(staff.email);

    const response = await request('/staff', { cookie });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('Test Patient home-mine');
    expect(html).toContain(`SYN-TEST-home-mine`);
    expect(html).toContain('January 1, 1980');
    expect(html).toContain(`href="/chart/${mine.patientId}"`);
    expect(html).toContain(`href="/staff/patients/${mine.patientId}/activation-code"`);
    expect(html).toContain(`href="/staff/patients/${mine.patientId}/invitations"`);
    expect(html).not.toContain('Test Patient home-other');
    expect(html).not.toContain(other.patientId);

    const events = await auditEvents(staff.personId, 'staff.patient-list');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actor_role: 'staff', outcome: 'allow', reason: 'care-team' });
  });

  it('finds other patients with name and MRN only', async () => {
    const mine = await createPatient('search-mine');
    const other = await createPatient('search-other');
    const staff = await createStaff('home-search', 'nurse', [mine.patientId]);
    const cookie = await signInAtAal2(staff.email);

    const response = await request('/staff?q=search-other', { cookie });
    expect(response.status).toBe(200);
    const html = await response.text();
    const results = html.slice(html.indexOf('Search results'), html.indexOf('Your patients'));
    expect(results).toContain('Test Patient search-other');
    expect(results).toContain('SYN-TEST-search-other');
    expect(results).toContain(`href="/staff/break-glass/${other.patientId}"`);
    expect(results).not.toContain(`href="/chart/${other.patientId}"`);
    expect(results).not.toContain(`/staff/patients/${other.patientId}/`);
    expect(results).not.toContain('1980');

    const events = await auditEvents(staff.personId, 'staff.patient-search');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ outcome: 'allow', reason: 'staff-directory' });
    const stored = await env.DB.prepare(
      "select count(*) as n from audit_events where reason like '%search-other%'",
    ).first<{ n: number }>();
    expect(stored?.n).toBe(0);
  });

  it('finds a care-team patient by MRN with chart link', async () => {
    const mine = await createPatient('mrn-mine');
    const staff = await createStaff('home-mrn', 'clinician', [mine.patientId]);
    const cookie = await signInAtAal2(staff.email);

    const html = await (await request('/staff?q=syn-test-mrn-mine', { cookie })).text();
    const results = html.slice(html.indexOf('Search results'), html.indexOf('Your patients'));
    expect(results).toContain(`href="/chart/${mine.patientId}"`);
    expect(results).toContain('January 1, 1980');
  });

  it('treats LIKE wildcards in a search as text', async () => {
    await createPatient('wildcard');
    const staff = await createStaff('home-wildcard', 'clinician', []);
    const cookie = await signInAtAal2(staff.email);

    const html = await (await request('/staff?q=%25%25', { cookie })).text();
    expect(html).toContain('No patient');
    expect(html).not.toContain('Test Patient wildcard');
  });

  it('finds a patient by a full name longer than 50 characters', async () => {
    // D1 rejects LIKE patterns over 50 bytes, and seeded names can be longer than that.
    const label = 'de los Angeles Fernandez de Cordoba y Villasenor long';
    await createPatient(label);
    const staff = await createStaff('home-long-name', 'clinician', []);
    const cookie = await signInAtAal2(staff.email);

    const response = await request(`/staff?q=${encodeURIComponent(`Test Patient ${label}`)}`, {
      cookie,
    });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain(`Test Patient ${label}`);
  });

  it('rejects a one-letter search and keeps it', async () => {
    const staff = await createStaff('home-short', 'clinician', []);
    const cookie = await signInAtAal2(staff.email);

    const response = await request('/staff?q=x', { cookie });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('<title>Error: Staff home');
    expect(html).toContain('href="#q"');
    expect(html).toContain('value="x"');
    expect(await auditEvents(staff.personId, 'staff.patient-search')).toHaveLength(0);
  });

  it('lets care-team staff open the chart', async () => {
    const mine = await createPatient('home-chart-mine');
    const other = await createPatient('home-chart-other');
    const staff = await createStaff('home-chart', 'clinician', [mine.patientId]);
    const cookie = await signInAtAal2(staff.email);

    const chart = await request(`/chart/${mine.patientId}/results`, { cookie });
    expect(chart.status).toBe(200);
    const html = await chart.text();
    expect(html).not.toContain('Emergency access');
    expect((await request(`/chart/${other.patientId}`, { cookie })).status).toBe(404);
  });

  it('pages the care-team list', async () => {
    const staff = await createStaff('home-page', 'clinician', []);
    // One patient more than fits on a page, named so that they sort in creation order.
    for (let index = 0; index <= STAFF_PAGE_SIZE; index += 1) {
      const n = String(index).padStart(3, '0');
      await db()
        .insert(schema.patients)
        .values({
          id: `patient-home-page-${n}`,
          mrn: `SYN-TEST-home-page-${n}`,
          givenName: 'Test',
          familyName: `Paged ${n}`,
          birthDate: '1980-01-01',
          sexAtBirth: 'female',
          addressLine: '1 Test Street',
          city: 'Testville',
          state: 'TS',
          postalCode: '00000',
          synthetic: true,
          createdAt: '2026-01-01T00:00:00.000Z',
        });
      await db()
        .insert(schema.patientCareTeams)
        .values({ patientId: `patient-home-page-${n}`, careTeamId: staff.careTeamId });
    }
    const cookie = await signInAtAal2(staff.email);
    const rowsIn = (html: string) => html.match(/href="\/chart\/patient-home-page-/g) ?? [];
    const last = `Test Paged ${String(STAFF_PAGE_SIZE).padStart(3, '0')}`;

    const first = await (await request('/staff', { cookie })).text();
    expect(rowsIn(first)).toHaveLength(STAFF_PAGE_SIZE);
    expect(first).not.toContain(last);
    expect(first).toContain('href="/staff?page=2" rel="next"');

    const second = await (await request('/staff?page=2', { cookie })).text();
    expect(rowsIn(second)).toHaveLength(1);
    expect(second).toContain(last);
    expect(second).toContain('href="/staff" rel="prev"');
    expect(second).not.toContain('rel="next"');

    // The paging links keep a search made on the same page.
    const searching = await (await request('/staff?q=Paged', { cookie })).text();
    expect(searching).toContain('href="/staff?q=Paged&amp;page=2" rel="next"');

    const past = await request('/staff?page=9', { cookie });
    expect(past.status).toBe(200);
    expect(await past.text()).toContain('This page is past the end of the list.');
  });
});
