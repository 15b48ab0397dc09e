// Delivery attempts of queued outbox rows: one after the response that queued them, and retries
// from the scheduled handler. Each failed attempt is an audit event and a log line.
import { and, asc, eq, inArray, lt, lte, sql } from 'drizzle-orm';
import type { Context } from 'hono';
import { outbox } from '../../schema/index.ts';
import type { AppEnv } from '../app.ts';
import { appendAuditEvent, type ActorRole } from '../audit/append.ts';
import { log } from '../phi/log.ts';
import { DeliveryError, type NotificationProvider } from './provider.ts';

/** Attempts per notification. After the last failed one the row stays failed. */
export const MAX_DELIVERY_ATTEMPTS = 5;

const SYSTEM_ACTOR: ActorRole = 'system';

export type AttemptOutcome = 'delivered' | 'failed' | 'skipped';

/**
 * Makes one delivery attempt for the outbox row `id` and records its outcome: 'delivered' with
 * delivered_at, or 'failed' with an audit event and a log line. `seenAttempts` is the attempts
 * count the caller read, so that two callers holding the same row cannot both send it: the claim
 * is a conditional update on that count, and the one that loses returns 'skipped'.
 * Delivery is at least once: when the provider accepted but the update to 'delivered' fails, a
 * retry sends the notification again.
 *
 * The audit event and the log line carry the row id and a reason class only, never the
 * recipient, subject or body.
 */
export async function attemptDelivery(
  c: Context<AppEnv>,
  provider: NotificationProvider,
  id: string,
  seenAttempts: number,
): Promise<AttemptOutcome> {
  const db = c.var.db;
  const [claimed] = await db
    .update(outbox)
    .set({ attempts: sql`${outbox.attempts} + 1`, lastAttemptAt: new Date().toISOString() })
    .where(
      and(
        eq(outbox.id, id),
        inArray(outbox.status, ['queued', 'failed']),
        eq(outbox.attempts, seenAttempts),
      ),
    )
    .returning();
  if (!claimed) return 'skipped';

  try {
    await provider.send(claimed);
  } catch (error) {
    if (!(error instanceof DeliveryError)) throw error;
    await recordFailure(c, id, claimed.attempts, error.reason);
    return 'failed';
  }

  await db
    .update(outbox)
    .set({ status: 'delivered', deliveredAt: new Date().toISOString() })
    .where(eq(outbox.id, id));
  return 'delivered';
}

async function recordFailure(c: Context<AppEnv>, id: string, attempt: number, reason: string) {
  await c.var.db.update(outbox).set({ status: 'failed' }).where(eq(outbox.id, id));

  log('warn', 'notification.delivery-failed', {
    requestId: c.var.requestId,
    notificationId: id,
    attempt,
    finalAttempt: attempt >= MAX_DELIVERY_ATTEMPTS,
    reason,
  });
  await appendAuditEvent(c, {
    actorRole: SYSTEM_ACTOR,
    action: 'notification.delivery-failed',
    resourceType: 'notification',
    resourceId: id,
    outcome: 'failure',
    reason,
  });
}

/**
 * Attempts delivery of the rows a request queued. It runs after the response through
 * waitUntil, so no error can reach the request, and each one is logged here.
 */
export async function deliverQueued(
  c: Context<AppEnv>,
  provider: NotificationProvider,
  ids: string[],
): Promise<void> {
  for (const id of ids) {
    try {
      await attemptDelivery(c, provider, id, 0);
    } catch (error) {
      logDeliveryError(c, id, error);
    }
  }
}

// A row that is due for a retry has waited this long since it was queued or last attempted.
// The wait keeps the retry away from a delivery still running after the response, whose claim
// is at most one webhook timeout old.
const RETRY_AFTER_MS = 60_000;
// Rows retried per scheduled run. Each costs one subrequest and, at worst, one webhook timeout.
const RETRY_BATCH = 50;

export interface RetrySummary {
  delivered: number;
  failed: number;
  skipped: number;
}

/**
 * Retries the rows that are still queued or failed, have fewer than MAX_DELIVERY_ATTEMPTS
 * attempts and have waited RETRY_AFTER_MS, oldest first. Errors other than a failed delivery
 * are logged per row and the next row is tried.
 */
export async function retryDue(
  c: Context<AppEnv>,
  provider: NotificationProvider,
  now: Date,
): Promise<RetrySummary> {
  const cutoff = new Date(now.getTime() - RETRY_AFTER_MS).toISOString();
  const due = await c.var.db
    .select({ id: outbox.id, attempts: outbox.attempts })
    .from(outbox)
    .where(
      and(
        inArray(outbox.status, ['queued', 'failed']),
        lt(outbox.attempts, MAX_DELIVERY_ATTEMPTS),
        lte(sql`coalesce(${outbox.lastAttemptAt}, ${outbox.createdAt})`, cutoff),
      ),
    )
    .orderBy(asc(outbox.createdAt))
    .limit(RETRY_BATCH);

  const summary: RetrySummary = { delivered: 0, failed: 0, skipped: 0 };
  for (const row of due) {
    try {
      summary[await attemptDelivery(c, provider, row.id, row.attempts)] += 1;
    } catch (error) {
      logDeliveryError(c, row.id, error);
    }
  }
  return summary;
}

// Logs an error that is not a failed delivery, such as a failed database write, by its name
// only, because a message may quote the row.
function logDeliveryError(c: Context<AppEnv>, id: string, error: unknown) {
  log('error', 'notification.delivery-error', {
    requestId: c.var.requestId,
    notificationId: id,
    error: error instanceof Error ? error.name : 'Error',
  });
}
