import { and, eq, isNull, lt, sql } from 'drizzle-orm';
import type { Context } from 'hono';
import { oneTimeCodes, patientContacts, people, personPatients } from '../../schema/index.ts';
import type { AppEnv, Db } from '../app.ts';
import { queueNotification, type Notification } from '../notify/outbox.ts';
import { issueEmailedCode, MAX_CODE_ATTEMPTS } from './codes.ts';
import { digestsEqual, keyedHash, randomToken } from './crypto.ts';

// A reset link from staff may wait in an inbox while the person travels home from the clinic.
export const RESET_LINK_LIFETIME_MS = 24 * 60 * 60_000;

/**
 * Finds the enabled person whose sign-in address, or whose own patient record's email on file,
 * is `email`. Returns null for unknown and disabled accounts alike.
 */
export async function findPersonByEmailOnFile(db: Db, email: string): Promise<string | null> {
  const address = email.toLowerCase();
  const [bySignIn] = await db
    .select({ id: people.id, disabledAt: people.disabledAt })
    .from(people)
    .where(eq(people.email, address));
  if (bySignIn) return bySignIn.disabledAt ? null : bySignIn.id;

  const [byContact] = await db
    .select({ id: people.id, disabledAt: people.disabledAt })
    .from(patientContacts)
    .innerJoin(personPatients, eq(personPatients.patientId, patientContacts.patientId))
    .innerJoin(people, eq(people.id, personPatients.personId))
    .where(
      and(eq(patientContacts.kind, 'email'), sql`lower(${patientContacts.value}) = ${address}`),
    )
    .limit(1);
  return byContact && !byContact.disabledAt ? byContact.id : null;
}

/**
 * Lists every contact on file for a person: each email and phone of their own patient record,
 * and their sign-in address. A proxy-only person has the sign-in address alone.
 */
export async function contactsOnFile(
  db: Db,
  personId: string,
): Promise<{ channel: 'email' | 'sms'; recipient: string }[]> {
  const [person] = await db
    .select({ email: people.email })
    .from(people)
    .where(eq(people.id, personId));
  const rows = await db
    .select({ kind: patientContacts.kind, value: patientContacts.value })
    .from(personPatients)
    .innerJoin(patientContacts, eq(patientContacts.patientId, personPatients.patientId))
    .where(eq(personPatients.personId, personId));

  const contacts = new Map<string, { channel: 'email' | 'sms'; recipient: string }>();
  if (person) contacts.set(`email:${person.email}`, { channel: 'email', recipient: person.email });
  for (const row of rows) {
    const channel = row.kind === 'email' ? 'email' : 'sms';
    const recipient = row.kind === 'email' ? row.value.toLowerCase() : row.value;
    contacts.set(`${channel}:${recipient}`, { channel, recipient });
  }
  return [...contacts.values()];
}

/** Builds one outbox insert per contact on file, for a batch. The text must hold no PHI. */
export async function notifyAllContacts(
  c: Context<AppEnv>,
  personId: string,
  message: Pick<Notification, 'subject' | 'body'>,
) {
  const contacts = await contactsOnFile(c.var.db, personId);
  return contacts.map((contact) => queueNotification(c, { ...contact, ...message }));
}

/**
 * Issues a recovery code (purpose 'recovery') for an address on file and returns the code row's
 * id. Like issueSignInCode, it does the same work and writes the same rows for unknown
 * addresses, whose row has no person and can never be used, so the response reveals nothing.
 * The code goes only to the address typed, and only because that address is already on file.
 */
export async function issueRecoveryCode(c: Context<AppEnv>, email: string): Promise<string> {
  const personId = await findPersonByEmailOnFile(c.var.db, email);
  return issueEmailedCode(c, personId, email, {
    purpose: 'recovery',
    action: 'recovery.code-sent',
    subject: 'Your patient portal recovery code',
    body: (code) =>
      `Your code to recover your account is ${code}. It expires in 10 minutes. If you did not ask for it, call your clinic.`,
  });
}

/**
 * Issues the one-time reset link that a staff-verified reset sends, and returns the insert
 * statements (the code row and the email) for the caller's batch. The link's token is 32 random
 * bytes, so it cannot be guessed within the attempt limit.
 */
export async function resetLinkStatements(c: Context<AppEnv>, personId: string) {
  const { db, config } = c.var;
  const [person] = await db
    .select({ email: people.email })
    .from(people)
    .where(eq(people.id, personId));
  if (!person) throw new Error('resetLinkStatements: person not found');

  const id = randomToken(16);
  const token = randomToken(32);
  const now = new Date();
  const link = `/recover/reset?${new URLSearchParams({ link: `${id}.${token}` })}`;
  return [
    db.insert(oneTimeCodes).values({
      id,
      personId,
      purpose: 'recovery',
      // A different hash domain from typed codes, so a 6-digit guess can never match this row.
      codeHash: await keyedHash(config.sessionPepper, 'recovery-link', id, token),
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + RESET_LINK_LIFETIME_MS).toISOString(),
    }),
    queueNotification(c, {
      channel: 'email',
      recipient: person.email,
      subject: 'Recover your patient portal account',
      body: `Your clinic checked who you are and started an account recovery. Open this link within 24 hours to sign in and add a new passkey: ${originOf(c)}${link} If you did not ask your clinic for this, call them.`,
    }),
  ];
}

export type ResetLinkCheck = { ok: true; personId: string } | { ok: false; reason: string };

/** Checks a reset link's value and, when it is valid and unused, consumes it. */
export async function useResetLink(c: Context<AppEnv>, value: string): Promise<ResetLinkCheck> {
  const { db, config } = c.var;
  const [id, token] = value.split('.');
  if (!id || !token) return { ok: false, reason: 'malformed' };

  const [row] = await db.select().from(oneTimeCodes).where(eq(oneTimeCodes.id, id));
  const now = new Date().toISOString();
  if (!row || row.purpose !== 'recovery' || !row.personId) return { ok: false, reason: 'unknown' };
  if (row.usedAt) return { ok: false, reason: 'used' };
  if (row.expiresAt <= now) return { ok: false, reason: 'expired' };
  if (row.attempts >= MAX_CODE_ATTEMPTS) return { ok: false, reason: 'too-many-attempts' };

  const expected = await keyedHash(config.sessionPepper, 'recovery-link', id, token);
  if (!digestsEqual(expected, row.codeHash)) {
    await db
      .update(oneTimeCodes)
      .set({ attempts: sql`${oneTimeCodes.attempts} + 1` })
      .where(eq(oneTimeCodes.id, id));
    return { ok: false, reason: 'wrong-token' };
  }

  const consumed = await db
    .update(oneTimeCodes)
    .set({ usedAt: now })
    .where(
      and(
        eq(oneTimeCodes.id, id),
        isNull(oneTimeCodes.usedAt),
        lt(oneTimeCodes.attempts, MAX_CODE_ATTEMPTS),
      ),
    );
  if (consumed.meta.changes !== 1) return { ok: false, reason: 'used' };
  return { ok: true, personId: row.personId };
}

/** Returns whether a one-time code row exists with the purpose 'recovery'. */
export async function isRecoveryCodeRow(db: Db, id: string): Promise<boolean> {
  const [row] = await db
    .select({ purpose: oneTimeCodes.purpose })
    .from(oneTimeCodes)
    .where(eq(oneTimeCodes.id, id));
  return row?.purpose === 'recovery';
}

// The email needs an absolute link. The first expected origin is the portal's own address.
function originOf(c: Context<AppEnv>) {
  return c.var.config.expectedOrigins[0] ?? new URL(c.req.url).origin;
}
