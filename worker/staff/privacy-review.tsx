import { and, eq, isNull } from 'drizzle-orm';
import { Hono, type Context } from 'hono';
import { auditReviews, breakGlassGrants } from '../../schema/index.ts';
import type { FormError } from '../../views/models.ts';
import { PrivacyBreakGlassPage } from '../../views/pages/privacy-break-glass.tsx';
import type { BreakGlassReviewAttempt } from '../../views/pages/privacy-models.ts';
import { PrivacyReviewsPage } from '../../views/pages/privacy-reviews.tsx';
import type { AppEnv } from '../app.ts';
import { appendAuditEvent } from '../audit/append.ts';
import { countWeek, listBreakGlassUses, listSignOffs, loadBreakGlassUse } from '../audit/review.ts';
import {
  addDays,
  isMonday,
  lastCompleteWeek,
  reviewWeek,
  type ReviewWeek,
} from '../audit/review-week.ts';
import { randomToken } from '../auth/crypto.ts';
import { NotFound } from '../http/errors.tsx';
import { pageChrome, renderPage } from '../http/render.ts';
import { auditReviewRead, requirePrivacyOfficer } from './privacy-officer.ts';
import { loadStaffMember, requireStaff, type StaffMember } from './staff-member.ts';

/** The break-glass review queue and the weekly sign-off, for privacy officers at AAL2. */
export const privacyReviewRoutes = new Hono<AppEnv>();

privacyReviewRoutes.use('/staff/privacy/*', requireStaff(), requirePrivacyOfficer());

const OUTCOMES = new Set(['appropriate', 'inappropriate']);
const MAX_NOTE = 2000;

privacyReviewRoutes.get('/staff/privacy/break-glass', async (c) => {
  return showQueue(c, await loadStaffMember(c), null, 200);
});

privacyReviewRoutes.post('/staff/privacy/break-glass/:grantId', async (c) => {
  const member = await loadStaffMember(c);
  const grantId = c.req.param('grantId');
  const grant = await loadBreakGlassUse(c.var.db, grantId);
  if (!grant) throw new NotFound();
  // A use reviewed in another tab keeps its first review.
  if (grant.reviewOutcome) return c.redirect(`/staff/privacy/break-glass#use-${grantId}`, 303);

  const form = await c.req.parseBody();
  const attempt: BreakGlassReviewAttempt = {
    grantId,
    outcome: String(form[`outcome-${grantId}`] ?? ''),
    note: String(form[`note-${grantId}`] ?? '').trim(),
    errors: [],
  };
  attempt.errors = checkReview(attempt, grant.staffId === member.staffId);
  if (attempt.errors.length > 0) return showQueue(c, member, attempt, 400);

  // The review is audited before it is stored, so no review exists without its event.
  await appendAuditEvent(c, {
    actorPersonId: member.personId,
    actorRole: 'staff',
    action: 'break-glass.review',
    resourceType: 'break-glass-grant',
    resourceId: grantId,
    patientId: grant.patientId,
    outcome: 'success',
    reason: attempt.outcome,
  });
  await c.var.db
    .update(breakGlassGrants)
    .set({
      reviewOutcome: attempt.outcome as 'appropriate' | 'inappropriate',
      reviewedByStaffId: member.staffId,
      reviewedAt: new Date().toISOString(),
      reviewNote: attempt.note,
    })
    .where(and(eq(breakGlassGrants.id, grantId), isNull(breakGlassGrants.reviewOutcome)));
  return c.redirect(`/staff/privacy/break-glass#use-${grantId}`, 303);
});

privacyReviewRoutes.get('/staff/privacy/reviews', async (c) => {
  const member = await loadStaffMember(c);
  const typed = (c.req.query('week') ?? '').trim();
  const checked = typed ? checkWeek(c, typed) : { week: defaultWeek(c), error: null };
  const week = checked.week ?? defaultWeek(c);
  const errors = checked.error ? [checked.error] : [];

  return showWeek(c, member, week, {
    weekInput: typed || week.periodStart,
    note: '',
    errors,
    signed: c.req.query('signed') === '1' && errors.length === 0,
  });
});

