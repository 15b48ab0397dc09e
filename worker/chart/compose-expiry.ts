import { and, eq } from 'drizzle-orm';
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { messageThreads } from '../../schema/index.ts';
import type { AppEnv, ExpiredPerson } from '../app.ts';
import { redirectToSignIn } from '../auth/require-sign-in.ts';
import { loadAccessFacts } from './access-facts.ts';
import {
  decideMessagingFor,
  draftFieldsOf,
  formField,
  loadDraft,
  saveDraft,
  type DraftFields,
} from './compose-drafts.ts';

// The compose POSTs under /chart/:patientId that carry a message, which are a new conversation,
// "Save draft" and a reply. "Save draft" sends its thread, if any, in a form field.
const COMPOSE_POST = /^\/chart\/[^/]+\/messages\/(?:new|(?<draft>draft)|(?<thread>[^/]+)\/reply)$/;

// The query the compose page reads to say that the draft it shows was kept after a timeout.
const KEPT_DRAFT_PARAM = 'draft';
const KEPT_DRAFT_VALUE = 'kept';

/**
 * Keeps the message of a compose, reply or "Save draft" POST that arrives just after its
 * session timed out as the person's draft, then sends them to sign in and back to the compose
 * page, which shows the draft. Every other request passes on. Mount on the chart routes before
 * requireSignIn().
 *
 * Why a request without a live session may write this draft:
 * - The session middleware sets `expiredPerson` only when the cookie's token matched a session
 *   row that had just timed out, so this browser held that person's session. The row is deleted
 *   on that request, so an expired token can keep at most one message.
 * - The Origin check ran before, and the cookie is SameSite=Strict, so the form came from this
 *   site.
 * - The write is only the person's own draft. It runs the decision and audit event of a draft
 *   save at the assurance level the session had, so it writes nowhere that session could not.
 * - It puts no PHI in the response, which is a redirect to sign in either way. The draft is
 *   shown only after signing in again, behind the compose page's own access decision.
 */
export const keepDraftAfterTimeout = () =>
  createMiddleware<AppEnv>(async function keepDraftAfterTimeout(c, next) {
    const person = c.var.expiredPerson;
    const route = COMPOSE_POST.exec(c.req.path);
    if (!person || c.req.method !== 'POST' || !route) return next();

    const patientId = c.req.param('patientId') ?? '';
    const form = await c.req.parseBody();
    const threadId = route.groups?.thread ?? (route.groups?.draft ? formField(form, 'thread') : '');
    const fields = draftFieldsOf(form, threadId || null);
    const draftKept = await keepDraft(c, person, patientId, fields);

    const messagesPath = `/chart/${patientId}/messages`;
    const composePath = fields.threadId
      ? `${messagesPath}/${fields.threadId}/reply`
      : `${messagesPath}/new`;
    const query = new URLSearchParams({ [KEPT_DRAFT_PARAM]: KEPT_DRAFT_VALUE });
    return redirectToSignIn(c, draftKept ? `${composePath}?${query}` : composePath);
  });

/** Returns whether the compose page was reached from the sign-in that followed a kept draft. */
export function asksForKeptDraftNotice(c: Context<AppEnv>): boolean {
  return c.req.query(KEPT_DRAFT_PARAM) === KEPT_DRAFT_VALUE;
}

/** Saves the typed fields as the person's draft when the messaging decision allows it. */
async function keepDraft(
  c: Context<AppEnv>,
  person: ExpiredPerson,
  patientId: string,
  fields: DraftFields,
): Promise<boolean> {
  // An empty form keeps nothing, because saving it would delete a draft autosave kept earlier.
  if (!fields.subject.trim() && !fields.body.trim()) return false;
  const thread = fields.threadId
    ? await loadThreadSensitivity(c, patientId, fields.threadId)
    : { id: undefined, sensitivity: 'normal' as const };
  if (!thread) return false;

  const facts = await loadExpiredActorFacts(c, person, patientId);
  const owner = { personId: person.personId, patientId };
  const existing = await loadDraft(c, fields.threadId, owner);
  const decision = await decideMessagingFor(
    c,
    { patientId, ...facts },
    thread,
    'message-draft.save',
    existing === null,
  );
  if (decision.effect === 'deny') return false;

  await saveDraft(c, fields, existing?.id ?? null, owner);
  return true;
}

// Only the id and the sensitivity, which the decision weighs. Nothing of the thread is shown.
async function loadThreadSensitivity(c: Context<AppEnv>, patientId: string, threadId: string) {
  const [thread] = await c.var.db
    .select({ id: messageThreads.id, sensitivity: messageThreads.sensitivity })
    .from(messageThreads)
    .where(and(eq(messageThreads.patientId, patientId), eq(messageThreads.id, threadId)));
  return thread ?? null;
}

// loadAccessFacts reads the actor from c.var.person. The expired person is set there only while
// the facts load, and `finally` clears it before anything else runs, so no later middleware,
// handler or error page treats this request as signed in.
async function loadExpiredActorFacts(c: Context<AppEnv>, person: ExpiredPerson, patientId: string) {
  c.set('person', { ...person, displayName: '', sessionTokenHash: '' });
  try {
    return await loadAccessFacts(c, patientId);
  } finally {
    c.set('person', null);
  }
}
