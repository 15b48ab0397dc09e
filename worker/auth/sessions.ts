import { eq } from 'drizzle-orm';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import type { Context } from 'hono';
import { people, personPatients, sessions, staff } from '../../schema/index.ts';
import type { AssuranceLevel } from '../../schema/people.ts';
import type { AppEnv, SignedInPerson } from '../app.ts';
import { appendAuditEvent, clientClass } from '../audit/append.ts';
import { keyedHash, randomToken } from './crypto.ts';

// The __Host- prefix makes the browser insist on Secure, Path=/ and no Domain attribute.
const SESSION_COOKIE = 'session';
// The session middleware writes last_seen_at at most this often, to spare D1 a write per page.
const TOUCH_INTERVAL_MS = 60_000;

/**
 * Loads the signed-in person from the session cookie into `c.var.person`. A session past its
 * idle or absolute timeout, or of a disabled account, is deleted, audited and treated as signed
 * out.
 */
export const sessionMiddleware = () =>
  createMiddleware<AppEnv>(async function sessionMiddleware(c, next) {
    c.set('person', null);
    c.set('sessionEnded', null);
    const token = getCookie(c, SESSION_COOKIE, 'host');
    if (token) c.set('person', await loadSession(c, token));
    await next();
  });

/** Starts a session at the given assurance level, sets its cookie and returns the token's hash. */
export async function startSession(
  c: Context<AppEnv>,
  personId: string,
  assuranceLevel: AssuranceLevel,
): Promise<string> {
  const { db, config } = c.var;
  const token = randomToken();
  const tokenHash = await keyedHash(config.sessionPepper, 'session', token);
  const now = new Date().toISOString();

  // Only a keyed hash of the token is stored, so a copy of the database cannot sign anyone in.
  await db.insert(sessions).values({
    tokenHash,
    personId,
    assuranceLevel,
    createdAt: now,
    lastSeenAt: now,
    deviceClass: clientClass(c.req.header('user-agent')),
  });

  setCookie(c, SESSION_COOKIE, token, {
    prefix: 'host',
    httpOnly: true,
    secure: true,
    sameSite: 'Strict',
    path: '/',
  });
  return tokenHash;
}

/** Deletes the current session row and its cookie. */
export async function endSession(c: Context<AppEnv>) {
  await deleteCurrentSession(c);
  deleteCookie(c, SESSION_COOKIE, { prefix: 'host', path: '/', secure: true });
}

/** Deletes the current session row, if any, before a new session replaces its cookie. */
export async function deleteCurrentSession(c: Context<AppEnv>) {
  const person = c.var.person;
  if (person) {
    await c.var.db.delete(sessions).where(eq(sessions.tokenHash, person.sessionTokenHash));
  }
}

async function loadSession(c: Context<AppEnv>, token: string): Promise<SignedInPerson | null> {
  const { db, config } = c.var;
  const tokenHash = await keyedHash(config.sessionPepper, 'session', token);

  const [row] = await db
    .select({
      personId: sessions.personId,
      assuranceLevel: sessions.assuranceLevel,
      createdAt: sessions.createdAt,
      lastSeenAt: sessions.lastSeenAt,
      displayName: people.displayName,
      disabledAt: people.disabledAt,
      ownPatientId: personPatients.patientId,
      staffId: staff.id,
    })
    .from(sessions)
    .innerJoin(people, eq(people.id, sessions.personId))
    .leftJoin(personPatients, eq(personPatients.personId, sessions.personId))
    .leftJoin(staff, eq(staff.personId, sessions.personId))
    .where(eq(sessions.tokenHash, tokenHash))
    .limit(1);
  if (!row) {
    // Sign-out and timeouts delete the cookie with the row, so a cookie whose row is gone was
    // almost always signed out from another device ("sign out everywhere else"). Saying so
    // costs nothing more than the lookup already made.
    deleteCookie(c, SESSION_COOKIE, { prefix: 'host', path: '/', secure: true });
    c.set('sessionEnded', 'signed-out-elsewhere');
    return null;
  }

  const now = Date.now();
  const idleFor = now - Date.parse(row.lastSeenAt);
  const age = now - Date.parse(row.createdAt);
  if (row.disabledAt || idleFor > config.sessionIdleMs || age > config.sessionAbsoluteMs) {
    let reason = 'absolute-timeout';
    if (row.disabledAt) reason = 'account-disabled';
    else if (idleFor > config.sessionIdleMs) reason = 'idle-timeout';

    // The event is written first, so no session is ended without its audit event. If the delete
    // then fails, the request fails and the next request with this cookie ends the session again.
    await appendAuditEvent(c, {
      actorPersonId: row.personId,
      actorRole: 'self',
      action: 'session.timed-out',
      resourceType: 'session',
      outcome: 'success',
      reason,
    });
    await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
    deleteCookie(c, SESSION_COOKIE, { prefix: 'host', path: '/', secure: true });
    c.set('sessionEnded', 'timed-out');
    // The row read above is the last record of whose session this was. A compose POST uses it
    // to keep the message as that person's draft (worker/chart/compose-expiry.ts). A disabled
    // account keeps nothing.
    if (!row.disabledAt) {
      const { personId, assuranceLevel, ownPatientId, staffId } = row;
      c.set('expiredPerson', { personId, assuranceLevel, ownPatientId, staffId });
    }
    return null;
  }

  if (now - Date.parse(row.lastSeenAt) > TOUCH_INTERVAL_MS) {
    await db
      .update(sessions)
      .set({ lastSeenAt: new Date(now).toISOString() })
      .where(eq(sessions.tokenHash, tokenHash));
  }

  return {
    personId: row.personId,
    displayName: row.displayName,
    assuranceLevel: row.assuranceLevel,
    ownPatientId: row.ownPatientId,
    staffId: row.staffId,
    sessionTokenHash: tokenHash,
  };
}
