import { and, asc, desc, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { careTeams, messages, messageThreads, people, staff } from '../../schema/index.ts';
import type { ThreadSummary } from '../../views/models.ts';
import { MessagesPage } from '../../views/pages/messages.tsx';
import { ThreadPage } from '../../views/pages/thread.tsx';
import type { AppEnv, Db } from '../app.ts';
import { pageChrome, renderPage } from '../http/render.ts';
import { NotFound } from '../http/errors.tsx';
import { authorizeView, openedChart } from './guard.ts';

export const messageRoutes = new Hono<AppEnv>();

messageRoutes.get('/messages', async (c) => {
  const { patientId, patientName } = openedChart(c);
  const threads = await loadThreads(c.var.db, patientId);

  await authorizeView(c, { type: 'message-thread', sensitivity: 'normal' });

  const chrome = pageChrome(c, 'Messages', { patientId, patientName, current: 'messages' });
  return renderPage(c, <MessagesPage chrome={chrome} model={{ threads }} />);
});

messageRoutes.get('/messages/:threadId', async (c) => {
  const { patientId, patientName } = openedChart(c);
  const db = c.var.db;
  const [thread] = await db
    .select({
      id: messageThreads.id,
      subject: messageThreads.subject,
      careTeam: careTeams.name,
      sensitivity: messageThreads.sensitivity,
    })
    .from(messageThreads)
    .innerJoin(careTeams, eq(careTeams.id, messageThreads.careTeamId))
    .where(
      and(eq(messageThreads.patientId, patientId), eq(messageThreads.id, c.req.param('threadId'))),
    );
  if (!thread) throw new NotFound();

  await authorizeView(c, {
    type: 'message-thread',
    id: thread.id,
    sensitivity: thread.sensitivity,
  });

  const rows = await db
    .select({
      id: messages.id,
      body: messages.body,
      sentAt: messages.sentAt,
      staffName: staff.displayName,
      personName: people.displayName,
    })
    .from(messages)
    .leftJoin(staff, eq(staff.id, messages.authorStaffId))
    .leftJoin(people, eq(people.id, messages.authorPersonId))
    .where(and(eq(messages.patientId, patientId), eq(messages.threadId, thread.id)))
    .orderBy(asc(messages.sentAt));
  if (openedChart(c).actor.ownPatientId === patientId) {
    await db
      .update(messages)
      .set({ readAt: new Date().toISOString() })
      .where(
        and(
          eq(messages.threadId, thread.id),
          isNotNull(messages.authorStaffId),
          isNull(messages.readAt),
        ),
      );
  }

  const model = {
    id: thread.id,
    subject: thread.subject,
    careTeam: thread.careTeam,
    messages: rows.map((row) => ({
      id: row.id,
      author: row.staffName ?? row.personName ?? 'Former portal user',
      fromCareTeam: row.staffName !== null,
      sentAt: row.sentAt,
      body: row.body,
    })),
  };
  const chrome = pageChrome(c, thread.subject, { patientId, patientName, current: 'messages' });
  return renderPage(c, <ThreadPage chrome={chrome} model={model} />);
});

/** Loads a patient's message threads, newest first, with the count of unread care-team replies. */
export async function loadThreads(db: Db, patientId: string): Promise<ThreadSummary[]> {
  return db
    .select({
      id: messageThreads.id,
      subject: messageThreads.subject,
      careTeam: careTeams.name,
      lastMessageAt: messageThreads.lastMessageAt,
      unreadCount: sql<number>`(
        select count(*) from ${messages}
        where ${messages.threadId} = ${messageThreads.id}
          and ${messages.authorStaffId} is not null
          and ${messages.readAt} is null
      )`,
    })
    .from(messageThreads)
    .innerJoin(careTeams, eq(careTeams.id, messageThreads.careTeamId))
    .where(eq(messageThreads.patientId, patientId))
    .orderBy(desc(messageThreads.lastMessageAt));
}