privacyReviewRoutes.post('/staff/privacy/reviews', async (c) => {
  const member = await loadStaffMember(c);
  const form = await c.req.parseBody();
  const typed = String(form.week ?? '').trim();
  const note = String(form.note ?? '').trim();
  const checked = checkWeek(c, typed);
  if (!checked.week) {
    const errors = [checked.error!];
    return showWeek(c, member, defaultWeek(c), { weekInput: typed, note, errors, signed: false });
  }
  const week = checked.week;

  const counts = await countWeek(c.var.db, week);
  const errors: FormError[] = [];
  if (counts.unreviewedBreakGlass > 0) {
    errors.push({
      field: 'note',
      message:
        counts.unreviewedBreakGlass === 1
          ? 'Review the 1 emergency access use of this week before you sign it off'
          : `Review the ${counts.unreviewedBreakGlass} emergency access uses of this week before you sign it off`,
    });
  }
  if (note.length > MAX_NOTE) {
    errors.push({ field: 'note', message: `Enter a note of ${MAX_NOTE} characters or fewer` });
  }
  if (errors.length > 0) {
    return showWeek(c, member, week, { weekInput: typed, note, errors, signed: false });
  }

  // The event records what was reviewed: the period, the seq range and the counts.
  const reviewId = randomToken(16);
  const range = counts.firstSeq === null ? 'none' : `${counts.firstSeq}-${counts.lastSeq}`;
  await appendAuditEvent(c, {
    actorPersonId: member.personId,
    actorRole: 'staff',
    action: 'audit.review-signoff',
    resourceType: 'audit-review',
    resourceId: reviewId,
    outcome: 'success',
    reason:
      `period:${week.periodStart}..${week.periodEnd};seq:${range};events:${counts.eventCount};` +
      `alerts:${counts.alertCount};break-glass:${counts.breakGlassCount}`,
  });
  await c.var.db.insert(auditReviews).values({
    id: reviewId,
    reviewerStaffId: member.staffId,
    periodStart: week.periodStart,
    periodEnd: week.periodEnd,
    firstSeq: counts.firstSeq,
    lastSeq: counts.lastSeq,
    eventCount: counts.eventCount,
    alertCount: counts.alertCount,
    breakGlassCount: counts.breakGlassCount,
    note: note || null,
    signedAt: new Date().toISOString(),
  });
  return c.redirect(`/staff/privacy/reviews?week=${week.periodStart}&signed=1`, 303);
});

async function showQueue(
  c: Context<AppEnv>,
  member: StaffMember,
  attempt: BreakGlassReviewAttempt | null,
  status: 200 | 400,
) {
  const uses = await listBreakGlassUses(c.var.db);

  await auditReviewRead(c, member, { resourceType: 'break-glass-grants', reason: 'review-queue' });

  const chrome = pageChrome(c, 'Emergency access reviews');
  return renderPage(c, <PrivacyBreakGlassPage chrome={chrome} model={{ uses, attempt }} />, status);
}

async function showWeek(
  c: Context<AppEnv>,
  member: StaffMember,
  week: ReviewWeek,
  form: { weekInput: string; note: string; errors: FormError[]; signed: boolean },
) {
  const counts = await countWeek(c.var.db, week);
  const signOffs = await listSignOffs(c.var.db, week);

  await auditReviewRead(c, member, {
    resourceType: 'audit-review-week',
    reason: `week:${week.periodStart}`,
  });

  const lastComplete = defaultWeek(c);
  const model = {
    ...form,
    periodStart: week.periodStart,
    periodEnd: week.periodEnd,
    lastCompleteMonday: lastComplete.periodStart,
    lastCompleteSunday: addDays(lastComplete.periodEnd, -1),
    counts,
    signOffs,
  };
  const chrome = pageChrome(c, 'Weekly sign-off');
  const status = form.errors.length > 0 ? 400 : 200;
  return renderPage(c, <PrivacyReviewsPage chrome={chrome} model={model} />, status);
}

function checkReview(attempt: BreakGlassReviewAttempt, ownUse: boolean): FormError[] {
  const errors: FormError[] = [];
  const outcomeField = `outcome-${attempt.grantId}`;
  const noteField = `note-${attempt.grantId}`;
  // A privacy officer never reviews their own use of emergency access.
  if (ownUse) {
    errors.push({
      field: outcomeField,
      message: 'Another privacy officer must review your own use of emergency access',
    });
    return errors;
  }
  if (!OUTCOMES.has(attempt.outcome)) {
    errors.push({ field: outcomeField, message: 'Choose whether this use was appropriate' });
  }
  if (attempt.note === '') {
    errors.push({ field: noteField, message: 'Enter a note saying why you decided this' });
  } else if (attempt.note.length > MAX_NOTE) {
    errors.push({ field: noteField, message: `Enter a note of ${MAX_NOTE} characters or fewer` });
  }
  return errors;
}

function defaultWeek(c: Context<AppEnv>) {
  return lastCompleteWeek(new Date(), c.var.config.clinicTimeZone);
}

// Accepts a Monday up to the last complete week, so no week is signed off before it ends.
function checkWeek(
  c: Context<AppEnv>,
  typed: string,
): { week: ReviewWeek; error: null } | { week: null; error: FormError } {
  if (!isMonday(typed)) {
    return {
      week: null,
      error: { field: 'week', message: 'Enter a Monday, for example 2026-11-23' },
    };
  }
  if (typed > defaultWeek(c).periodStart) {
    return {
      week: null,
      error: { field: 'week', message: 'Choose a week that has ended, for example last week' },
    };
  }
  return { week: reviewWeek(typed, c.var.config.clinicTimeZone), error: null };
}
