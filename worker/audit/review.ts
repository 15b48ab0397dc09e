// Queries behind the privacy officer's review pages: the audit search, the alert list, the
// break-glass review queue and the counts of a review week.
import {
  and,
  asc,
  count,
  desc,
  eq,
  gte,
  isNull,
  like,
  lt,
  max,
  min,
  sql,
  type SQL,
} from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import {
  auditAlerts,
  auditEvents,
  auditReviews,
  breakGlassGrants,
  people,
  staff,
} from '../../schema/index.ts';
import type { Db } from '../app.ts';
import type { ReviewWeek } from './review-week.ts';

/** Events per page of the audit search. */
export const SEARCH_PAGE_SIZE = 50;
/** Rows shown on the alert list and the break-glass queue. */
export const LIST_LIMIT = 100;

/** Checked search filters: ids, an action prefix, an outcome and UTC instants. */
export interface AuditSearch {
  personId: string | null;
  patientId: string | null;
  // Matches the action itself or any action under it: "chart" finds "chart.view".
  action: string | null;
  outcome: 'allow' | 'deny' | 'success' | 'failure' | null;
  fromInstant: string | null;
  // Exclusive.
  toInstant: string | null;
  page: number;
}

/** Finds one page of audit events, newest first, with the actor's display name. */
export async function searchAuditEvents(db: Db, search: AuditSearch) {
  const conditions: SQL[] = [];
  if (search.personId) conditions.push(eq(auditEvents.actorPersonId, search.personId));
  if (search.patientId) conditions.push(eq(auditEvents.patientId, search.patientId));
  if (search.action) {
    const exact = eq(auditEvents.action, search.action);
    conditions.push(
      sql`(${exact} or ${like(auditEvents.action, `${escapeLike(search.action)}.%`)} escape '\\')`,
    );
  }
  if (search.outcome) conditions.push(eq(auditEvents.outcome, search.outcome));
  if (search.fromInstant) conditions.push(gte(auditEvents.at, search.fromInstant));
  if (search.toInstant) conditions.push(lt(auditEvents.at, search.toInstant));

  // One row beyond the page size shows whether a next page exists.
  const rows = await db
    .select({
      seq: auditEvents.seq,
      at: auditEvents.at,
      actorPersonId: auditEvents.actorPersonId,
      actorName: people.displayName,
      actorRole: auditEvents.actorRole,
      actingForPatientId: auditEvents.actingForPatientId,
      action: auditEvents.action,
      resourceType: auditEvents.resourceType,
      resourceId: auditEvents.resourceId,
      patientId: auditEvents.patientId,
      outcome: auditEvents.outcome,
      reason: auditEvents.reason,
    })
    .from(auditEvents)
    .leftJoin(people, eq(people.id, auditEvents.actorPersonId))
    .where(and(...conditions))
    .orderBy(desc(auditEvents.seq))
    .limit(SEARCH_PAGE_SIZE + 1)
    .offset((search.page - 1) * SEARCH_PAGE_SIZE);
  return { events: rows.slice(0, SEARCH_PAGE_SIZE), hasNextPage: rows.length > SEARCH_PAGE_SIZE };
}

/** Lists the newest alerts, with the name of the staff member who acknowledged each. */
export async function listAlerts(db: Db) {
  return db
    .select({
      id: auditAlerts.id,
      kind: auditAlerts.kind,
      subjectKey: auditAlerts.subjectKey,
      triggerSeq: auditAlerts.triggerSeq,
      eventCount: auditAlerts.eventCount,
      windowStart: auditAlerts.windowStart,
      createdAt: auditAlerts.createdAt,
      acknowledgedAt: auditAlerts.acknowledgedAt,
      acknowledgedBy: staff.displayName,
    })
    .from(auditAlerts)
    .leftJoin(staff, eq(staff.id, auditAlerts.acknowledgedByStaffId))
    .orderBy(desc(auditAlerts.createdAt))
    .limit(LIST_LIMIT);
}

/** Marks an alert acknowledged unless it already is. Returns false when nothing changed. */
export async function acknowledgeAlert(db: Db, alertId: string, staffId: string, now: Date) {
  const changed = await db
    .update(auditAlerts)
    .set({ acknowledgedByStaffId: staffId, acknowledgedAt: now.toISOString() })
    .where(and(eq(auditAlerts.id, alertId), isNull(auditAlerts.acknowledgedAt)))
    .returning({ id: auditAlerts.id });
  return changed.length > 0;
}

