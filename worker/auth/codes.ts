import { and, eq, isNull, lt, sql } from 'drizzle-orm';
import type { Context } from 'hono';
import { oneTimeCodes, people } from '../../schema/index.ts';
import type { AppEnv } from '../app.ts';
import { appendAuditEvent } from '../audit/append.ts';
import { queueNotification } from '../notify/outbox.ts';
import { digestsEqual, keyedHash, randomDigits, randomToken } from './crypto.ts';

export const CODE_LIFETIME_MS = 10 * 60_000;
export const MAX_CODE_ATTEMPTS = 5;

/**
 * Issues a sign-in code for an email address and returns the id of the code row.
 *
 * The same work happens whether or not the address belongs to an account: a code is generated
 * and hashed, the audit event is appended and one batch is written. For an unknown address the
 * row has no person and can never be used, so the response and its timing do not reveal which
 * addresses are on file.
 *
 * The audit event is written before the code and its email, so no code is ever issued
 * unaudited. If the batch then fails, the request fails and the event records an attempt
 * whose code row does not exist.
 */
export async function issueSignInCode(c: Context<AppEnv>, email: string): Promise<string> {
  const [person] = await c.var.db
    .select({ id: people.id, disabledAt: people.disabledAt })
    .from(people)
    .where(eq(people.email, email.toLowerCase()));
  const personId = person && !person.disabledAt ? person.id : null;

  return issueEmailedCode(c, personId, email, {
    purpose: 'sign-in',
    action: 'sign-in.code-sent',
    subject: 'Your patient portal sign-in code',
    body: (code) =>
      `Your sign-in code is ${code}. It expires in 10 minutes. If you did not ask for it, you can ignore this email.`,
  });
}

export interface EmailedCodeKind {
  purpose: (typeof oneTimeCodes.$inferInsert)['purpose'];
  // Audit action of the event, for example 'sign-in.code-sent'.
  action: string;
  subject: string;
  // The email text around the code. It must contain no PHI.
  body: (code: string) => string;
}

/**
 * Writes a 6-digit code row for `personId` (null for an address not on file) and its audit event,
 * and emails the code to a person on file. Returns the code row's id.
 *
 * Every kind is hashed the same way, so checkSignInCode can check any of them once the caller
 * has confirmed the row's purpose. An unknown address costs the same work and gets a row that
 * can never be used, so the response reveals nothing.
 */
export async function issueEmailedCode(
  c: Context<AppEnv>,
  personId: string | null,
  email: string,
  kind: EmailedCodeKind,
): Promise<string> {
  const { db, config } = c.var;
  const id = randomToken(16);
  const code = randomDigits(6);
  const now = new Date();
  const insertCode = db.insert(oneTimeCodes).values({
    id,
    personId,
    purpose: kind.purpose,
    codeHash: await keyedHash(config.sessionPepper, 'one-time-code', id, code),
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + CODE_LIFETIME_MS).toISOString(),
  });
  await appendAuditEvent(c, {
    actorPersonId: personId,
    actorRole: 'anonymous',
    action: kind.action,
    resourceType: 'one-time-code',
    resourceId: id,
    outcome: personId ? 'success' : 'failure',
    reason: personId ? 'code-sent' : 'unknown-address',
  });

  if (!personId) {
    await db.batch([insertCode]);
    return id;
  }
  const send = queueNotification(c, {
    channel: 'email',
    recipient: email.toLowerCase(),
    subject: kind.subject,
    body: kind.body(code),
  });
  await db.batch([insertCode, send]);
  return id;
}

export type CodeCheck =
  | { ok: true; personId: string }
  | { ok: false; reason: 'wrong-code'; attemptsLeft: number }
  | { ok: false; reason: 'restart'; why: 'expired' | 'used' | 'too-many-attempts' | 'missing' };

/**
 * Checks a code against its row. A right code is consumed by a conditional update, so two
 * requests racing with the same code cannot both sign in. Every wrong try counts toward the
 * limit, including tries against rows of unknown addresses.
 */
export async function checkSignInCode(
  c: Context<AppEnv>,
  codeId: string,
  code: string,
): Promise<CodeCheck> {
  const [row] = await c.var.db.select().from(oneTimeCodes).where(eq(oneTimeCodes.id, codeId));
  // The hash is computed for every row, so known and unknown addresses cost the same work. A row
  // of an unknown address has no person, so no code matches it.
  const expected = await keyedHash(c.var.config.sessionPepper, 'one-time-code', codeId, code);
  const check = await consumeCodeRow(c, row, row?.personId == null ? null : expected);
  if (check.ok) return { ok: true, personId: row!.personId! };
  if (check.why === 'wrong-code') {
    return { ok: false, reason: 'wrong-code', attemptsLeft: check.attemptsLeft };
  }
  return { ok: false, reason: 'restart', why: check.why };
}

export type CodeRowCheck =
  | { ok: true }
  | { ok: false; why: 'wrong-code'; attemptsLeft: number }
  | { ok: false; why: 'expired' | 'used' | 'too-many-attempts' | 'missing' };

/**
 * Checks a one-time code row against the hash of the typed code (null when no code can match)
 * and consumes it when they match. The conditional update lets one of two racing requests with
 * the right code succeed. Every wrong try counts toward MAX_CODE_ATTEMPTS.
 */
export async function consumeCodeRow(
  c: Context<AppEnv>,
  row: typeof oneTimeCodes.$inferSelect | undefined,
  expectedHash: string | null,
): Promise<CodeRowCheck> {
  const db = c.var.db;
  const now = new Date().toISOString();

  if (!row) return { ok: false, why: 'missing' };
  if (row.usedAt) return { ok: false, why: 'used' };
  if (row.expiresAt <= now) return { ok: false, why: 'expired' };
  if (row.attempts >= MAX_CODE_ATTEMPTS) return { ok: false, why: 'too-many-attempts' };

  if (expectedHash === null || !digestsEqual(expectedHash, row.codeHash)) {
    await db
      .update(oneTimeCodes)
      .set({ attempts: sql`${oneTimeCodes.attempts} + 1` })
      .where(eq(oneTimeCodes.id, row.id));
    const attemptsLeft = MAX_CODE_ATTEMPTS - row.attempts - 1;
    if (attemptsLeft <= 0) return { ok: false, why: 'too-many-attempts' };
    return { ok: false, why: 'wrong-code', attemptsLeft };
  }

  const consumed = await db
    .update(oneTimeCodes)
    .set({ usedAt: now })
    .where(
      and(
        eq(oneTimeCodes.id, row.id),
        isNull(oneTimeCodes.usedAt),
        lt(oneTimeCodes.attempts, MAX_CODE_ATTEMPTS),
      ),
    );
  if (consumed.meta.changes !== 1) return { ok: false, why: 'used' };
  return { ok: true };
}
