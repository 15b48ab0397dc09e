import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import * as schema from '../../schema/index.ts';
import { createPatient, db, request, signIn } from './fixtures.ts';
import { createStaff, signInAtAal2 } from './staff-fixtures.ts';

/** Creates a young child and a parent with an active relationship in force. */
async function createFamily(label: string) {
  const parent = await createPatient(`${label}-parent`);
  const child = await createPatient(`${label}-child`);
  await db()
    .update(schema.patients)
    .set({ birthDate: '2020-06-01' })
    .where(eq(schema.patients.id, child.patientId));
  await db()
    .insert(schema.relationships)
    .values({
      id: `relationship-${label}`,
      proxyPersonId: parent.personId,
      patientId: child.patientId,
      kind: 'parent-of-minor',
      scopes: 'record,messaging,scheduling,billing',
      validFrom: '2020-06-01',
      validTo: null,
      status: 'active',
      legalBasis: 'Made-up test document',
      createdAt: '2026-01-01T00:00:00.000Z',
    });
  return { parent, child };
}

async function page(path: string, cookie: string) {
  const response = await request(path, { cookie });
  expect(response.status, path).toBe(200);
  return response.text();
}

describe('chart copy for other viewers', () => {
  it('names the child to a parent', async () => {
    const { parent, child } = await createFamily('copy-proxy');
    const cookie = await signInAtAal2(parent.email);
    const chart = `/chart/${child.patientId}`;
    const name = 'Test Patient copy-proxy-child';

    const appointments = await page(`${chart}/appointments`, cookie);
    expect(appointments).toContain(`${name} has no upcoming appointments.`);
    expect(appointments).toContain('call the clinic');
    expect(appointments).not.toContain('You have');

    const medications = await page(`${chart}/medications`, cookie);
    expect(medications).toContain(`${name} has no stopped medications on file.`);
    expect(medications).not.toContain('your care team');

    const results = await page(`${chart}/results`, cookie);
    expect(results).toContain(`will contact ${name} about`);
    expect(results).not.toContain('Your care team');

    const result = await page(`${chart}/results/${child.resultId}`, cookie);
    expect(result).not.toContain('Your result');
  });

  it('still speaks to the patient as you', async () => {
    const patient = await createPatient('copy-self');
    // An account name that differs from the chart's name, as with a preferred name on file.
    await db()
      .update(schema.people)
      .set({ displayName: 'Testy' })
      .where(eq(schema.people.id, patient.personId));
    const cookie = await signIn(patient.email);
    const chart = `/chart/${patient.patientId}`;

    expect(await page(chart, cookie)).not.toContain('You are viewing the chart of');

    expect(await page(`${chart}/appointments`, cookie)).toContain(
      'You have no upcoming appointments.',
    );
    expect(await page(`${chart}/medications`, cookie)).toContain(
      'You have no stopped medications on file.',
    );
    expect(await page(`${chart}/results/${patient.resultId}`, cookie)).toContain('Your result');
  });

  it('names the patient to staff', async () => {
    const patient = await createPatient('copy-staff');
    const staff = await createStaff('copy-staff', 'clinician', [patient.patientId]);
    const cookie = await signInAtAal2(staff.email);

    const appointments = await page(`/chart/${patient.patientId}/appointments`, cookie);
    expect(appointments).toContain('Test Patient copy-staff has no upcoming appointments.');
    expect(appointments).toContain('You are viewing the chart of');
  });
});

describe('page not found for staff', () => {
  const LINE = 'If this is a patient outside your care teams, find them on your';

  it('staff 404: emergency access line', async () => {
    const outside = await createPatient('not-found-outside');
    const staff = await createStaff('not-found', 'clinician', []);
    const cookie = await signInAtAal2(staff.email);

    const pages = [];
    for (const path of [
      `/chart/${outside.patientId}`,
      '/chart/patient-that-does-not-exist',
      '/no-such-page',
    ]) {
      const response = await request(path, { cookie });
      expect(response.status, path).toBe(404);
      pages.push(await response.text());
    }

    for (const html of pages) {
      expect(html).toContain(LINE);
      expect(html).toContain('<a href="/staff">staff home page</a>');
      expect(html).not.toContain('not-found-outside');
    }
    // The response for another patient's chart is identical to the one for an id that does not exist.
    expect(pages[0]).toBe(pages[1]);
  });

  it('patient 404: no staff line', async () => {
    const patient = await createPatient('not-found-patient');
    const other = await createPatient('not-found-other');
    const cookie = await signIn(patient.email);

    const response = await request(`/chart/${other.patientId}`, { cookie });

    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain(LINE);
  });
});
