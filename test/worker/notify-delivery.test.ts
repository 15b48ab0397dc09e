import {
  createExecutionContext,
  createScheduledController,
  waitOnExecutionContext,
} from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { and, asc, desc, eq } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/d1';
import { Hono } from 'hono';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as schema from '../../schema/index.ts';
import type { AppEnv } from '../../worker/app.ts';
import { verifyChain } from '../../worker/audit/verify.ts';
import worker, { app } from '../../worker/index.ts';
import { attemptDelivery } from '../../worker/notify/deliver.ts';
import type { NotificationProvider } from '../../worker/notify/provider.ts';
import { retryNotificationsOnSchedule } from '../../worker/notify/retry.ts';
import { createPatient, db, latestCode, ORIGIN, postForm } from './fixtures.ts';

// Nothing in these tests leaves the machine. The provider that accepts is a fetch mock on a
// loopback URL, and the one that is down is port 1 on 127.0.0.1, where nothing listens.
const ACCEPTING_URL = 'http://127.0.0.1:1/accepting';
const DOWN_URL = 'http://127.0.0.1:1/down';

afterEach(() => {
  vi.restoreAllMocks();
});

function webhookEnv(url: string): PortalBindings {
  return { ...env, NOTIFY_PROVIDER: 'webhook', NOTIFY_WEBHOOK_URL: url };
}

// Responds to requests to ACCEPTING_URL with `status` and lets every other request through, and
// returns the bodies it received.
function mockProvider(status: number) {
  const received: unknown[] = [];
  const realFetch = globalThis.fetch;
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    if (String(input) !== ACCEPTING_URL) return realFetch(input, init);
    received.push(JSON.parse(String(init?.body)));
    return new Response(null, { status });
  });
  return received;
}

// Posts the sign-in form to the portal with the given bindings and waits for the work the
// response left running, the delivery after the response among it.
async function requestCode(bindings: PortalBindings, email: string) {
  const ctx = createExecutionContext();
  const response = await app.fetch(
    new Request(`${ORIGIN}/sign-in`, {
      method: 'POST',
      body: new URLSearchParams({ email }),
      headers: { origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' },
      redirect: 'manual',
    }),
    bindings,
    ctx,
  );
  await waitOnExecutionContext(ctx);
  expect(response.status).toBe(303);
}

async function outboxRowFor(email: string) {
  const [row] = await db()
    .select()
    .from(schema.outbox)
    .where(eq(schema.outbox.recipient, email))
    .orderBy(desc(schema.outbox.createdAt));
  expect(row).toBeDefined();
  return row!;
}

function failureEventsFor(notificationId: string) {
  return db()
    .select()
    .from(schema.auditEvents)
    .where(
      and(
        eq(schema.auditEvents.action, 'notification.delivery-failed'),
        eq(schema.auditEvents.resourceId, notificationId),
      ),
    )
    .orderBy(asc(schema.auditEvents.seq));
}

async function expectChainIntact() {
  const trail = await db().select().from(schema.auditEvents).orderBy(asc(schema.auditEvents.seq));
  expect(await verifyChain(trail)).toEqual({ ok: true, count: trail.length });
}

// Runs the cron handler as if it fired two minutes from now, when every row queued or attempted
// by a test is due for a retry.
function runScheduled(bindings: PortalBindings) {
  return worker.scheduled(
    createScheduledController({ cron: '*/15 * * * *', scheduledTime: Date.now() + 120_000 }),
    bindings,
  );
}

describe('development outbox', () => {
  it('writes rows as delivered', async () => {
    const patient = await createPatient('notify-dev');
    const response = await postForm('/sign-in', { email: patient.email });
    expect(response.status).toBe(303);

    const row = await outboxRowFor(patient.email);
    expect(row.status).toBe('delivered');
    expect(row.deliveredAt).toBe(row.createdAt);
    expect(row.attempts).toBe(0);
    expect(await latestCode(patient.email)).toMatch(/^\d{6}$/);
  });

  it('scheduled retry sends nothing', async () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    const controller = createScheduledController({ scheduledTime: Date.now() + 120_000 });

    expect(await retryNotificationsOnSchedule(controller, env)).toBeNull();
    expect(fetchSpy).not.toHaveBeenCalled();
  });
});

