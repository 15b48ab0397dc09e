import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { recoveryCodes } from '../../schema/index.ts';
import type { AppEnv } from '../app.ts';
import { digestsEqual, keyedHash, randomToken } from './crypto.ts';
import { deleteStepCookie, setStepCookie } from './step-cookie.ts';

// No 0/O, 1/I/L: a person copies the code by hand from paper, and must not misread it.
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const GROUPS = 4;
const GROUP_LENGTH = 4;
// Wrong tries before a recovery code stops working, over its whole life. 16 characters from 31
// give about 79 bits, so the limit guards against a leaked partial copy rather than guessing.
export const MAX_RECOVERY_CODE_ATTEMPTS = 10;
// Holds a new recovery code between the request that made it and the page that shows it once.
const DISPLAY_COOKIE = 'recovery-code';

/** Returns a random recovery code like "7KQM-X3PD-9WEH-RT2C". */
export function generateRecoveryCode(): string {
  const characters: string[] = [];
  const buffer = new Uint8Array(1);
  // Rejection sampling keeps every character equally likely: 248 is the largest multiple of 31.
  while (characters.length < GROUPS * GROUP_LENGTH) {
    crypto.getRandomValues(buffer);
    if (buffer[0]! < 248) characters.push(ALPHABET[buffer[0]! % ALPHABET.length]!);
  }
  const groups = [];
  for (let start = 0; start < characters.length; start += GROUP_LENGTH) {
    groups.push(characters.slice(start, start + GROUP_LENGTH).join(''));
  }
  return groups.join('-');
}

/** Removes spaces and dashes and upper-cases a typed recovery code. */
export function normalizeRecoveryCode(typed: string): string {
  return typed.replace(/[\s-]/g, '').toUpperCase();
}

/**
 * Makes a new recovery code for a person, replacing any earlier one, and returns it. Only its
 * keyed hash is stored, so the caller must show the returned code to the person now or never.
 */
export async function replaceRecoveryCode(c: Context<AppEnv>, personId: string): Promise<string> {
  const { db, config } = c.var;
  const code = generateRecoveryCode();
  const codeHash = await keyedHash(
    config.sessionPepper,
    'recovery-code',
    personId,
    normalizeRecoveryCode(code),
  );

  // One batch, so the old code stops working in the same transaction that stores the new one.
  await db.batch([
    db.delete(recoveryCodes).where(eq(recoveryCodes.personId, personId)),
    db.insert(recoveryCodes).values({
      id: randomToken(16),
      personId,
      codeHash,
      createdAt: new Date().toISOString(),
    }),
  ]);
  return code;
}

/** Returns whether the person has a recovery code that has not been used. */
export async function hasUnusedRecoveryCode(c: Context<AppEnv>, personId: string) {
  const [row] = await c.var.db
    .select({ id: recoveryCodes.id })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.personId, personId), isNull(recoveryCodes.usedAt)))
    .limit(1);
  return row !== undefined;
}

export type RecoveryCodeCheck = 'right' | 'wrong' | 'locked' | 'none';

/**
 * Checks a typed recovery code against the person's unused code. Every wrong try counts, and a
 * right code is consumed by a conditional update, so two racing requests cannot both use it.
 */
export async function useRecoveryCode(
  c: Context<AppEnv>,
  personId: string,
  typed: string,
): Promise<RecoveryCodeCheck> {
  const { db, config } = c.var;
  const [row] = await db
    .select()
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.personId, personId), isNull(recoveryCodes.usedAt)))
    .limit(1);
  if (!row) return 'none';
  if (row.attempts >= MAX_RECOVERY_CODE_ATTEMPTS) return 'locked';

  const expected = await keyedHash(
    config.sessionPepper,
    'recovery-code',
    personId,
    normalizeRecoveryCode(typed),
  );
  if (!digestsEqual(expected, row.codeHash)) {
    await db
      .update(recoveryCodes)
      .set({ attempts: sql`${recoveryCodes.attempts} + 1` })
      .where(eq(recoveryCodes.id, row.id));
    return row.attempts + 1 >= MAX_RECOVERY_CODE_ATTEMPTS ? 'locked' : 'wrong';
  }

  const consumed = await db
    .update(recoveryCodes)
    .set({ usedAt: new Date().toISOString() })
    .where(and(eq(recoveryCodes.id, row.id), isNull(recoveryCodes.usedAt)));
  return consumed.meta.changes === 1 ? 'right' : 'wrong';
}

/**
 * Keeps a new code in a short-lived cookie for the page that shows it, so that page is reached
 * by a redirect and a reload does not make another code. HttpOnly and SameSite=Strict keep it
 * away from scripts and other sites, and the page deletes it as soon as it has read it.
 */
export function holdCodeForDisplay(c: Context<AppEnv>, code: string) {
  setStepCookie(c, DISPLAY_COOKIE, code);
}

/** Reads and deletes the code held for display, or returns null when there is none. */
export function takeCodeForDisplay(c: Context<AppEnv>): string | null {
  const code = getCookie(c, DISPLAY_COOKIE, 'host');
  if (!code) return null;
  deleteStepCookie(c, DISPLAY_COOKIE);
  return code;
}
