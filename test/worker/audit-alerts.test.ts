import { env } from 'cloudflare:workers';
import { and, eq } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/d1';
import { Hono } from 'hono';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as schema from '../../schema/index.ts';
import type { AppEnv } from '../../worker/app.ts';
import { appendAuditEvent, type AuditEventInput } from '../../worker/audit/append.ts';
import { readConfig } from '../../worker/config.ts';
import { type AlertKind } from '../../worker/audit/alerts.ts';
import { cookiesFrom, createPatient, db, latestCode, request } from './fixtures.ts';

const PRIVACY_OFFICE = readConfig(env).audit.privacyOfficeEmail;

// A bare app with the portal's config and database whose one route appends the posted event,
// so a test can write events of any actor and patient without building their charts.
const harness = new Hono<AppEnv>();
harness.post('/append', async (c) => {
  c.set('requestId', `request-${crypto.randomUUID()}`);
  c.set('config', readConfig(c.env));
  c.set('db', drizzle(c.env.DB, { schema }));
  await appendAuditEvent(c, await c.req.json<AuditEventInput>());
  return c.body(null, 204);
});

async function append(event: AuditEventInput) {
  const response = await harness.request(
    'http://localhost/append',
    { method: 'POST', body: JSON.stringify(event) },
    env,
  );
  expect(response.status).toBe(204);
}

function chartView(actorPersonId: string, patientId: string): AuditEventInput {
  return {
    actorPersonId,
    actorRole: 'staff',
    action: 'results.view',
    resourceType: 'results',
    patientId,
    outcome: 'allow',
    reason: 'care-team',
  };
}

async function alertsFor(kind: AlertKind, subjectKey: string) {
  return db()
    .select()
    .from(schema.auditAlerts)
    .where(and(eq(schema.auditAlerts.kind, kind), eq(schema.auditAlerts.subjectKey, subjectKey)));
}

async function privacyOfficeMail() {
  return db().select().from(schema.outbox).where(eq(schema.outbox.recipient, PRIVACY_OFFICE));
}

describe('bulk access alert', () => {
  const threshold = readConfig(env).audit.bulkAccessCharts;

  it('fires at the threshold, not below it', async () => {
    const actor = 'person-bulk-reader';
    for (let index = 1; index < threshold; index += 1) {
      await append(chartView(actor, `patient-bulk-${index}`));
    }
    // The same chart again is not a new chart.
    await append(chartView(actor, 'patient-bulk-1'));
    expect(await alertsFor('bulk-access', `person:${actor}`)).toHaveLength(0);

    await append(chartView(actor, `patient-bulk-${threshold}`));
    const alerts = await alertsFor('bulk-access', `person:${actor}`);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.eventCount).toBe(threshold);
  });

  it('fires once per window', async () => {
    const actor = 'person-bulk-repeat';
    for (let index = 1; index <= threshold + 5; index += 1) {
      await append(chartView(actor, `patient-repeat-${index}`));
    }
    expect(await alertsFor('bulk-access', `person:${actor}`)).toHaveLength(1);
  });

  it('fires for downloads of one chart', async () => {
    const actor = 'person-bulk-downloader';
    const download = { ...chartView(actor, 'patient-download'), action: 'record.download' };
    for (let index = 1; index < threshold; index += 1) await append(download);
    expect(await alertsFor('bulk-access', `person:${actor}`)).toHaveLength(0);

    await append(download);
    expect(await alertsFor('bulk-access', `person:${actor}`)).toHaveLength(1);
  });

  it('ignores denied views', async () => {
    const actor = 'person-bulk-denied';
    for (let index = 1; index <= threshold; index += 1) {
      await append({ ...chartView(actor, `patient-denied-${index}`), outcome: 'deny' });
    }
    expect(await alertsFor('bulk-access', `person:${actor}`)).toHaveLength(0);
  });

  it('mails the privacy office ids and counts only', async () => {
    const actor = 'person-bulk-mailed';
    for (let index = 1; index <= threshold; index += 1) {
      await append(chartView(actor, `patient-mailed-${index}`));
    }
    const [alert] = await alertsFor('bulk-access', `person:${actor}`);
    const mail = (await privacyOfficeMail()).find((row) => row.body.includes(alert!.id));
    expect(mail?.subject).toBe('Audit alert: bulk access to charts');
    expect(mail?.body).toContain(`person:${actor}`);
    expect(mail?.body).toContain('/staff/privacy/alerts');
    expect(mail?.body).not.toMatch(/patient-mailed/);
  });
});

