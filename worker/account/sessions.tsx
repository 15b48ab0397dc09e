import { and, desc, eq, ne } from 'drizzle-orm';
import { Hono, type Context } from 'hono';
import { sessions } from '../../schema/index.ts';
import { SessionsPage } from '../../views/pages/sessions.tsx';
import type { SessionsModel } from '../../views/models.ts';
import type { AppEnv } from '../app.ts';
import { appendAuditEvent } from '../audit/append.ts';
import { keyedHash } from '../auth/crypto.ts';
import { requireSignIn } from '../auth/require-sign-in.ts';
import { NotFound } from '../http/errors.tsx';
import { pageChrome, renderPage } from '../http/render.ts';

/** Routes that list the signed-in person's sessions, end one of them or end all but the current one. */
export const accountSessions = new Hono<AppEnv>();

accountSessions.use('/account/*', requireSignIn());

accountSessions.get('/account/sessions', async (c) => {
  const person = c.var.person!;
  const rows = await c.var.db
    .select()
    .from(sessions)
    .where(eq(sessions.personId, person.personId))
    .orderBy(desc(sessions.lastSeenAt));

  const model: SessionsModel = {
    sessions: await Promise.all(
      rows.map(async (row) => ({
        id: await publicSessionId(c, row.tokenHash),
        deviceClass: row.deviceClass,
        startedAt: row.createdAt,
        lastSeenAt: row.lastSeenAt,
        isCurrent: row.tokenHash === person.sessionTokenHash,
      })),
    ),
    notice: ENDED_NOTICES[c.req.query('ended') ?? ''] ?? null,
  };
  return renderPage(c, <SessionsPage chrome={pageChrome(c, 'Your sessions')} model={model} />);
});

accountSessions.post('/account/sessions/others', async (c) => {
  const person = c.var.person!;

  // The rows are deleted before the events are written, because a failed audit write must never
  // keep a lost or stolen device signed in after the person asked to sign it out.
  const ended = await c.var.db
    .delete(sessions)
    .where(
      and(eq(sessions.personId, person.personId), ne(sessions.tokenHash, person.sessionTokenHash)),
    )
    .returning({ tokenHash: sessions.tokenHash });
  for (const row of ended) {
    await auditSessionEnded(c, await publicSessionId(c, row.tokenHash));
  }

  return c.redirect('/account/sessions?ended=others', 303);
});

accountSessions.post('/account/sessions/:id/end', async (c) => {
  const person = c.var.person!;
  const rows = await c.var.db
    .select({ tokenHash: sessions.tokenHash })
    .from(sessions)
    .where(
      and(eq(sessions.personId, person.personId), ne(sessions.tokenHash, person.sessionTokenHash)),
    );

  // Only the person's other sessions can match, so another person's id or the current
  // session's id gets the same not-found page as an id that never existed.
  const id = c.req.param('id');
  let target: string | null = null;
  for (const row of rows) {
    if ((await publicSessionId(c, row.tokenHash)) === id) target = row.tokenHash;
  }
  if (!target) throw new NotFound();

  const ended = await c.var.db
    .delete(sessions)
    .where(and(eq(sessions.tokenHash, target), eq(sessions.personId, person.personId)))
    .returning({ tokenHash: sessions.tokenHash });
  if (ended.length === 0) throw new NotFound();
  await auditSessionEnded(c, id);

  return c.redirect('/account/sessions?ended=one', 303);
});

/**
 * Derives the id a page shows for a session: an HMAC of the token hash, so the stored hash
 * never reaches a page and the id cannot be turned back into it.
 */
export function publicSessionId(c: Context<AppEnv>, tokenHash: string): Promise<string> {
  return keyedHash(c.var.config.sessionPepper, 'session-public-id', tokenHash);
}

function auditSessionEnded(c: Context<AppEnv>, sessionId: string) {
  return appendAuditEvent(c, {
    actorPersonId: c.var.person!.personId,
    actorRole: 'self',
    action: 'session.ended',
    resourceType: 'session',
    resourceId: sessionId,
    outcome: 'success',
    reason: 'signed-out-elsewhere',
  });
}

const ENDED_NOTICES: Record<string, string> = {
  others: 'You are now signed out on every other device.',
  one: 'That device is now signed out.',
};
