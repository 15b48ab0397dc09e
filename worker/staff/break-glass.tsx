import { and, desc, eq, gt, isNull } from 'drizzle-orm';
import { Hono, type Context } from 'hono';
import { breakGlassGrants, patients } from '../../schema/index.ts';
import type { BreakGlassModel, BreakGlassReason, FormError } from '../../views/models.ts';
import { BREAK_GLASS_REASON_LABELS } from '../../views/break-glass-reasons.ts';
import { BreakGlassPage } from '../../views/pages/staff-break-glass.tsx';
import type { AppEnv } from '../app.ts';
import { appendAuditEvent } from '../audit/append.ts';
import { NotFound } from '../http/errors.tsx';
import { pageChrome, renderPage } from '../http/render.ts';
import { patientName } from './patients.ts';
import { auditStaffDecision, decideForStaffMember } from './staff-access.ts';
import { accessNow, isOnCareTeam, loadStaffMember, requireStaff } from './staff-member.ts';

// "Other" needs a reason a privacy officer can judge later, which a word or two is not.
export const DETAILS_MIN_LENGTH = 10;
const DETAILS_MAX_LENGTH = 500;

/**
 * Break-glass: a staff member outside the patient's care teams opens the chart for a stated
 * reason, for config.breakGlassMinutes. The grant row is what the access decision checks, and
 * the privacy officer reviews every one.
 */
export const breakGlassRoutes = new Hono<AppEnv>();

breakGlassRoutes.get('/staff/break-glass/:patientId', requireStaff(), async (c) => {
  return showForm(c, { reason: '', details: '', errors: [] }, 200);
});

breakGlassRoutes.post('/staff/break-glass/:patientId', requireStaff(), async (c) => {
  const member = await loadStaffMember(c);
  const patientId = c.req.param('patientId');
  const form = await c.req.parseBody();
  const reason = typeof form.reason === 'string' ? form.reason : '';
  const details = typeof form.details === 'string' ? form.details.trim() : '';

  // Starting break-glass needs only what the form showed: the patient's name and MRN. The
  // grant's own event below records the reason class, so only a denial is audited here.
  const decision = await decideForStaffMember(c, member, {
    resourceType: 'patient-directory',
    action: 'view',
    patientId,
  });
  if (decision.effect === 'deny') {
    await auditStaffDecision(c, decision, {
      action: 'break-glass.start',
      resourceType: 'patient',
      patientId,
    });
  }
  const patient = await loadPatient(c, patientId);
  // Care-team members open the chart through their care-team link, so a grant would only add
  // noise to the privacy officer's review queue.
  if (await isOnCareTeam(c, member.staffId, patientId)) {
    return c.redirect(`/chart/${patientId}`, 303);
  }
  const errors = validate(reason, details);
  if (errors.length > 0) return showForm(c, { reason, details, errors }, 400);

  const now = accessNow(c);
  const grantId = crypto.randomUUID();
  const expiresAt = new Date(now.getTime() + c.var.config.breakGlassMinutes * 60_000);

  // The audit reason is the reason class only. The free text may describe the patient's health,
  // so it stays in the grant row, where the privacy officer reads it.
  await appendAuditEvent(c, {
    actorPersonId: member.personId,
    actorRole: 'staff',
    action: 'break-glass.start',
    resourceType: 'break-glass-grant',
    resourceId: grantId,
    patientId: patient.patientId,
    outcome: 'success',
    reason,
  });
  await c.var.db.insert(breakGlassGrants).values({
    id: grantId,
    staffId: member.staffId,
    patientId: patient.patientId,
    reason: details ? `${reason}: ${details}` : reason,
    startedAt: now.toISOString(),
    expiresAt: expiresAt.toISOString(),
  });
  return c.redirect(`/chart/${patientId}`, 303);
});

