import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import * as schema from '../../schema/index.ts';
import { createPatient, db, postForm, request } from './fixtures.ts';
import { createStaff, signInAtAal2 } from './staff-fixtures.ts';

const MINUTE_MS = 60_000;

async function grantsOf(staffId: string) {
  const { results } = await env.DB.prepare(
    'select id, patient_id, reason, started_at, expires_at, ended_at from break_glass_grants where staff_id = ?',
  )
    .bind(staffId)
    .all<{
      id: string;
      patient_id: string;
      reason: string;
      started_at: string;
      expires_at: string;
      ended_at: string | null;
    }>();
  return results;
}

async function lastAudit(personId: string, action: string) {
  return env.DB.prepare(
    'select outcome, reason, resource_id, patient_id from audit_events where actor_person_id = ? and action = ? order by seq desc limit 1',
  )
    .bind(personId, action)
    .first<{ outcome: string; reason: string; resource_id: string; patient_id: string }>();
}

/** Creates a patient and signs in a clinician who is not on the patient's care team. */
async function outsider(label: string) {
  const patient = await createPatient(label);
  const staff = await createStaff(label, 'clinician', []);
  return { patient, staff, cookie: await signInAtAal2(staff.email) };
}

describe('break-glass', () => {
  it('keeps the chart closed without a grant', async () => {
    const { patient, cookie } = await outsider('bg-closed');
    expect((await request(`/chart/${patient.patientId}`, { cookie })).status).toBe(404);
  });

  it('shows the form with the patient named', async () => {
    const { patient, staff, cookie } = await outsider('bg-form');
    const response = await request(`/staff/break-glass/${patient.patientId}`, { cookie });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('Test Patient bg-form');
    expect(html).toContain('60 minutes');
    expect(html).toContain('name="reason"');
    expect(await lastAudit(staff.personId, 'break-glass.form')).toMatchObject({
      outcome: 'allow',
      patient_id: patient.patientId,
    });
  });

  it('requires a reason', async () => {
    const { patient, staff, cookie } = await outsider('bg-no-reason');
    const response = await postForm(
      `/staff/break-glass/${patient.patientId}`,
      { details: 'Typed before choosing' },
      cookie,
    );
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('There is a problem');
    expect(html).toContain('href="#reason"');
    expect(html).toContain('Choose why you need to open this chart');
    expect(html).toContain('Typed before choosing');
    expect(await grantsOf(staff.staffId)).toHaveLength(0);
  });

  it('requires a description for another reason', async () => {
    const { patient, staff, cookie } = await outsider('bg-other');
    const response = await postForm(
      `/staff/break-glass/${patient.patientId}`,
      { reason: 'other', details: 'short' },
      cookie,
    );
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('href="#details"');
    expect(html).toMatch(/value="other" checked/);
    expect(html).toContain('>short</textarea>');
    expect(await grantsOf(staff.staffId)).toHaveLength(0);
  });

  it('creates a grant, audits it and opens the chart', async () => {
    const { patient, staff, cookie } = await outsider('bg-start');
    const before = Date.now();
    const response = await postForm(
      `/staff/break-glass/${patient.patientId}`,
      { reason: 'other', details: 'Covering the on-call clinic tonight' },
      cookie,
    );
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`/chart/${patient.patientId}`);

    const [grant] = await grantsOf(staff.staffId);
    expect(grant).toBeDefined();
    expect(grant!.patient_id).toBe(patient.patientId);
    expect(grant!.reason).toBe('other: Covering the on-call clinic tonight');
    expect(grant!.ended_at).toBeNull();
    const started = Date.parse(grant!.started_at);
    expect(started).toBeGreaterThanOrEqual(before);
    expect(Date.parse(grant!.expires_at) - started).toBe(60 * MINUTE_MS);

    const audit = await lastAudit(staff.personId, 'break-glass.start');
    expect(audit).toMatchObject({
      outcome: 'success',
      reason: 'other',
      resource_id: grant!.id,
      patient_id: patient.patientId,
    });
    const leaked = await env.DB.prepare(
      "select count(*) as n from audit_events where reason like '%on-call%'",
    ).first<{ n: number }>();
    expect(leaked?.n).toBe(0);

    const chart = await request(`/chart/${patient.patientId}/results`, { cookie });
    expect(chart.status).toBe(200);
    const html = await chart.text();
    expect(html).toContain('Emergency access:');
    expect(html).toContain('Every page you open is recorded for review.');
    expect(html).toContain(`action="/staff/break-glass/${patient.patientId}/end"`);
    expect(html).toContain(`datetime="${grant!.expires_at}"`);
    expect(html).toContain(`datetime="${grant!.started_at}"`);
    expect(await lastAudit(staff.personId, 'result.view')).toMatchObject({
      outcome: 'allow',
      reason: 'break-glass',
    });
  });

  it('ends the grant on request', async () => {
    const { patient, staff, cookie } = await outsider('bg-end');
    await postForm(
      `/staff/break-glass/${patient.patientId}`,
      { reason: 'emergency-care', details: '' },
      cookie,
    );
    expect((await request(`/chart/${patient.patientId}`, { cookie })).status).toBe(200);

    const ended = await postForm(`/staff/break-glass/${patient.patientId}/end`, {}, cookie);
    expect(ended.status).toBe(303);
    expect(ended.headers.get('location')).toBe('/staff');
    const [grant] = await grantsOf(staff.staffId);
    expect(grant!.ended_at).not.toBeNull();
    expect(await lastAudit(staff.personId, 'break-glass.end')).toMatchObject({
      outcome: 'success',
      resource_id: grant!.id,
    });
    expect((await request(`/chart/${patient.patientId}`, { cookie })).status).toBe(404);
  });

  it('denies the chart once the grant expired', async () => {
    const { patient, staff, cookie } = await outsider('bg-expired');
    const now = Date.now();
    await db()
      .insert(schema.breakGlassGrants)
      .values({
        id: 'grant-bg-expired',
        staffId: staff.staffId,
        patientId: patient.patientId,
        reason: 'emergency-care',
        startedAt: new Date(now - 90 * MINUTE_MS).toISOString(),
        expiresAt: new Date(now - 30 * MINUTE_MS).toISOString(),
      });

    const chart = await request(`/chart/${patient.patientId}`, { cookie });
    expect(chart.status).toBe(404);
    expect(await lastAudit(staff.personId, 'chart.view')).toMatchObject({
      outcome: 'deny',
      reason: 'break-glass-expired',
    });

    const form = await (
      await request(`/staff/break-glass/${patient.patientId}`, { cookie })
    ).text();
    expect(form).not.toContain('You already have emergency access');
  });

  it('shows the stored start in the banner', async () => {
    const { patient, staff, cookie } = await outsider('bg-banner-start');
    const now = Date.now();
    // A grant 15 minutes long, as if BREAK_GLASS_MINUTES was 15 when it started, so its start
    // is not its expiry minus the 60 minutes configured now.
    const startedAt = new Date(now - 10 * MINUTE_MS).toISOString();
    const expiresAt = new Date(now + 5 * MINUTE_MS).toISOString();
    await db().insert(schema.breakGlassGrants).values({
      id: 'grant-bg-banner-start',
      staffId: staff.staffId,
      patientId: patient.patientId,
      reason: 'emergency-care',
      startedAt,
      expiresAt,
    });

    const html = await (await request(`/chart/${patient.patientId}`, { cookie })).text();
    expect(html).toContain('Emergency access:');
    expect(html).toContain(`datetime="${startedAt}"`);
    expect(html).toContain(`datetime="${expiresAt}"`);
  });

  it('tells care-team staff they do not need it', async () => {
    const patient = await createPatient('bg-team');
    const staff = await createStaff('bg-team', 'nurse', [patient.patientId]);
    const cookie = await signInAtAal2(staff.email);

    const form = await (
      await request(`/staff/break-glass/${patient.patientId}`, { cookie })
    ).text();
    expect(form).toContain('you do not need emergency access');
    expect(form).not.toContain('name="reason"');

    const posted = await postForm(
      `/staff/break-glass/${patient.patientId}`,
      { reason: 'emergency-care' },
      cookie,
    );
    expect(posted.status).toBe(303);
    expect(posted.headers.get('location')).toBe(`/chart/${patient.patientId}`);
    expect(await grantsOf(staff.staffId)).toHaveLength(0);
  });

  it('answers an unknown patient with 404', async () => {
    const staff = await createStaff('bg-unknown', 'clinician', []);
    const cookie = await signInAtAal2(staff.email);
    const response = await request('/staff/break-glass/no-such-patient', { cookie });
    expect(response.status).toBe(404);
  });
});
