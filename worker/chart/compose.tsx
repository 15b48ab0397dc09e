import { and, eq } from 'drizzle-orm';
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { messages, messageThreads } from '../../schema/index.ts';
import { ComposePage, type ComposeModel } from '../../views/pages/compose.tsx';
import type { AppEnv } from '../app.ts';
import { randomToken } from '../auth/crypto.ts';
import { pageChrome, renderPage } from '../http/render.ts';
import {
  decideMessaging,
  deleteDraftStatement,
  draftFieldsOf,
  formField,
  loadCareTeams,
  loadDraft,
  MAX_BODY,
  MAX_SUBJECT,
  saveDraft,
} from './compose-drafts.ts';
import { asksForKeptDraftNotice } from './compose-expiry.ts';
import { openedChart } from './guard.ts';
import { loadThread } from './messages.tsx';

/**
 * Writing to the care team, under /chart/:patientId: a new conversation, a reply, and the
 * draft that htmx saves while the person types. Mount before the message routes, whose
 * /messages/:threadId would otherwise take /messages/new. A POST of these forms that arrives
 * after the session timed out is kept as a draft by keepDraftAfterTimeout in compose-expiry.ts.
 */
export const composeRoutes = new Hono<AppEnv>();

const subjectSchema = z
  .string()
  .trim()
  .min(1, 'Enter a subject, for example Question about my blood test')
  .max(MAX_SUBJECT, `Enter a subject of ${MAX_SUBJECT} characters or fewer`);
const bodySchema = z
  .string()
  .trim()
  .min(1, 'Enter your message')
  .max(MAX_BODY, `Enter a message of ${MAX_BODY} characters or fewer, or split it into two`);

composeRoutes.get('/messages/new', async (c) => {
  const teams = await loadCareTeams(c);
  const draft = await loadDraft(c, null);
  await decideMessaging(c, { sensitivity: 'normal' }, 'message-draft.view', draft !== null);

  const model: ComposeModel = {
    thread: null,
    careTeams: teams,
    subject: draft?.subject ?? '',
    careTeamId: teams.length === 1 ? teams[0]!.id : '',
    body: draft?.body ?? '',
    draftSavedAt: draft?.updatedAt ?? null,
    draftKeptAfterTimeout: draft !== null && asksForKeptDraftNotice(c),
    errors: [],
  };
  return render(c, model);
});

composeRoutes.post('/messages/new', async (c) => {
  const { patientId } = openedChart(c);
  const form = await c.req.parseBody();
  const typed = {
    subject: formField(form, 'subject'),
    careTeamId: formField(form, 'care-team'),
    body: formField(form, 'body'),
  };
  const teams = await loadCareTeams(c);

  const subject = subjectSchema.safeParse(typed.subject);
  const body = bodySchema.safeParse(typed.body);
  const team = teams.find((candidate) => candidate.id === typed.careTeamId);
  const errors = [];
  if (!team) errors.push({ field: 'care-team', message: 'Choose who your message is for' });
  if (!subject.success)
    errors.push({ field: 'subject', message: subject.error.issues[0]!.message });
  if (!body.success) errors.push({ field: 'body', message: body.error.issues[0]!.message });
  if (!team || !subject.success || !body.success) {
    await decideMessaging(c, { sensitivity: 'normal' }, 'message.send', false);
    const model = {
      thread: null,
      careTeams: teams,
      ...typed,
      draftSavedAt: null,
      draftKeptAfterTimeout: false,
      errors,
    };
    return render(c, model, 400);
  }

  const threadId = randomToken(16);
  await decideMessaging(c, { id: threadId, sensitivity: 'normal' }, 'message.send', true);
  const now = new Date().toISOString();
  const db = c.var.db;
  // One batch: the thread, its first message and the draft's deletion happen together.
  await db.batch([
    db.insert(messageThreads).values({
      id: threadId,
      patientId,
      careTeamId: team.id,
      subject: subject.data,
      category: 'general',
      createdAt: now,
      lastMessageAt: now,
      sensitivity: 'normal',
    }),
    db.insert(messages).values({
      id: randomToken(16),
      threadId,
      patientId,
      authorPersonId: c.var.person!.personId,
      body: body.data,
      sentAt: now,
    }),
    deleteDraftStatement(c, null),
  ]);
  return c.redirect(`/chart/${patientId}/messages/${threadId}`, 303);
});

