import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { createPatient, request, signIn, type TestPatient } from './fixtures.ts';

// Storage is shared by the tests of one file, and these tests break tables on purpose, so the
// patient and session are made before anything is dropped.
let patient: TestPatient;
let session: string;

beforeAll(async () => {
  patient = await createPatient('failures');
  session = await signIn(patient.email);
});

describe('failures', () => {
  it('answers 503 when a chart table is missing', async () => {
    await env.DB.exec('DROP TABLE medications');

    const response = await request(`/chart/${patient.patientId}/medications`, { cookie: session });
    expect(response.status).toBe(503);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.text()).not.toMatch(/D1_ERROR|SQLITE|no such table/);
  });

  it('answers 503 with no PHI and no stack when the audit write fails', async () => {
    await env.DB.exec('DROP TABLE audit_events');

    const response = await request(`/chart/${patient.patientId}/results/${patient.resultId}`, {
      cookie: session,
    });
    expect(response.status).toBe(503);
    const html = await response.text();
    expect(html).toContain('Sorry, there is a problem');
    expect(html).not.toContain('7.9');
    expect(html).not.toContain('Hemoglobin');
    expect(html).not.toMatch(/at \S+ \(|D1_ERROR|SQLITE/);
  });
});
