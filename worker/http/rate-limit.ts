import { lt, sql } from 'drizzle-orm';
import type { Context } from 'hono';
import { rateLimits } from '../../schema/index.ts';
import type { AppEnv } from '../app.ts';
import { keyedHash } from '../auth/crypto.ts';

export interface RateLimit {
  // Requests allowed per window. The request after the last allowed one is limited.
  limit: number;
  windowMinutes: number;
}

/**
 * Default limits for sign-in, per fixed window. The configuration setting RATE_LIMIT_FACTOR
 * multiplies every `limit`, so worker tests that sign in many times from one client can raise
 * them without changing these defaults. MAX_CODE_ATTEMPTS (5 per code) in worker/auth/codes.ts applies on top.
 */
export const RATE_LIMIT_DEFAULTS = {
  // Codes emailed to one address, whether or not the address belongs to an account.
  'code-send:account': { limit: 3, windowMinutes: 15 },
  'code-send:client': { limit: 10, windowMinutes: 15 },
  'code-check:client': { limit: 10, windowMinutes: 15 },
} as const satisfies Record<string, RateLimit>;

export type RateLimitName = keyof typeof RATE_LIMIT_DEFAULTS;

// Rows of windows that ended before the longest window are of no further use.
const MAX_WINDOW_MS =
  Math.max(...Object.values(RATE_LIMIT_DEFAULTS).map((limit) => limit.windowMinutes)) * 60_000;

export type RateLimitCheck = { limited: false } | { limited: true; retryAfterMinutes: number };

/**
 * Counts one request against a limit for a subject (a hash, never a raw address) and reports
 * whether the request is over the limit.
 *
 * The count is one atomic upsert in D1, so every Worker instance counts in the same row and two
 * requests racing in one window can never both read the old count. Limited requests are counted
 * too, so retrying during the window does not help.
 *
 * @example
 *   const check = await consumeRateLimit(c, 'code-check:client', await clientKey(c));
 *   if (check.limited) showError(tooManyTriesMessage(check.retryAfterMinutes));
 */
export async function consumeRateLimit(
  c: Context<AppEnv>,
  name: RateLimitName,
  subject: string,
): Promise<RateLimitCheck> {
  const { db, config } = c.var;
  const { limit, windowMinutes } = RATE_LIMIT_DEFAULTS[name];
  const windowMs = windowMinutes * 60_000;
  const now = Date.now();
  const windowStart = Math.floor(now / windowMs) * windowMs;

  const [row] = await db
    .insert(rateLimits)
    .values({
      bucket: `${name}:${subject}`,
      windowStart: new Date(windowStart).toISOString(),
      count: 1,
    })
    .onConflictDoUpdate({
      target: [rateLimits.bucket, rateLimits.windowStart],
      set: { count: sql`${rateLimits.count} + 1` },
    })
    .returning({ count: rateLimits.count });

  // The first request in a bucket's new window deletes the ended windows of every bucket, so the
  // table stays small without a scheduled job and without a delete on every request.
  if (row!.count === 1) {
    const cutoff = new Date(now - MAX_WINDOW_MS).toISOString();
    await db.delete(rateLimits).where(lt(rateLimits.windowStart, cutoff));
  }

  if (row!.count <= limit * config.rateLimitFactor) return { limited: false };
  const retryAfterMinutes = Math.max(1, Math.ceil((windowStart + windowMs - now) / 60_000));
  return { limited: true, retryAfterMinutes };
}

/**
 * Computes the rate-limit key of the requesting client: an HMAC of its address under the
 * session pepper, so no IP address is stored. Local development and tests send no
 * CF-Connecting-IP header and share the key of the address "local".
 */
export function clientKey(c: Context<AppEnv>): Promise<string> {
  const address = c.req.header('cf-connecting-ip') ?? 'local';
  return keyedHash(c.var.config.sessionPepper, 'rate-limit-client', address);
}

/** Computes the rate-limit key of an email address, lower-cased, as an HMAC. */
export function accountKey(c: Context<AppEnv>, email: string): Promise<string> {
  return keyedHash(c.var.config.sessionPepper, 'rate-limit-account', email.toLowerCase());
}

/** Returns the message for a limited request, with the minutes left in the window. */
export function tooManyTriesMessage(minutes: number): string {
  return `Too many tries. Try again in ${minutes === 1 ? '1 minute' : `${minutes} minutes`}.`;
}
