import { env } from 'cloudflare:workers';
import { asc } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/d1';
import { Hono } from 'hono';
import { beforeAll, describe, expect, it } from 'vitest';
import * as schema from '../../schema/index.ts';
import type { AppEnv } from '../../worker/app.ts';
import { appendAuditEvent } from '../../worker/audit/append.ts';
import {
  canonicalEvent,
  GENESIS_HASH,
  hashEvent,
  type ChainedEvent,
} from '../../worker/audit/chain.ts';
import { verifyChain } from '../../worker/audit/verify.ts';
import {
  cookiesFrom,
  createPatient,
  db,
  postForm,
  request,
  signIn,
  type TestPatient,
} from './fixtures.ts';

// Storage is shared by the tests of this file. Tests that tamper with the trail put every row
// back as it was, and each checks that the chain verifies again afterwards.

const CONCURRENT_VIEWS = 300;
const IN_FLIGHT = 50;
const CONCURRENT_SIGN_INS = 60;
const SIMULTANEOUS_APPENDS = 50;

// Runs `count` tasks with at most `limit` of them in flight at any moment.
async function inParallel<T>(count: number, limit: number, task: (index: number) => Promise<T>) {
  const results: T[] = [];
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const index = next;
      next += 1;
      results[index] = await task(index);
    }
  };
  await Promise.all(Array.from({ length: limit }, worker));
  return results;
}

// A bare app whose one route appends an event through `d1`, outside the portal's middleware.
function appendingApp(d1: D1Database) {
  const app = new Hono<AppEnv>();
  app.get('/append', async (c) => {
    c.set('requestId', `request-${crypto.randomUUID()}`);
    c.set('db', drizzle(d1, { schema }));
    await appendAuditEvent(c, {
      actorRole: 'anonymous',
      action: 'test.append',
      resourceType: 'test',
      outcome: 'success',
      reason: c.req.query('reason') ?? 'test',
    });
    return c.text('appended');
  });
  return app;
}

function readTrail(): Promise<ChainedEvent[]> {
  return db().select().from(schema.auditEvents).orderBy(asc(schema.auditEvents.seq));
}

async function countRows(sql: string, ...values: string[]): Promise<number> {
  const row = await env.DB.prepare(sql)
    .bind(...values)
    .first<{ n: number }>();
  return row!.n;
}

async function ageSession(personId: string, ms: number) {
  await env.DB.prepare('update sessions set last_seen_at = ? where person_id = ?')
    .bind(new Date(Date.now() - ms).toISOString(), personId)
    .run();
}

// Hides the audit table, so every audit write fails, for the duration of `body`.
async function withoutAuditTable(body: () => Promise<void>) {
  await env.DB.exec('ALTER TABLE audit_events RENAME TO audit_events_hidden');
  try {
    await body();
  } finally {
    await env.DB.exec('ALTER TABLE audit_events_hidden RENAME TO audit_events');
  }
}

describe('audit chain format', () => {
  it('hashEvent matches a fixed vector', async () => {
    const event = {
      seq: 1,
      at: '2026-01-02T03:04:05.678Z',
      actorPersonId: 'person-vector',
      actorRole: 'self',
      actingForPatientId: null,
      action: 'result.view',
      resourceType: 'result',
      resourceId: 'result-vector',
      patientId: 'patient-vector',
      outcome: 'allow',
      reason: 'self',
      requestId: 'request-vector',
      clientClass: 'phone',
      prevHash: GENESIS_HASH,
    };
    // Computed outside the worker with Node's crypto.createHash over the same string.
    expect(canonicalEvent(event)).toBe(
      '{"seq":1,"at":"2026-01-02T03:04:05.678Z","actor_person_id":"person-vector",' +
        '"actor_role":"self","acting_for_patient_id":null,"action":"result.view",' +
        '"resource_type":"result","resource_id":"result-vector","patient_id":"patient-vector",' +
        '"outcome":"allow","reason":"self","request_id":"request-vector","client_class":"phone",' +
        `"prev_hash":"${GENESIS_HASH}"}`,
    );
    expect(await hashEvent(event)).toBe(
      '0b6d080e20b7d303707c707814be7a8c0c2a3a39af4d2844e493d921bf58fa52',
    );
  });

  it('verifyChain accepts an empty trail', async () => {
    expect(await verifyChain([])).toEqual({ ok: true, count: 0 });
  });
});