describe('failed sign-in burst alert', () => {
  const threshold = readConfig(env).audit.failedSignInCount;

  // Failed sign-ins count in fixed windows, so a test running across a window boundary would
  // split its burst. The clock is held at one instant inside a window instead.
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-04T18:05:00.000Z'));
  });
  afterEach(() => vi.useRealTimers());

  // Posts wrong codes from one client address, asking for a new code whenever the old one is
  // used up, so every failure names the account.
  async function failSignIns(email: string, address: string, failures: number) {
    const postForm = (path: string, fields: Record<string, string>, cookie?: string) =>
      request(path, {
        method: 'POST',
        body: new URLSearchParams(fields),
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'cf-connecting-ip': address,
        },
        cookie,
      });
    let cookie = '';
    for (let done = 0; done < failures; done += 1) {
      if (done % 5 === 0) {
        const started = await postForm('/sign-in', { email });
        cookie = cookiesFrom(started);
      }
      const wrong = (Number(await latestCode(email)) + 1) % 1_000_000;
      const response = await postForm(
        '/sign-in/code',
        { code: String(wrong).padStart(6, '0') },
        cookie,
      );
      expect(response.status).toBe(400);
    }
  }

  it('fires for the account and the client at the threshold', async () => {
    const patient = await createPatient('burst');
    await failSignIns(patient.email, '192.0.2.10', threshold - 1);
    expect(await alertsFor('failed-sign-in-burst', `person:${patient.personId}`)).toHaveLength(0);

    await failSignIns(patient.email, '192.0.2.10', 1);
    const accountAlerts = await alertsFor('failed-sign-in-burst', `person:${patient.personId}`);
    expect(accountAlerts).toHaveLength(1);
    // The window of the held clock, which shows that the worker used that clock too.
    expect(accountAlerts[0]!.windowStart).toBe('2026-12-04T18:00:00.000Z');
    const clientAlerts = (await db().select().from(schema.auditAlerts)).filter(
      (alert) => alert.kind === 'failed-sign-in-burst' && alert.subjectKey.startsWith('client:'),
    );
    expect(clientAlerts).toHaveLength(1);
    expect(clientAlerts[0]!.subjectKey).not.toContain('192.0.2.10');
  });

  it('fires once per window', async () => {
    const patient = await createPatient('burst-repeat');
    await failSignIns(patient.email, '192.0.2.11', threshold + 3);
    expect(await alertsFor('failed-sign-in-burst', `person:${patient.personId}`)).toHaveLength(1);
  });
});

describe('break-glass alert', () => {
  it('fires for every break-glass start', async () => {
    const start: AuditEventInput = {
      actorPersonId: 'person-break-glass-staff',
      actorRole: 'staff',
      action: 'break-glass.start',
      resourceType: 'break-glass-grant',
      resourceId: 'grant-1',
      patientId: 'patient-break-glass',
      outcome: 'allow',
      reason: 'break-glass',
    };
    await append(start);
    await append({ ...start, resourceId: 'grant-2' });

    const alerts = await alertsFor('break-glass', 'person:person-break-glass-staff');
    expect(alerts).toHaveLength(2);
    const mails = await privacyOfficeMail();
    for (const alert of alerts) {
      expect(mails.some((mail) => mail.body.includes(alert.id))).toBe(true);
    }
  });
});