/** Lists break-glass uses for review: unreviewed first, then the newest. */
export async function listBreakGlassUses(db: Db) {
  const reviewer = alias(staff, 'reviewer');
  return db
    .select({
      id: breakGlassGrants.id,
      staffName: staff.displayName,
      patientId: breakGlassGrants.patientId,
      reason: breakGlassGrants.reason,
      startedAt: breakGlassGrants.startedAt,
      expiresAt: breakGlassGrants.expiresAt,
      endedAt: breakGlassGrants.endedAt,
      reviewOutcome: breakGlassGrants.reviewOutcome,
      reviewNote: breakGlassGrants.reviewNote,
      reviewedAt: breakGlassGrants.reviewedAt,
      reviewedBy: reviewer.displayName,
    })
    .from(breakGlassGrants)
    .innerJoin(staff, eq(staff.id, breakGlassGrants.staffId))
    .leftJoin(reviewer, eq(reviewer.id, breakGlassGrants.reviewedByStaffId))
    .orderBy(
      asc(sql`${breakGlassGrants.reviewOutcome} is not null`),
      desc(breakGlassGrants.startedAt),
    )
    .limit(LIST_LIMIT);
}

/** Loads one break-glass grant for its review. */
export async function loadBreakGlassUse(db: Db, grantId: string) {
  const [grant] = await db
    .select({
      id: breakGlassGrants.id,
      staffId: breakGlassGrants.staffId,
      patientId: breakGlassGrants.patientId,
      reviewOutcome: breakGlassGrants.reviewOutcome,
    })
    .from(breakGlassGrants)
    .where(eq(breakGlassGrants.id, grantId));
  return grant ?? null;
}

/** The counts a weekly sign-off records. */
export interface WeekCounts {
  eventCount: number;
  firstSeq: number | null;
  lastSeq: number | null;
  alertCount: number;
  breakGlassCount: number;
  unreviewedBreakGlass: number;
}

/** Counts the events, alerts and break-glass uses of a review week (a range scan on `at`). */
export async function countWeek(db: Db, week: ReviewWeek): Promise<WeekCounts> {
  const inWeek = (column: typeof auditEvents.at) =>
    and(gte(column, week.startsAt), lt(column, week.endsAt));
  const [events] = await db
    .select({ eventCount: count(), firstSeq: min(auditEvents.seq), lastSeq: max(auditEvents.seq) })
    .from(auditEvents)
    .where(inWeek(auditEvents.at));
  const [alerts] = await db
    .select({ alertCount: count() })
    .from(auditAlerts)
    .where(and(gte(auditAlerts.createdAt, week.startsAt), lt(auditAlerts.createdAt, week.endsAt)));
  const [uses] = await db
    .select({
      breakGlassCount: count(),
      unreviewed: sql<number>`coalesce(sum(${breakGlassGrants.reviewOutcome} is null), 0)`,
    })
    .from(breakGlassGrants)
    .where(
      and(
        gte(breakGlassGrants.startedAt, week.startsAt),
        lt(breakGlassGrants.startedAt, week.endsAt),
      ),
    );

  return {
    eventCount: events?.eventCount ?? 0,
    firstSeq: events?.firstSeq ?? null,
    lastSeq: events?.lastSeq ?? null,
    alertCount: alerts?.alertCount ?? 0,
    breakGlassCount: uses?.breakGlassCount ?? 0,
    unreviewedBreakGlass: Number(uses?.unreviewed ?? 0),
  };
}

/** Lists the sign-offs recorded for a week, newest first. */
export async function listSignOffs(db: Db, week: ReviewWeek) {
  return db
    .select({
      id: auditReviews.id,
      reviewer: staff.displayName,
      signedAt: auditReviews.signedAt,
      eventCount: auditReviews.eventCount,
      firstSeq: auditReviews.firstSeq,
      lastSeq: auditReviews.lastSeq,
      note: auditReviews.note,
    })
    .from(auditReviews)
    .innerJoin(staff, eq(staff.id, auditReviews.reviewerStaffId))
    .where(eq(auditReviews.periodStart, week.periodStart))
    .orderBy(desc(auditReviews.signedAt));
}

function escapeLike(text: string) {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}
