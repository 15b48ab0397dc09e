import { and, asc, desc, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import { Hono, type Context } from 'hono';
import { careTeams, messages, messageThreads, people, staff } from '../../schema/index.ts';
import type { ThreadSummary } from '../../views/models.ts';
import { MessagesPage } from '../../views/pages/messages.tsx';
import { ThreadPage } from '../../views/pages/thread.tsx';
import type { Sensitivity } from '../../schema/chart.ts';
import type { AppEnv, Db } from '../app.ts';
import { pageChrome, renderPage } from '../http/render.ts';
import { NotFound } from '../http/errors.tsx';
import { authorizeView, openedChart, visibleSensitivities } from './guard.ts';
import { privateItemsHidden } from './private-items.ts';

export const messageRoutes = new Hono<AppEnv>();

messageRoutes.get('/messages', async (c) => {
  const { patientId, patientName } = openedChart(c);
  const threads = await loadThreads(c.var.db, patientId, visibleSensitivities(c, 'message-thread'));

  await authorizeView(c, { type: 'message-thread', sensitivity: 'normal' });

  const chrome = pageChrome(c, 'Messages', {
    patientId,
    patientName,
    current: 'messages',
    privateItemsHidden: privateItemsHidden(c, 'message-thread'),
  });
  return renderPage(c, <MessagesPage chrome={chrome} model={{ threads }} />);
});

messageRoutes.get('/messages/:threadId', async (c) => {
  const { patientId, patientName } = openedChart(c);
  const db = c.var.db;
  const thread = await loadThread(c, c.req.param('threadId'));

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

/**
 * Loads one thread of the opened chart's patient, with its care team's name. A thread of another
 * patient throws NotFound, so a guessed id reveals nothing. The caller decides access.
 */
export async function loadThread(c: Context<AppEnv>, threadId: string) {
  const { patientId } = openedChart(c);
  const [thread] = await c.var.db
    .select({
      id: messageThreads.id,
      subject: messageThreads.subject,
      careTeam: careTeams.name,
      sensitivity: messageThreads.sensitivity,
    })
    .from(messageThreads)
    .innerJoin(careTeams, eq(careTeams.id, messageThreads.careTeamId))
    .where(and(eq(messageThreads.patientId, patientId), eq(messageThreads.id, threadId)));
  if (!thread) throw new NotFound();
  return thread;
}

/**
 * Loads a patient's message threads in the given sensitivity categories, newest first, with the
 * count of unread care-team replies. Pass the categories the actor may view.
 */
export async function loadThreads(
  db: Db,
  patientId: string,
  sensitivities: Sensitivity[],
): Promise<ThreadSummary[]> {
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
    .where(
      and(
        eq(messageThreads.patientId, patientId),
        inArray(messageThreads.sensitivity, sensitivities),
      ),
    )
    .orderBy(desc(messageThreads.lastMessageAt));
}