describe('audit chain under concurrent requests', () => {
  it('verifies after hundreds of concurrent chart views', { timeout: 60_000 }, async () => {
    const patient = await createPatient('chain-views');
    const session = await signIn(patient.email);
    const path = `/chart/${patient.patientId}/results/${patient.resultId}`;

    const started = performance.now();
    const responses = await inParallel(CONCURRENT_VIEWS, IN_FLIGHT, () =>
      request(path, { cookie: session }),
    );
    const elapsedMs = performance.now() - started;
    console.log(
      `audit chain: ${CONCURRENT_VIEWS} concurrent chart views in ${elapsedMs.toFixed(0)} ms`,
    );

    const statuses = responses.map((response) => response.status);
    expect(statuses).toEqual(Array(CONCURRENT_VIEWS).fill(200));
    const views = await countRows(
      "select count(*) as n from audit_events where patient_id = ? and action = 'result.view'",
      patient.patientId,
    );
    expect(views).toBe(CONCURRENT_VIEWS);

    const trail = await readTrail();
    expect(trail.map((row) => row.seq)).toEqual(trail.map((_, index) => index + 1));
    expect(await verifyChain(trail)).toEqual({ ok: true, count: trail.length });
  });

  it('verifies after concurrent sign-in code requests', { timeout: 60_000 }, async () => {
    const patient = await createPatient('chain-codes');
    const emails = Array.from({ length: CONCURRENT_SIGN_INS }, (_, index) =>
      // Half the requests name an address on file and half an unknown one.
      index % 2 === 0 ? patient.email : `unknown-${index}@example.org`,
    );

    const responses = await Promise.all(emails.map((email) => postForm('/sign-in', { email })));

    expect(responses.map((response) => response.status)).toEqual(
      Array(CONCURRENT_SIGN_INS).fill(303),
    );
    // The sign-in cookie carries the id of the code row each request issued.
    const codeIds = JSON.stringify(
      responses.map((response) => cookiesFrom(response).match(/__Host-sign-in=([^;]+)/)![1]),
    );
    const issued = await countRows(
      'select count(*) as n from one_time_codes where id in (select value from json_each(?))',
      codeIds,
    );
    expect(issued).toBe(CONCURRENT_SIGN_INS);
    const audited = await countRows(
      "select count(*) as n from audit_events where action = 'sign-in.code-sent' and resource_id in (select value from json_each(?))",
      codeIds,
    );
    expect(audited).toBe(CONCURRENT_SIGN_INS);

    const trail = await readTrail();
    expect(await verifyChain(trail)).toEqual({ ok: true, count: trail.length });
  });
});

describe('audit chain appends', () => {
  it('retries when a rival takes the sequence number', async () => {
    const rivalApp = appendingApp(env.DB);
    let rivalAppended = false;
    // Lets the rival append between this append's read of the chain head and its insert, as a
    // request in another Worker instance would.
    const racingDb = {
      prepare(sql: string) {
        const statement = env.DB.prepare(sql);
        if (rivalAppended || !sql.startsWith('insert into "audit_events"')) return statement;
        return {
          bind: (...values: unknown[]) => ({
            run: async () => {
              rivalAppended = true;
              expect((await rivalApp.request('/append?reason=rival')).status).toBe(200);
              return statement.bind(...values).run();
            },
          }),
        };
      },
    } as unknown as D1Database;

    const response = await appendingApp(racingDb).request('/append?reason=raced');

    expect(response.status).toBe(200);
    expect(rivalAppended).toBe(true);
    const trail = await readTrail();
    const [rival, raced] = trail.slice(-2);
    expect(rival!.reason).toBe('rival');
    expect(raced!.reason).toBe('raced');
    expect(raced!.seq).toBe(rival!.seq + 1);
    expect(raced!.prevHash).toBe(rival!.hash);
    expect(await verifyChain(trail)).toEqual({ ok: true, count: trail.length });
  });

  it('verifies after simultaneous direct appends', async () => {
    const app = appendingApp(env.DB);
    const before = (await readTrail()).length;

    const responses = await Promise.all(
      Array.from({ length: SIMULTANEOUS_APPENDS }, (_, index) =>
        app.request(`/append?reason=direct-${index}`),
      ),
    );

    expect(responses.map((response) => response.status)).toEqual(
      Array(SIMULTANEOUS_APPENDS).fill(200),
    );
    const trail = await readTrail();
    expect(trail.length).toBe(before + SIMULTANEOUS_APPENDS);
    expect(await verifyChain(trail)).toEqual({ ok: true, count: trail.length });
  });

  it('starts the chain at the genesis value', async () => {
    const [first] = await readTrail();
    expect(first!.seq).toBe(1);
    expect(first!.prevHash).toBe(GENESIS_HASH);
  });
});