describe('webhook provider', () => {
  it('delivers after the response', async () => {
    const received = mockProvider(202);
    const patient = await createPatient('notify-ok');

    await requestCode(webhookEnv(ACCEPTING_URL), patient.email);

    const row = await outboxRowFor(patient.email);
    expect(row.status).toBe('delivered');
    expect(row.attempts).toBe(1);
    expect(row.deliveredAt).not.toBeNull();
    expect(received).toEqual([
      { channel: 'email', recipient: patient.email, subject: row.subject, body: row.body },
    ]);
    expect(await failureEventsFor(row.id)).toEqual([]);
  });

  it('records an unreachable provider', async () => {
    const patient = await createPatient('notify-down');
    const warn = vi.spyOn(console, 'warn');

    await requestCode(webhookEnv(DOWN_URL), patient.email);

    const row = await outboxRowFor(patient.email);
    expect(row.status).toBe('failed');
    expect(row.attempts).toBe(1);
    expect(row.lastAttemptAt).not.toBeNull();
    expect(row.deliveredAt).toBeNull();

    const events = await failureEventsFor(row.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      actorRole: 'system',
      actorPersonId: null,
      patientId: null,
      resourceType: 'notification',
      resourceId: row.id,
      outcome: 'failure',
      reason: 'provider-unreachable',
    });
    const eventText = JSON.stringify(events[0]);
    expect(eventText).not.toContain(patient.email);
    expect(eventText).not.toContain(row.subject);
    expect(eventText).not.toContain(row.body);
    await expectChainIntact();

    const lines = warn.mock.calls
      .map(([line]) => String(line))
      .filter((line) => line.includes('"notification.delivery-failed"'));
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({
      notificationId: row.id,
      attempt: 1,
      reason: 'provider-unreachable',
    });
    expect(lines[0]).not.toContain(patient.email);
    expect(lines[0]).not.toContain(row.subject);
    expect(lines[0]).not.toContain(row.body);
  });

  it('records a non-2xx response', async () => {
    mockProvider(503);
    const patient = await createPatient('notify-503');

    await requestCode(webhookEnv(ACCEPTING_URL), patient.email);

    const row = await outboxRowFor(patient.email);
    expect(row.status).toBe('failed');
    const events = await failureEventsFor(row.id);
    expect(events.map((event) => event.reason)).toEqual(['provider-http-503']);
    await expectChainIntact();
  });

  it('sends nothing when the request batch failed', async () => {
    const received = mockProvider(202);
    const patient = await createPatient('notify-rollback');
    // The sign-in code insert fails, so its batch, with the outbox row, is rolled back.
    await env.DB.exec(
      "CREATE TRIGGER reject_codes_test BEFORE INSERT ON one_time_codes BEGIN SELECT RAISE(ABORT, 'rejected by test'); END",
    );
    try {
      const ctx = createExecutionContext();
      await app.fetch(
        new Request(`${ORIGIN}/sign-in`, {
          method: 'POST',
          body: new URLSearchParams({ email: patient.email }),
          headers: { origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' },
          redirect: 'manual',
        }),
        webhookEnv(ACCEPTING_URL),
        ctx,
      );
      await waitOnExecutionContext(ctx);
    } finally {
      await env.DB.exec('DROP TRIGGER reject_codes_test');
    }

    const rows = await db()
      .select()
      .from(schema.outbox)
      .where(eq(schema.outbox.recipient, patient.email));
    expect(rows).toEqual([]);
    expect(received).toEqual([]);
  });
});