breakGlassRoutes.post('/staff/break-glass/:patientId/end', requireStaff(), async (c) => {
  const member = await loadStaffMember(c);
  const patientId = c.req.param('patientId');
  const live = await loadLiveGrants(c, member.staffId, patientId);

  for (const grant of live) {
    await appendAuditEvent(c, {
      actorPersonId: member.personId,
      actorRole: 'staff',
      action: 'break-glass.end',
      resourceType: 'break-glass-grant',
      resourceId: grant.id,
      patientId,
      outcome: 'success',
      reason: 'ended-by-staff',
    });
    await c.var.db
      .update(breakGlassGrants)
      .set({ endedAt: accessNow(c).toISOString() })
      .where(and(eq(breakGlassGrants.id, grant.id), isNull(breakGlassGrants.endedAt)));
  }
  return c.redirect('/staff', 303);
});

async function showForm(
  c: Context<AppEnv>,
  typed: { reason: string; details: string; errors: FormError[] },
  status: 200 | 400,
) {
  const member = await loadStaffMember(c);
  const patientId = c.req.param('patientId') ?? '';
  // The page shows the patient's name and MRN, so it is a PHI view like the search: any staff
  // member may see them to start break-glass, and the decision's reason goes into the event.
  const decision = await decideForStaffMember(c, member, {
    resourceType: 'patient-directory',
    action: 'view',
    patientId,
  });
  const patient = await loadPatient(c, patientId);
  const [onCareTeam, live] = await Promise.all([
    isOnCareTeam(c, member.staffId, patient.patientId),
    loadLiveGrants(c, member.staffId, patient.patientId),
  ]);
  await auditStaffDecision(c, decision, {
    action: 'break-glass.form',
    resourceType: 'patient',
    resourceId: patient.patientId,
    patientId: patient.patientId,
  });

  const model: BreakGlassModel = {
    patientId: patient.patientId,
    patientName: patient.name,
    mrn: patient.mrn,
    onCareTeam,
    liveUntil: live[0]?.expiresAt ?? null,
    minutes: c.var.config.breakGlassMinutes,
    reason: isReason(typed.reason) ? typed.reason : '',
    details: typed.details,
    errors: typed.errors,
  };
  const chrome = pageChrome(c, 'Emergency access to a chart');
  return renderPage(c, <BreakGlassPage chrome={chrome} model={model} />, status);
}

async function loadPatient(c: Context<AppEnv>, patientId: string) {
  const [row] = await c.var.db
    .select({
      patientId: patients.id,
      mrn: patients.mrn,
      givenName: patients.givenName,
      preferredName: patients.preferredName,
      familyName: patients.familyName,
    })
    .from(patients)
    .where(eq(patients.id, patientId));
  if (!row) throw new NotFound();
  return { patientId: row.patientId, mrn: row.mrn, name: patientName(row) };
}

/** Lists the staff member's grants for the patient that are neither ended nor expired. */
async function loadLiveGrants(c: Context<AppEnv>, staffId: string, patientId: string) {
  return c.var.db
    .select({ id: breakGlassGrants.id, expiresAt: breakGlassGrants.expiresAt })
    .from(breakGlassGrants)
    .where(
      and(
        eq(breakGlassGrants.staffId, staffId),
        eq(breakGlassGrants.patientId, patientId),
        isNull(breakGlassGrants.endedAt),
        gt(breakGlassGrants.expiresAt, accessNow(c).toISOString()),
      ),
    )
    .orderBy(desc(breakGlassGrants.expiresAt));
}

function validate(reason: string, details: string): FormError[] {
  const errors: FormError[] = [];
  if (!isReason(reason)) {
    errors.push({ field: 'reason', message: 'Choose why you need to open this chart' });
  }
  if (reason === 'other' && details.length < DETAILS_MIN_LENGTH) {
    errors.push({
      field: 'details',
      message: `Describe why you need to open this chart, in at least ${DETAILS_MIN_LENGTH} characters`,
    });
  } else if (details.length > DETAILS_MAX_LENGTH) {
    errors.push({
      field: 'details',
      message: `Shorten the description to ${DETAILS_MAX_LENGTH} characters or fewer`,
    });
  }
  return errors;
}

function isReason(value: string): value is BreakGlassReason {
  return Object.hasOwn(BREAK_GLASS_REASON_LABELS, value);
}