composeRoutes.get('/messages/:threadId/reply', async (c) => {
  const thread = await loadThread(c, c.req.param('threadId'));
  const draft = await loadDraft(c, thread.id);
  await decideMessaging(
    c,
    { id: thread.id, sensitivity: thread.sensitivity },
    'message-draft.view',
    draft !== null,
  );

  const model: ComposeModel = {
    thread,
    careTeams: [],
    subject: '',
    careTeamId: '',
    body: draft?.body ?? '',
    draftSavedAt: draft?.updatedAt ?? null,
    draftKeptAfterTimeout: draft !== null && asksForKeptDraftNotice(c),
    errors: [],
  };
  return render(c, model);
});

composeRoutes.post('/messages/:threadId/reply', async (c) => {
  const { patientId } = openedChart(c);
  const thread = await loadThread(c, c.req.param('threadId'));
  const typed = formField(await c.req.parseBody(), 'body');

  const body = bodySchema.safeParse(typed);
  if (!body.success) {
    await decideMessaging(
      c,
      { id: thread.id, sensitivity: thread.sensitivity },
      'message.send',
      false,
    );
    const errors = [{ field: 'body', message: body.error.issues[0]!.message }];
    const model = {
      thread,
      careTeams: [],
      subject: '',
      careTeamId: '',
      body: typed,
      draftSavedAt: null,
      draftKeptAfterTimeout: false,
      errors,
    };
    return render(c, model, 400);
  }

  await decideMessaging(
    c,
    { id: thread.id, sensitivity: thread.sensitivity },
    'message.send',
    true,
  );
  const now = new Date().toISOString();
  const db = c.var.db;
  await db.batch([
    db.insert(messages).values({
      id: randomToken(16),
      threadId: thread.id,
      patientId,
      authorPersonId: c.var.person!.personId,
      body: body.data,
      sentAt: now,
    }),
    db
      .update(messageThreads)
      .set({ lastMessageAt: now })
      .where(and(eq(messageThreads.id, thread.id), eq(messageThreads.patientId, patientId))),
    deleteDraftStatement(c, thread.id),
  ]);
  return c.redirect(`/chart/${patientId}/messages/${thread.id}`, 303);
});

composeRoutes.post('/messages/draft', async (c) => {
  const { patientId } = openedChart(c);
  const form = await c.req.parseBody();
  const threadId = formField(form, 'thread') || null;
  const thread = threadId ? await loadThread(c, threadId) : null;
  const fields = draftFieldsOf(form, threadId);

  const existing = await loadDraft(c, threadId);
  await decideMessaging(
    c,
    { id: thread?.id, sensitivity: thread?.sensitivity ?? 'normal' },
    'message-draft.save',
    existing === null,
  );
  await saveDraft(c, fields, existing?.id ?? null);

  // Autosave (htmx, not boosted) gets only the status text. "Save draft" without JavaScript, or
  // a boosted form, gets the whole compose page again.
  if (c.req.header('hx-request') && !c.req.header('hx-boosted')) {
    return c.html('Your draft is saved.');
  }
  const page = thread ? `/messages/${thread.id}/reply` : '/messages/new';
  return c.redirect(`/chart/${patientId}${page}`, 303);
});

function render(c: Context<AppEnv>, model: ComposeModel, status: 200 | 400 = 200) {
  const { patientId, patientName } = openedChart(c);
  const title = model.thread ? `Reply: ${model.thread.subject}` : 'Write a message';
  const chrome = pageChrome(c, title, { patientId, patientName, current: 'messages' });
  return renderPage(c, <ComposePage chrome={chrome} model={model} />, status);
}
