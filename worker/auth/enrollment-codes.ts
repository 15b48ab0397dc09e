import { and, eq } from 'drizzle-orm';
import type { Context } from 'hono';
import { oneTimeCodes } from '../../schema/index.ts';
import type { AppEnv } from '../app.ts';
import { CODE_LIFETIME_MS, consumeCodeRow } from './codes.ts';
import { keyedHash, randomDigits, randomToken } from './crypto.ts';

// Activation codes avoid 0/O, 1/I/L and U/V, so a code read off paper is typed right.
const ACTIVATION_ALPHABET = 'ABCDEFGHJKMNPQRSTWXYZ23456789';
const ACTIVATION_GROUPS = 3;
const ACTIVATION_GROUP_LENGTH = 4;
export const ACTIVATION_CODE_LIFETIME_MS = 30 * 24 * 60 * 60_000;

/** Generates an activation code like "K7QM-4XTR-9HCW" from the unambiguous alphabet. */
export function generateActivationCode(): string {
  const length = ACTIVATION_GROUPS * ACTIVATION_GROUP_LENGTH;
  const characters: string[] = [];
  // Rejection sampling keeps every character equally likely.
  const ceiling = 256 - (256 % ACTIVATION_ALPHABET.length);
  while (characters.length < length) {
    for (const byte of crypto.getRandomValues(new Uint8Array(length))) {
      if (byte < ceiling && characters.length < length) {
        characters.push(ACTIVATION_ALPHABET[byte % ACTIVATION_ALPHABET.length]!);
      }
    }
  }
  const groups = [];
  for (let start = 0; start < length; start += ACTIVATION_GROUP_LENGTH) {
    groups.push(characters.slice(start, start + ACTIVATION_GROUP_LENGTH).join(''));
  }
  return groups.join('-');
}

/**
 * Normalizes a typed activation code to its 12 characters, upper-cased and without spaces or
 * hyphens, or returns null when it cannot be a code from the alphabet.
 */
export function normalizeActivationCode(typed: string): string | null {
  const compact = typed.toUpperCase().replace(/[\s-]/g, '');
  const pattern = new RegExp(
    `^[${ACTIVATION_ALPHABET}]{${ACTIVATION_GROUPS * ACTIVATION_GROUP_LENGTH}}$`,
  );
  return pattern.test(compact) ? compact : null;
}

/** Computes the stored HMAC of a normalized activation code. */
export function activationCodeHash(pepper: string, normalized: string): Promise<string> {
  return keyedHash(pepper, 'activation-code', normalized);
}

export type BoundCodePurpose = 'enrollment' | 'invitation';

/**
 * Builds the insert for a one-time code bound to a subject (an activation code or an
 * invitation id). The binding is part of the keyed hash, so a code sent for one subject can
 * never complete another, even when the browser sends a different subject id with it.
 */
export async function boundCodeRow(
  c: Context<AppEnv>,
  purpose: BoundCodePurpose,
  subjectId: string,
) {
  const id = randomToken(16);
  const code = randomDigits(6);
  const now = Date.now();
  const insert = c.var.db.insert(oneTimeCodes).values({
    id,
    personId: null,
    purpose,
    codeHash: await keyedHash(c.var.config.sessionPepper, purpose, id, subjectId, code),
    createdAt: new Date(now).toISOString(),
    expiresAt: new Date(now + CODE_LIFETIME_MS).toISOString(),
  });
  return { id, code, insert };
}

export type BoundCodeCheck =
  | { ok: true }
  | { ok: false; why: 'wrong-code' | 'expired' | 'used' | 'too-many-attempts' | 'missing' };

/**
 * Checks a bound code through consumeCodeRow, like the sign-in code check: single use through a
 * conditional update, at most MAX_CODE_ATTEMPTS tries, 10 minutes of life. Returns why it failed
 * otherwise.
 */
export async function checkBoundCode(
  c: Context<AppEnv>,
  purpose: BoundCodePurpose,
  codeId: string,
  subjectId: string,
  code: string,
): Promise<BoundCodeCheck> {
  const [row] = await c.var.db
    .select()
    .from(oneTimeCodes)
    .where(and(eq(oneTimeCodes.id, codeId), eq(oneTimeCodes.purpose, purpose)));
  const expected = await keyedHash(c.var.config.sessionPepper, purpose, codeId, subjectId, code);

  const check = await consumeCodeRow(c, row, expected);
  return check.ok ? check : { ok: false, why: check.why };
}
