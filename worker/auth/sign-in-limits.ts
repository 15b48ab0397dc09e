import type { Context } from 'hono';
import type { AppEnv } from '../app.ts';
import { appendAuditEvent } from '../audit/append.ts';
import { accountKey, clientKey, consumeRateLimit, type RateLimitName } from '../http/rate-limit.ts';

/**
 * Counts a request for a sign-in code against the per-account and per-client limits and
 * returns the minutes to wait when either is reached, or null.
 *
 * Both buckets are counted for every address, known or not, and the account bucket is keyed by
 * the typed address rather than a person id. So a limited request costs the same work and gets
 * the same response whether or not the address is on file.
 */
export async function limitCodeSend(c: Context<AppEnv>, email: string): Promise<number | null> {
  return limitAndAudit(c, 'sign-in.rate-limited', [
    ['code-send:account', await accountKey(c, email)],
    ['code-send:client', await clientKey(c)],
  ]);
}

/** Counts a sign-in code check against the per-client limit and returns the minutes to wait or null. */
export async function limitCodeCheck(c: Context<AppEnv>): Promise<number | null> {
  return limitAndAudit(c, 'sign-in.rate-limited', [['code-check:client', await clientKey(c)]]);
}

/**
 * Counts one request in every bucket, in the order given, and returns the longest wait in
 * minutes when any limit is reached, or null. A reached limit writes one audit event under
 * `action` (for example 'enrollment.rate-limited').
 *
 * Every bucket is counted even after one is over its limit, so a limited request costs the same
 * work as any other.
 *
 * @example
 *   const waitMinutes = await limitAndAudit(c, 'invitation.rate-limited', [
 *     ['code-check:client', await clientKey(c)],
 *   ]);
 */
export async function limitAndAudit(
  c: Context<AppEnv>,
  action: string,
  buckets: [RateLimitName, string][],
): Promise<number | null> {
  const limited: { name: RateLimitName; minutes: number }[] = [];
  for (const [name, subject] of buckets) {
    const check = await consumeRateLimit(c, name, subject);
    if (check.limited) limited.push({ name, minutes: check.retryAfterMinutes });
  }
  if (limited.length === 0) return null;

  // The event names only the limits reached, never the subject (an address, an activation
  // code or the client's key) they were counted for.
  await appendAuditEvent(c, {
    actorRole: 'anonymous',
    action,
    resourceType: 'rate-limit',
    outcome: 'failure',
    reason: limited.map((limit) => limit.name).join(','),
  });
  return Math.max(...limited.map((limit) => limit.minutes));
}
