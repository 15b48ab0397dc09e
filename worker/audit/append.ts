import { desc } from 'drizzle-orm';
import type { Context } from 'hono';
import { auditEvents } from '../../schema/index.ts';
import type { AppEnv } from '../app.ts';
import { log } from '../phi/log.ts';
import { raiseAlerts } from './alerts.ts';
import { GENESIS_HASH, hashEvent, type UnhashedEvent } from './chain.ts';

// system: the portal itself, for example a scheduled notification retry.
export type ActorRole = 'self' | 'proxy' | 'staff' | 'anonymous' | 'system';

export interface AuditEventInput {
  actorPersonId?: string | null;
  actorRole: ActorRole;
  actingForPatientId?: string | null;
  // Dotted verb, for example "chart.view", "sign-in.code-failed", "session.timed-out".
  action: string;
  resourceType: string;
  resourceId?: string | null;
  patientId?: string | null;
  outcome: 'allow' | 'deny' | 'success' | 'failure';
  // The access decision's reason, or why a security event happened. Never PHI.
  reason: string;
}

// An append that loses the race for a sequence number rereads the chain head and tries again,
// after a random wait below min(MAX_WAIT_MS, BASE_WAIT_MS * 2^attempt), so that the losers of
// one race spread out instead of colliding again. Measured on 2 cores against the local D1: the
// chart-view test in test/worker/audit-chain.test.ts needed at most 12 attempts per append with
// 150 requests in flight and up to 20 with 300. wrangler dev needed at most 15 with 40 clients
// in parallel. A cap of 500 ms instead of 1000 ms made 5 of 200 of those requests fail.
const MAX_APPEND_ATTEMPTS = 20;
const BASE_WAIT_MS = 10;
const MAX_WAIT_MS = 1000;
// An append that used more than half of its attempts is logged, so sustained contention shows
// in the logs before appends start to fail.
const LOG_AFTER_ATTEMPTS = MAX_APPEND_ATTEMPTS / 2;

/**
 * Appends one audit event to the hash chain and resolves once the row is written. A PHI response
 * must be sent only after this resolves. If it throws, the error handler responds with 503 and
 * no PHI. A change that must not happen unaudited is written after this call, so either both
 * rows are written or the request fails.
 *
 * Appends are serialized by optimistic concurrency on the sequence number. Each attempt reads
 * the chain head (the row with the highest seq), computes the event's hash on top of it and
 * inserts it with the explicit seq head + 1. seq is the table's primary key, so when two
 * requests, in the same isolate or in Worker instances on different machines, build on the same
 * head, D1 accepts one insert and rejects the other with a constraint error. Two rows can never
 * share a prev_hash, and the chain cannot fork. The loser rereads the new head and retries.
 * Correctness rests on the primary key alone, not on the head being fresh: a stale read, for
 * example from a read replica, only costs more attempts.
 *
 * A Durable Object that hands out sequence numbers would serialize appends too, but it is one
 * more moving part to deploy and keep available. D1 already runs every write on one primary
 * database instance (its documentation: read replicas serve reads only), and the unique seq
 * already makes a fork impossible.
 *
 * After the insert, the event is checked against the alert rules in alerts.ts. That costs one to
 * three indexed queries for the events those rules look at and none for the others.
 */
export async function appendAuditEvent(c: Context<AppEnv>, event: AuditEventInput): Promise<void> {
  const db = c.var.db;
  const fields = {
    at: new Date().toISOString(),
    actorPersonId: event.actorPersonId ?? null,
    actorRole: event.actorRole,
    actingForPatientId: event.actingForPatientId ?? null,
    action: event.action,
    resourceType: event.resourceType,
    resourceId: event.resourceId ?? null,
    patientId: event.patientId ?? null,
    outcome: event.outcome,
    reason: event.reason,
    requestId: c.var.requestId,
    clientClass: clientClass(c.req.header('user-agent')),
  };

  for (let attempt = 1; attempt <= MAX_APPEND_ATTEMPTS; attempt += 1) {
    const [head] = await db
      .select({ seq: auditEvents.seq, hash: auditEvents.hash })
      .from(auditEvents)
      .orderBy(desc(auditEvents.seq))
      .limit(1);
    if (head && head.hash === null) {
      // NOTE: rows written before the chain existed have no hash. A local database from that
      // time has to be recreated, because no valid event can follow such a row.
      throw new Error(`audit event ${head.seq} has no hash, so the chain cannot be continued`);
    }

    const unhashed = {
      seq: (head?.seq ?? 0) + 1,
      ...fields,
      prevHash: head?.hash ?? GENESIS_HASH,
    } satisfies UnhashedEvent;
    const hash = await hashEvent(unhashed);

    try {
      await db.insert(auditEvents).values({ ...unhashed, hash });
      if (attempt > LOG_AFTER_ATTEMPTS) {
        log('warn', 'audit.append-contended', { requestId: c.var.requestId, attempts: attempt });
      }
      // In the same request, after the event is written: an alert never exists without the
      // event that raised it.
      await raiseAlerts(c, unhashed);
      return;
    } catch (error) {
      if (!isSequenceTaken(error)) throw error;
    }

    await sleep(Math.random() * Math.min(MAX_WAIT_MS, BASE_WAIT_MS * 2 ** attempt));
  }

  throw new Error(
    `audit append failed: the next sequence number was taken ${MAX_APPEND_ATTEMPTS} times in a row`,
  );
}

/** Reduces a user agent to a coarse device class, so no fingerprint is stored. */
export function clientClass(userAgent: string | undefined): string {
  if (!userAgent) return 'unknown';
  if (/iPad|Tablet/i.test(userAgent)) return 'tablet';
  if (/Mobi|Android|iPhone/i.test(userAgent)) return 'phone';
  return 'computer';
}

// drizzle wraps the D1 error, so the whole cause chain is searched. D1 words a primary key
// conflict as SQLite does, for example "D1_ERROR: UNIQUE constraint failed: audit_events.seq:
// SQLITE_CONSTRAINT (extended: SQLITE_CONSTRAINT_PRIMARYKEY)" from the local D1.
function isSequenceTaken(error: unknown): boolean {
  for (let cause = error; cause instanceof Error; cause = cause.cause) {
    if (/UNIQUE constraint failed: audit_events\.seq\b/.test(cause.message)) return true;
  }
  return false;
}

function sleep(ms: number) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
