import { and, eq, isNull } from 'drizzle-orm';
import { Hono, type Context } from 'hono';
import { activationCodes } from '../../schema/index.ts';
import { ActivationCodePage } from '../../views/pages/staff-activation-code.tsx';
import { calendarDate } from '../access/calendar.ts';
import type { AppEnv } from '../app.ts';
import { appendAuditEvent } from '../audit/append.ts';
import { randomToken } from '../auth/crypto.ts';
import {
  ACTIVATION_CODE_LIFETIME_MS,
  activationCodeHash,
  generateActivationCode,
  normalizeActivationCode,
} from '../auth/enrollment-codes.ts';
import { pageChrome, renderPage } from '../http/render.ts';
import { auditStaffDecision, decideForStaffMember } from './staff-access.ts';
import { loadPatientName } from './patients.ts';
import { loadStaffMember, requireStaff } from './staff-member.ts';

/**
 * Staff issue a new activation code for a patient of their care teams:
 * /staff/patients/:patientId/activation-code. The POST responds with the code itself instead of
 * a redirect, because only its hash is stored and the code must never be shown twice.
 */
export const activationCodeRoutes = new Hono<AppEnv>();

const PATH = '/staff/patients/:patientId/activation-code';

activationCodeRoutes.use(PATH, requireStaff());

activationCodeRoutes.get(PATH, async (c) => {
  // The page names the patient, so showing it is a PHI view, audited by loadCareTeamPatient().
  const { patientId, patientName } = await loadCareTeamPatient(c, 'view');
  const model = { patientId, patientName, code: null, expiresOn: null };
  return renderPage(
    c,
    <ActivationCodePage chrome={pageChrome(c, 'Activation code')} model={model} />,
  );
});

activationCodeRoutes.post(PATH, async (c) => {
  const { reason, ...patient } = await loadCareTeamPatient(c, 'issue');
  const { db, config } = c.var;
  const staffId = c.var.person!.staffId!;
  const code = generateActivationCode();
  const now = new Date();
  const expiresAt = new Date(now.getTime() + ACTIVATION_CODE_LIFETIME_MS);
  const id = randomToken(16);

  await appendAuditEvent(c, {
    actorPersonId: c.var.person!.personId,
    actorRole: 'staff',
    action: 'activation-code.issue',
    resourceType: 'activation-code',
    resourceId: id,
    patientId: patient.patientId,
    outcome: 'success',
    reason,
  });
  // One batch, so the older codes stop working in the same transaction that adds the new one.
  await db.batch([
    db
      .update(activationCodes)
      .set({ revokedAt: now.toISOString() })
      .where(
        and(
          eq(activationCodes.patientId, patient.patientId),
          isNull(activationCodes.usedAt),
          isNull(activationCodes.revokedAt),
        ),
      ),
    db.insert(activationCodes).values({
      id,
      patientId: patient.patientId,
      codeHash: await activationCodeHash(config.sessionPepper, normalizeActivationCode(code)!),
      issuedByStaffId: staffId,
      createdAt: now.toISOString(),
      expiresAt: expiresAt.toISOString(),
    }),
  ]);

  const model = { ...patient, code, expiresOn: calendarDate(expiresAt, config.clinicTimeZone) };
  return renderPage(
    c,
    <ActivationCodePage chrome={pageChrome(c, 'Activation code')} model={model} />,
  );
});

/**
 * Loads the patient of the URL when the decision point lets the staff member work on the
 * patient's activation codes: a care-team member. The GET audits the decision here; a denial is
 * audited and gets the same 404 page as an id that does not exist.
 */
async function loadCareTeamPatient(c: Context<AppEnv>, action: 'view' | 'issue') {
  const patientId = c.req.param('patientId') ?? '';
  const member = await loadStaffMember(c);
  const decision = await decideForStaffMember(c, member, {
    resourceType: 'activation-code',
    action,
    patientId,
  });

  // The POST writes its own "issue" event, with the decision's reason, once the code exists.
  if (decision.effect === 'deny' || action === 'view') {
    await auditStaffDecision(c, decision, {
      action: `activation-code.${action}`,
      resourceType: 'activation-code',
      patientId,
    });
  }
  const patientName = await loadPatientName(c, patientId);
  return { patientId, patientName, reason: decision.reason };
}
