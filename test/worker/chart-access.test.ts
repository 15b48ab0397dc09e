import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { chartRoutes } from '../../worker/chart/routes.ts';
import * as schema from '../../schema/index.ts';
import { createPatient, db, request, signIn } from './fixtures.ts';

// Every GET route of the chart, with its parameters filled for a given patient.
function chartPaths(patient: { patientId: string; resultId: string; threadId: string }) {
  return chartRoutes.routes
    .filter((route) => route.method === 'GET' && !route.path.includes('*'))
    .map((route) =>
      `/chart/${patient.patientId}${route.path}`
        .replace(':resultId', patient.resultId)
        .replace(':threadId', patient.threadId)
        .replace(/\/$/, ''),
    );
}

describe('chart access', () => {
  it('lets a patient open every page of their own chart', async () => {
    const patient = await createPatient('own');
    const session = await signIn(patient.email);
    const paths = [...new Set(chartPaths(patient))];
    expect(paths.length).toBeGreaterThanOrEqual(8);
    for (const path of paths) {
      const response = await request(path, { cookie: session });
      expect(response.status, path).toBe(200);
    }
  });

  it('treats another patient’s chart as missing', async () => {
    const alice = await createPatient('alice');
    const bob = await createPatient('bob');
    const session = await signIn(alice.email);
    const missing = { patientId: 'no-such-patient', resultId: 'no-such-result', threadId: 'none' };

    const bobPaths = [...new Set(chartPaths(bob))];
    const missingPaths = [...new Set(chartPaths(missing))];
    for (const [index, path] of bobPaths.entries()) {
      const foreign = await request(path, { cookie: session });
      const absent = await request(missingPaths[index]!, { cookie: session });
      expect(foreign.status, path).toBe(404);
      expect(absent.status).toBe(404);
      const foreignHtml = await foreign.text();
      expect(foreignHtml).toBe(await absent.text());
      expect(foreignHtml).not.toContain(bob.patientId);
      expect(foreignHtml).not.toContain('Patient bob');
    }
  });

  it('hides another patient’s item inside one’s own chart', async () => {
    const alice = await createPatient('alice-item');
    const bob = await createPatient('bob-item');
    const session = await signIn(alice.email);

    const result = await request(`/chart/${alice.patientId}/results/${bob.resultId}`, {
      cookie: session,
    });
    const missing = await request(`/chart/${alice.patientId}/results/no-such-result`, {
      cookie: session,
    });
    expect(result.status).toBe(404);
    expect(await result.text()).toBe(await missing.text());

    const thread = await request(`/chart/${alice.patientId}/messages/${bob.threadId}`, {
      cookie: session,
    });
    expect(thread.status).toBe(404);
  });

  it('audits chart views and denials', async () => {
    const alice = await createPatient('audit-a');
    const bob = await createPatient('audit-b');
    const session = await signIn(alice.email);

    await request(`/chart/${alice.patientId}/results/${alice.resultId}`, { cookie: session });
    await request(`/chart/${bob.patientId}/results`, { cookie: session });

    const allowed = await env.DB.prepare(
      'select outcome, reason, resource_id from audit_events where patient_id = ? and action = ?',
    )
      .bind(alice.patientId, 'result.view')
      .first<{ outcome: string; reason: string; resource_id: string }>();
    expect(allowed).toEqual({ outcome: 'allow', reason: 'self', resource_id: alice.resultId });

    const denied = await env.DB.prepare(
      'select outcome, reason, actor_person_id from audit_events where patient_id = ?',
    )
      .bind(bob.patientId)
      .first<{ outcome: string; reason: string; actor_person_id: string }>();
    expect(denied).toEqual({
      outcome: 'deny',
      reason: 'no-relationship',
      actor_person_id: alice.personId,
    });
  });

  it('shows the result value, unit, range and flag', async () => {
    const patient = await createPatient('detail');
    const session = await signIn(patient.email);
    const response = await request(`/chart/${patient.patientId}/results/${patient.resultId}`, {
      cookie: session,
    });
    const html = await response.text();
    expect(html).toContain('7.9');
    expect(html).toContain('%');
    expect(html).toMatch(/4(\.0)?\s*(–|-|to)\s*5\.6/);
    expect(html).toContain('High');
  });

  it('escapes message text written by people', async () => {
    const patient = await createPatient('escape');
    const session = await signIn(patient.email);
    const response = await request(`/chart/${patient.patientId}/messages/${patient.threadId}`, {
      cookie: session,
    });
    const html = await response.text();
    expect(html).toContain('&lt;b&gt;A1c&lt;/b&gt;');
    expect(html).not.toContain('<b>A1c</b>');
  });
});

describe('people a proxy helps care for', () => {
  it('lists an active child on parent home', async () => {
    const parent = await createPatient('parent');
    const child = await createPatient('child', { birthDate: '2018-05-01' });
    const d = db();
    await d.insert(schema.relationships).values({
      id: 'relationship-parent-child',
      proxyPersonId: parent.personId,
      patientId: child.patientId,
      kind: 'parent-of-minor',
      scopes: 'record,messaging',
      validFrom: '2015-01-01',
      validTo: '2099-01-01',
      status: 'active',
      legalBasis: 'Made-up test document',
      createdAt: '2026-01-01T00:00:00.000Z',
    });
    const session = await signIn(parent.email);

    const home = await (await request(`/chart/${parent.patientId}`, { cookie: session })).text();
    expect(home).toContain('People you help care for');
    expect(home).toContain(`<a href="/chart/${child.patientId}">Test Patient child</a> (parent)`);

    // A proxy signed in with a code is asked for a passkey before the child's chart opens.
    const childChart = await request(`/chart/${child.patientId}`, { cookie: session });
    expect(childChart.status).toBe(303);
    expect(childChart.headers.get('location')).toMatch(/^\/step-up\?return=/);
  });

  it('leaves out revoked relationships', async () => {
    const parent = await createPatient('revoked-parent');
    const child = await createPatient('revoked-child');
    await db().insert(schema.relationships).values({
      id: 'relationship-revoked',
      proxyPersonId: parent.personId,
      patientId: child.patientId,
      kind: 'parent-of-minor',
      scopes: 'record',
      validFrom: '2015-01-01',
      validTo: null,
      status: 'revoked',
      legalBasis: 'Made-up test document',
      createdAt: '2026-01-01T00:00:00.000Z',
    });
    const session = await signIn(parent.email);

    const home = await (await request(`/chart/${parent.patientId}`, { cookie: session })).text();
    expect(home).not.toContain('People you help care for');
  });
});
