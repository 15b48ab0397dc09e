import { and, eq, isNull } from 'drizzle-orm';
import type { Context } from 'hono';
import { careTeams, messageDrafts, patientCareTeams } from '../../schema/index.ts';
import type { Sensitivity } from '../../schema/chart.ts';
import { decide, type Decision } from '../access/policy.ts';
import type { AppEnv, OpenedChart } from '../app.ts';
import { appendAuditEvent } from '../audit/append.ts';
import { randomToken } from '../auth/crypto.ts';
import { NotFound } from '../http/errors.tsx';
import { openedChart, requestNow } from './guard.ts';

export const MAX_SUBJECT = 120;
export const MAX_BODY = 5000;

export interface DraftFields {
  threadId: string | null;
  subject: string;
  body: string;
}

/** The person who writes a draft and the chart the draft belongs to. */
export interface DraftOwner {
  personId: string;
  patientId: string;
}

/**
 * Reads the draft fields from a compose form. Over-long text is cut rather than rejected, because a
 * draft must never be lost to a limit. The send checks the limits with a message beside the field.
 */
export function draftFieldsOf(form: Record<string, unknown>, threadId: string | null): DraftFields {
  return {
    threadId,
    subject: threadId ? '' : formField(form, 'subject').slice(0, MAX_SUBJECT * 2),
    body: formField(form, 'body').slice(0, MAX_BODY * 2),
  };
}

/** Returns a text field of a parsed form, or an empty string when it is missing or a file. */
export function formField(form: Record<string, unknown>, name: string): string {
  const value = form[name];
  return typeof value === 'string' ? value : '';
}

/**
 * Decides whether the open chart's actor may write messages (the messaging scope). A denial is
 * always audited as `auditAction` and throws NotFound, like authorize() in guard.ts. An allowed
 * request is audited only when `auditAllowed` is true.
 *
 * This calls the decision point itself, instead of authorize(), for two reasons. The events
 * need their own names ("message.send", "message-draft.save"), and an allowed draft autosave
 * that is not the draft's first save writes no event. Autosave runs every few seconds while
 * someone types, and one event per pause in typing would flood the trail without telling a
 * reviewer more than the first save and the send already do.
 */
export async function decideMessaging(
  c: Context<AppEnv>,
  resource: { id?: string; sensitivity: Sensitivity },
  auditAction: string,
  auditAllowed: boolean,
) {
  const decision = await decideMessagingFor(c, openedChart(c), resource, auditAction, auditAllowed);
  if (decision.effect === 'deny') throw new NotFound();
}

/**
 * Decides and audits like decideMessaging, for the given actor and patient facts instead of the
 * open chart's, and returns the decision instead of throwing on a denial.
 */
export async function decideMessagingFor(
  c: Context<AppEnv>,
  facts: Pick<OpenedChart, 'patientId' | 'actor' | 'patient'>,
  resource: { id?: string; sensitivity: Sensitivity },
  auditAction: string,
  auditAllowed: boolean,
): Promise<Decision> {
  const { patientId, actor, patient } = facts;
  const decision = decide({
    actor,
    patientId,
    patient,
    resource: { type: 'message-thread', ...resource },
    action: 'send-message',
    now: requestNow(c),
    clinicTimeZone: c.var.config.clinicTimeZone,
    policy: c.var.config.jurisdiction,
  });
  if (decision.effect === 'allow' && !auditAllowed) return decision;

  await appendAuditEvent(c, {
    actorPersonId: actor.personId,
    actorRole: decision.actorRole,
    actingForPatientId: decision.actorRole === 'proxy' ? patientId : null,
    action: auditAction,
    resourceType: 'message-thread',
    resourceId: resource.id ?? null,
    patientId,
    outcome: decision.effect,
    reason: decision.reason,
  });
  return decision;
}

/**
 * Loads the owner's draft for a thread, or for a new conversation when `threadId` is null. The
 * owner is the signed-in person in the open chart unless given.
 */
export async function loadDraft(
  c: Context<AppEnv>,
  threadId: string | null,
  owner: DraftOwner = signedInOwner(c),
) {
  const [draft] = await c.var.db
    .select()
    .from(messageDrafts)
    .where(draftKey(owner.personId, owner.patientId, threadId))
    .limit(1);
  return draft ?? null;
}

/**
 * Saves the owner's draft for a thread. It updates `existingId`, creates the draft when that is
 * null, and deletes the draft when both fields are empty. The owner is the signed-in person in
 * the open chart unless given. Call decideMessaging first.
 */
export async function saveDraft(
  c: Context<AppEnv>,
  fields: DraftFields,
  existingId: string | null,
  owner: DraftOwner = signedInOwner(c),
) {
  const { personId, patientId } = owner;
  const db = c.var.db;
  const now = new Date().toISOString();

  if (!fields.subject.trim() && !fields.body.trim()) {
    if (existingId) await db.delete(messageDrafts).where(eq(messageDrafts.id, existingId));
    return;
  }
  if (existingId) {
    await db
      .update(messageDrafts)
      .set({ subject: fields.subject, body: fields.body, updatedAt: now })
      .where(and(eq(messageDrafts.id, existingId), eq(messageDrafts.personId, personId)));
    return;
  }
  await db.insert(messageDrafts).values({
    id: randomToken(16),
    personId,
    patientId,
    threadId: fields.threadId,
    subject: fields.subject,
    body: fields.body,
    updatedAt: now,
  });
}

/** Builds the delete of the person's draft for this chart and thread, for the send's batch. */
export function deleteDraftStatement(c: Context<AppEnv>, threadId: string | null) {
  const { patientId } = openedChart(c);
  return c.var.db
    .delete(messageDrafts)
    .where(draftKey(c.var.person!.personId, patientId, threadId));
}

/** Loads the care teams of the open chart's patient, by name. */
export function loadCareTeams(c: Context<AppEnv>) {
  const { patientId } = openedChart(c);
  return c.var.db
    .select({ id: careTeams.id, name: careTeams.name })
    .from(patientCareTeams)
    .innerJoin(careTeams, eq(careTeams.id, patientCareTeams.careTeamId))
    .where(eq(patientCareTeams.patientId, patientId))
    .orderBy(careTeams.name);
}

function signedInOwner(c: Context<AppEnv>): DraftOwner {
  return { personId: c.var.person!.personId, patientId: openedChart(c).patientId };
}

function draftKey(personId: string, patientId: string, threadId: string | null) {
  return and(
    eq(messageDrafts.personId, personId),
    eq(messageDrafts.patientId, patientId),
    threadId === null ? isNull(messageDrafts.threadId) : eq(messageDrafts.threadId, threadId),
  );
}
