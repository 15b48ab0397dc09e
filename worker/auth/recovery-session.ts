import { and, eq, lte } from 'drizzle-orm';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { people, sessions } from '../../schema/index.ts';
import type { AppEnv } from '../app.ts';
import { appendAuditEvent } from '../audit/append.ts';
import { digestsEqual, keyedHash } from './crypto.ts';
import { notifyAllContacts } from './recovery-contacts.ts';
import { deleteCurrentSession, startSession } from './sessions.ts';

// Marks the one session a recovery started. It contains an HMAC of that session's token hash, so
// it cannot be made for any other session without the server's pepper.
const RECOVERY_COOKIE = 'recovered';

export type RecoveryMethod = 'recovery-code' | 'staff-reset';

/**
 * Finishes an account recovery: audits it, blocks proxy access until a new passkey exists,
 * notifies every contact on file, ends every session of the person and starts an AAL1 session
 * under a new token. Other sessions end because the lost device may still be signed in.
 *
 * The session may add a passkey without a step-up (see mayAddPasskeyAfterRecovery). The person
 * has just proved control of a contact on file plus a recovery code or a staff check, and the
 * passkey they would step up with is the one they lost.
 */
export async function completeRecovery(
  c: Context<AppEnv>,
  personId: string,
  method: RecoveryMethod,
) {
  const db = c.var.db;
  const now = new Date().toISOString();

  // The event is written first, so no recovery takes effect without its audit event.
  await appendAuditEvent(c, {
    actorPersonId: personId,
    actorRole: 'self',
    action: 'recovery.complete',
    resourceType: 'person',
    resourceId: personId,
    outcome: 'success',
    reason: method,
  });
  await db.batch([
    db.update(people).set({ proxyBlockedSince: now }).where(eq(people.id, personId)),
    db.delete(sessions).where(eq(sessions.personId, personId)),
    ...(await notifyAllContacts(c, personId, RECOVERED_NOTICE)),
  ]);

  // The browser's own session may belong to someone else (a shared computer), so it ends too.
  await deleteCurrentSession(c);
  const tokenHash = await startSession(c, personId, 'AAL1');
  setCookie(c, RECOVERY_COOKIE, await recoveryMark(c, tokenHash), {
    prefix: 'host',
    httpOnly: true,
    secure: true,
    sameSite: 'Strict',
    path: '/',
  });
}

/**
 * Returns whether this session was started by a recovery whose block is still in place, so
 * the person may add a passkey at AAL1. A later sign-in with an emailed code alone gets a new
 * token, does not match the mark, and still needs a step-up.
 */
export async function mayAddPasskeyAfterRecovery(c: Context<AppEnv>): Promise<boolean> {
  const person = c.var.person;
  const mark = getCookie(c, RECOVERY_COOKIE, 'host');
  if (!person || !mark) return false;
  if (!digestsEqual(mark, await recoveryMark(c, person.sessionTokenHash))) return false;
  return (await proxyBlockedSince(c, person.personId)) !== null;
}

/** Returns when the person's proxy access was blocked by a recovery, or null. */
export async function proxyBlockedSince(c: Context<AppEnv>, personId: string) {
  const [row] = await c.var.db
    .select({ since: people.proxyBlockedSince })
    .from(people)
    .where(eq(people.id, personId));
  return row?.since ?? null;
}

/**
 * Lifts the proxy block after a passkey created at `createdAt` was registered, if the block
 * began before it, and deletes the recovery mark, whose work is done.
 */
export async function liftProxyBlock(c: Context<AppEnv>, personId: string, createdAt: string) {
  await c.var.db
    .update(people)
    .set({ proxyBlockedSince: null })
    .where(and(eq(people.id, personId), lte(people.proxyBlockedSince, createdAt)));
  deleteCookie(c, RECOVERY_COOKIE, { prefix: 'host', path: '/', secure: true });
}

function recoveryMark(c: Context<AppEnv>, tokenHash: string) {
  return keyedHash(c.var.config.sessionPepper, 'recovery-session', tokenHash);
}

// Sent to every contact on file. It contains no PHI, only the fact that the account was recovered.
const RECOVERED_NOTICE = {
  subject: 'Your patient portal account was recovered',
  body: 'Someone recovered your patient portal account and signed in. If you help care for anyone through the portal, access to their records is paused until a new passkey is added. If this was not you, call your clinic now.',
};
