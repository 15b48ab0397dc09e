// Seeds charts that carry canary values, uses the portal as their patients, and checks that no
// canary reaches a console line, an audit event or a notification. The global setup in
// test/canary-check.global.ts checks the console output of the whole run once more at its end.
import { env } from 'cloudflare:workers';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CANARY_PREFIX, seedDatabase } from '../../seed/index.ts';
import { cookiesFrom, postForm, request, signIn } from './fixtures.ts';

interface CanaryPatient {
  patientId: string;
  email: string;
  canary: string;
}

const consoleLines: string[] = [];
let canaries: string[] = [];
let patients: CanaryPatient[] = [];

async function rows<T>(sql: string, ...params: unknown[]): Promise<T[]> {
  return (
    await env.DB.prepare(sql)
      .bind(...params)
      .all<T>()
  ).results;
}

function canariesIn(text: string) {
  return canaries.filter((canary) => text.includes(canary));
}

beforeAll(async () => {
  // Record every console call while still printing it, so the run's capture file gets it too.
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    const original = console[method].bind(console);
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      consoleLines.push(args.map(String).join(' '));
      original(...args);
    });
  }

  const summary = await seedDatabase(env.DB, {
    seed: 5,
    referenceDate: '2026-11-03',
    patients: 30,
    canaries: true,
  });
  canaries = [...new Set(summary.canaries.map((planted) => planted.value))];
  patients = await rows<CanaryPatient>(
    `select pp.patient_id as patientId, p.email as email, substr(p.display_name, 1, 22) as canary
     from people p join person_patients pp on pp.person_id = p.id
     where p.display_name like 'CANARY%'`,
  );
}, 60_000);

afterAll(() => vi.restoreAllMocks());

describe('canary values', () => {
  it('are planted in the seeded charts', () => {
    expect(canaries.length).toBeGreaterThan(0);
    // The run's console check in test/console-capture.ts looks for this shape.
    for (const canary of canaries)
      expect(canary).toMatch(new RegExp(`^${CANARY_PREFIX}[0-9a-f]{16}$`));
    expect(patients.length).toBeGreaterThan(0);
  });

  it('stay out of chart page logs', async () => {
    for (const patient of patients) {
      const cookie = await signIn(patient.email);
      const chart = `/chart/${patient.patientId}`;
      const results = await rows<{ id: string }>(
        'select id from results where patient_id = ?',
        patient.patientId,
      );
      const threads = await rows<{ id: string }>(
        'select id from message_threads where patient_id = ?',
        patient.patientId,
      );
      const pages = [
        chart,
        `${chart}/results`,
        ...results.map((result) => `${chart}/results/${result.id}`),
        `${chart}/medications`,
        `${chart}/messages`,
        ...threads.map((thread) => `${chart}/messages/${thread.id}`),
        `${chart}/messages/new`,
        `${chart}/appointments`,
        `${chart}/health`,
        `${chart}/access-history`,
      ];
      for (const page of pages) {
        const response = await request(page, { cookie });
        expect(response.status, page).toBeLessThan(500);
        await response.text();
      }

      const dashboard = await (await request(chart, { cookie })).text();
      expect(dashboard).toContain(patient.canary);

      // Error paths: unknown items, another chart, a form with invalid input that contains the
      // canary, a request from another site and a wrong sign-in code.
      expect((await request(`${chart}/results/no-such-result`, { cookie })).status).toBe(404);
      expect((await request(`${chart}/messages/no-such-thread`, { cookie })).status).toBe(404);
      expect((await request('/chart/no-such-patient', { cookie })).status).toBe(404);
      const invalid = await postForm(
        `${chart}/messages/new`,
        { subject: '', 'care-team': 'no-such-team', body: `About ${patient.canary} 1980-01-01` },
        cookie,
      );
      expect(invalid.status).toBe(400);
      const crossSite = await request(`${chart}/messages/new`, {
        method: 'POST',
        headers: { origin: 'https://attacker.example.org' },
        body: new URLSearchParams({ body: patient.canary }),
        cookie,
      });
      expect(crossSite.status).toBe(403);
      const started = await postForm('/sign-in', { email: patient.email });
      await postForm('/sign-in/code', { code: '000000' }, cookiesFrom(started));
    }

    const leaked = consoleLines.filter((line) => canariesIn(line).length > 0);
    expect(leaked).toEqual([]);
    // The timeout allows every page of every canary chart, one request at a time, on a slow machine.
  }, 180_000);

  it('stay out of failed request logs', async () => {
    const [patient] = patients;
    const cookie = await signIn(patient!.email);
    const chart = `/chart/${patient!.patientId}`;
    const [thread] = await rows<{ id: string }>(
      'select id from message_threads where patient_id = ?',
      patient!.patientId,
    );
    const teams = await rows<{ id: string }>(
      'select care_team_id as id from patient_care_teams where patient_id = ?',
      patient!.patientId,
    );
    const linesBefore = consoleLines.length;

    // Without the messages table, sending a message fails inside a query whose bound
    // parameters hold the typed text, and the error handler logs the failure.
    await env.DB.exec('ALTER TABLE messages RENAME TO messages_unavailable');
    try {
      const failed = await postForm(
        `${chart}/messages/new`,
        {
          subject: `Question from ${patient!.canary}`,
          'care-team': teams[0]!.id,
          body: `Please call ${patient!.canary}, born 1980-01-01`,
        },
        cookie,
      );
      expect(failed.status).toBe(503);
      if (thread) {
        expect((await request(`${chart}/messages/${thread.id}`, { cookie })).status).toBe(503);
      }
    } finally {
      await env.DB.exec('ALTER TABLE messages_unavailable RENAME TO messages');
    }

    const failures = consoleLines
      .slice(linesBefore)
      .filter((line) => line.includes('request.failed'));
    expect(failures.length).toBeGreaterThan(0);
    expect(consoleLines.filter((line) => canariesIn(line).length > 0)).toEqual([]);
  });

  it('stay out of audit and outbox rows', async () => {
    const events = await rows<Record<string, unknown>>('select * from audit_events');
    const alerts = await rows<Record<string, unknown>>('select * from audit_alerts');
    const notifications = await rows<Record<string, unknown>>('select subject, body from outbox');
    expect(events.length).toBeGreaterThan(0);
    for (const [table, tableRows] of Object.entries({ events, alerts, notifications })) {
      const leaked = tableRows.filter((row) => canariesIn(JSON.stringify(row)).length > 0);
      expect(leaked, table).toEqual([]);
    }
  });
});