describe('scheduled retry', () => {
  it('delivers a failed notification', async () => {
    const patient = await createPatient('notify-retry');
    await requestCode(webhookEnv(DOWN_URL), patient.email);
    const failed = await outboxRowFor(patient.email);
    expect(failed.status).toBe('failed');

    const received = mockProvider(202);
    await runScheduled(webhookEnv(ACCEPTING_URL));

    const row = await outboxRowFor(patient.email);
    expect(row.status).toBe('delivered');
    expect(row.attempts).toBe(2);
    expect(received).toContainEqual(expect.objectContaining({ recipient: patient.email }));
    expect(await failureEventsFor(row.id)).toHaveLength(1);
  });

  it('audits each failed retry', async () => {
    const patient = await createPatient('notify-retry-down');
    await requestCode(webhookEnv(DOWN_URL), patient.email);
    const row = await outboxRowFor(patient.email);

    await runScheduled(webhookEnv(DOWN_URL));

    const after = await outboxRowFor(patient.email);
    expect(after.status).toBe('failed');
    expect(after.attempts).toBe(2);
    const events = await failureEventsFor(row.id);
    expect(events.map((event) => event.reason)).toEqual([
      'provider-unreachable',
      'provider-unreachable',
    ]);
    // The retry has no request, so its event carries a scheduled run's id.
    expect(events[1]!.requestId).toMatch(/^scheduled-/);
    expect(events[1]!.actorRole).toBe('system');
    await expectChainIntact();
  });

  it('stops after five attempts', async () => {
    const patient = await createPatient('notify-exhausted');
    await requestCode(webhookEnv(DOWN_URL), patient.email);
    const row = await outboxRowFor(patient.email);
    await env.DB.prepare('update outbox set attempts = 5 where id = ?').bind(row.id).run();

    const received = mockProvider(202);
    await runScheduled(webhookEnv(ACCEPTING_URL));

    const after = await outboxRowFor(patient.email);
    expect(after.status).toBe('failed');
    expect(after.attempts).toBe(5);
    expect(received).not.toContainEqual(expect.objectContaining({ recipient: patient.email }));
  });

  it('skips rows attempted moments ago', async () => {
    const patient = await createPatient('notify-fresh');
    await requestCode(webhookEnv(DOWN_URL), patient.email);
    const row = await outboxRowFor(patient.email);

    const received = mockProvider(202);
    // Fired now rather than two minutes on, the attempt a moment ago is too recent to retry.
    await worker.scheduled(
      createScheduledController({ scheduledTime: Date.now() }),
      webhookEnv(ACCEPTING_URL),
    );

    expect((await outboxRowFor(patient.email)).attempts).toBe(row.attempts);
    expect(received).not.toContainEqual(expect.objectContaining({ recipient: patient.email }));
  });
});

describe('attemptDelivery', () => {
  it('sends a row once when two callers race', async () => {
    const id = `race-${crypto.randomUUID()}`;
    await db().insert(schema.outbox).values({
      id,
      channel: 'email',
      recipient: 'race-test@example.org',
      subject: 'Race test',
      body: 'Race test body',
      createdAt: new Date().toISOString(),
      status: 'queued',
    });
    const sent: string[] = [];
    const provider: NotificationProvider = {
      name: 'webhook',
      deliversOnInsert: false,
      async send(notification) {
        sent.push(notification.recipient);
      },
    };
    const racingApp = new Hono<AppEnv>().get('/race', async (c) => {
      c.set('requestId', `request-${crypto.randomUUID()}`);
      c.set('db', drizzle(env.DB, { schema }));
      const outcomes = await Promise.all([
        attemptDelivery(c, provider, id, 0),
        attemptDelivery(c, provider, id, 0),
      ]);
      return c.json(outcomes.toSorted());
    });

    const response = await racingApp.request('/race');

    expect(await response.json()).toEqual(['delivered', 'skipped']);
    expect(sent).toEqual(['race-test@example.org']);
    const [row] = await db().select().from(schema.outbox).where(eq(schema.outbox.id, id));
    expect(row).toMatchObject({ status: 'delivered', attempts: 1 });
  });
});
