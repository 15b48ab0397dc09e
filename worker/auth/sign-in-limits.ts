import type { Context } from 'hono';
import type { AppEnv } from '../app.ts';
import { appendAuditEvent } from '../audit/append.ts';
import {
  accountKey,
  clientKey,
  consumeRateLimit,
  type RateLimitCheck,
  type RateLimitName,
} from '../http/rate-limit.ts';

/**
 * Counts a request for a sign-in code against the per-account and per-client limits and
 * returns the minutes to wait when either is reached, or null.
 *
 * Both buckets are counted for every address, known or not, and the account bucket is keyed by
 * the typed address rather than a person id. So a limited request costs the same work and gets
 * the same response whether or not the address is on file.
 */
export async function limitCodeSend(c: Context<AppEnv>, email: string): Promise<number | null> {
  const checks: [RateLimitName, RateLimitCheck][] = [
    [
      'code-send:account',
      await consumeRateLimit(c, 'code-send:account', await accountKey(c, email)),
    ],
    ['code-send:client', await consumeRateLimit(c, 'code-send:client', await clientKey(c))],
  ];
  return auditIfLimited(c, checks);
}

/** Counts a sign-in code check against the per-client limit and returns the minutes to wait or null. */
export async function limitCodeCheck(c: Context<AppEnv>): Promise<number | null> {
  const check = await consumeRateLimit(c, 'code-check:client', await clientKey(c));
  return auditIfLimited(c, [['code-check:client', check]]);
}

async function auditIfLimited(
  c: Context<AppEnv>,
  checks: [RateLimitName, RateLimitCheck][],
): Promise<number | null> {
  const limited = checks.filter(([, check]) => check.limited);
  if (limited.length === 0) return null;

  // The event names only the limits reached, never the address or the client's key.
  await appendAuditEvent(c, {
    actorRole: 'anonymous',
    action: 'sign-in.rate-limited',
    resourceType: 'rate-limit',
    outcome: 'failure',
    reason: limited.map(([name]) => name).join(','),
  });
  return Math.max(...limited.map(([, check]) => (check.limited ? check.retryAfterMinutes : 0)));
}