describe('audit chain tampering', () => {
  let trail: ChainedEvent[];

  beforeAll(async () => {
    const patient = await createPatient('chain-tamper');
    const session = await signIn(patient.email);
    for (let i = 0; i < 8; i += 1) {
      await request(`/chart/${patient.patientId}/medications`, { cookie: session });
    }
    trail = await readTrail();
  });

  async function expectIntact() {
    expect(await verifyChain(await readTrail())).toEqual({ ok: true, count: trail.length });
  }

  // Writes a row exactly as given, replacing any row with the same seq.
  async function writeRow(row: ChainedEvent) {
    const values = row as typeof schema.auditEvents.$inferInsert;
    await db()
      .insert(schema.auditEvents)
      .values(values)
      .onConflictDoUpdate({ target: schema.auditEvents.seq, set: values });
  }

  const editedColumns = [
    ['at', "'2020-01-01T00:00:00.000Z'"],
    ['actor_person_id', "'person-someone-else'"],
    ['actor_role', "'staff'"],
    ['acting_for_patient_id', "'patient-someone-else'"],
    ['action', "'chart.view'"],
    ['resource_type', "'message'"],
    ['resource_id', "'resource-someone-else'"],
    ['patient_id', "'patient-someone-else'"],
    ['outcome', "'deny'"],
    ['reason', "'edited'"],
    ['request_id', "'request-edited'"],
    ['client_class', "'tablet'"],
    ['prev_hash', `'${'1'.repeat(64)}'`],
    ['hash', `'${'2'.repeat(64)}'`],
  ] as const;

  it.each(editedColumns)('edited %s fails at that row', async (column, value) => {
    const target = trail[Math.floor(trail.length / 2)]!;
    await env.DB.prepare(`update audit_events set ${column} = ${value} where seq = ?`)
      .bind(target.seq)
      .run();

    const verdict = await verifyChain(await readTrail());
    await writeRow(target);

    expect(verdict).toMatchObject({ ok: false, brokenAt: target.seq });
    await expectIntact();
  });

  it('deleted row fails at its sequence number', async () => {
    const target = trail[Math.floor(trail.length / 3)]!;
    await env.DB.prepare('delete from audit_events where seq = ?').bind(target.seq).run();

    const verdict = await verifyChain(await readTrail());
    await writeRow(target);

    expect(verdict).toEqual({
      ok: false,
      brokenAt: target.seq,
      why: `sequence number ${target.seq} is missing`,
    });
    await expectIntact();
  });

  it('deleted first row fails at 1', async () => {
    const first = trail[0]!;
    await env.DB.prepare('delete from audit_events where seq = 1').run();

    const verdict = await verifyChain(await readTrail());
    await writeRow(first);

    expect(verdict).toMatchObject({ ok: false, brokenAt: 1 });
    await expectIntact();
  });

  it.each([
    ['adjacent', 1],
    ['distant', 5],
  ])('swapped %s rows fail at the first', async (_, distance) => {
    const first = trail[Math.floor(trail.length / 2)]!;
    const second = trail[Math.floor(trail.length / 2) + distance]!;
    const { seq: firstSeq, ...firstContents } = first;
    const { seq: secondSeq, ...secondContents } = second;
    await writeRow({ seq: firstSeq, ...secondContents });
    await writeRow({ seq: secondSeq, ...firstContents });

    const verdict = await verifyChain(await readTrail());
    await writeRow(first);
    await writeRow(second);

    expect(verdict).toMatchObject({ ok: false, brokenAt: firstSeq });
    await expectIntact();
  });

  it('names sequence numbers only in why', async () => {
    const target = trail[2]!;
    await env.DB.prepare("update audit_events set reason = 'edited' where seq = ?")
      .bind(target.seq)
      .run();

    const verdict = await verifyChain(await readTrail());
    await writeRow(target);

    expect(verdict).toEqual({
      ok: false,
      brokenAt: target.seq,
      why: "the hash does not match the event's contents",
    });
  });
});

describe('audit chain failures', () => {
  let patient: TestPatient;

  beforeAll(async () => {
    patient = await createPatient('chain-failures');
  });

  it('issues no sign-in code when the audit write fails', async () => {
    await withoutAuditTable(async () => {
      const response = await postForm('/sign-in', { email: patient.email });
      expect(response.status).toBe(503);
      expect(await response.text()).not.toContain(patient.email);
    });

    const codes = await countRows(
      'select count(*) as n from one_time_codes where person_id = ?',
      patient.personId,
    );
    expect(codes).toBe(0);
    const emails = await countRows(
      'select count(*) as n from outbox where recipient = ?',
      patient.email,
    );
    expect(emails).toBe(0);
  });

  it('keeps a timed-out session until its event is written', async () => {
    const session = await signIn(patient.email);
    await ageSession(patient.personId, 16 * 60_000);
    const sessionsOf = () =>
      countRows('select count(*) as n from sessions where person_id = ?', patient.personId);

    await withoutAuditTable(async () => {
      const failed = await request(`/chart/${patient.patientId}`, { cookie: session });
      expect(failed.status).toBe(503);
    });
    expect(await sessionsOf()).toBe(1);

    const ended = await request(`/chart/${patient.patientId}`, { cookie: session });
    expect(ended.status).toBe(303);
    expect(await sessionsOf()).toBe(0);
    const timedOut = await countRows(
      "select count(*) as n from audit_events where action = 'session.timed-out' and actor_person_id = ?",
      patient.personId,
    );
    expect(timedOut).toBe(1);
  });
});
