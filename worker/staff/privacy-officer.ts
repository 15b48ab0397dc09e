import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../app.ts';
import { appendAuditEvent } from '../audit/append.ts';
import { auditStaffDecision, decideForStaffMember } from './staff-access.ts';
import { loadStaffMember, type StaffMember } from './staff-member.ts';

/**
 * Lets only privacy officers through, as the decision point rules for the audit trail. Mount
 * after requireStaff(), which already demands a staff member at AAL2. Staff with another role
 * get the 404 page, so the review pages do not reveal that they exist; the denial is audited.
 * Reading is "view", and marking a use or signing off a week is "review".
 */
export const requirePrivacyOfficer = () =>
  createMiddleware<AppEnv>(async function requirePrivacyOfficer(c, next) {
    const member = await loadStaffMember(c);
    const action = c.req.method === 'GET' || c.req.method === 'HEAD' ? 'view' : 'review';
    const decision = await decideForStaffMember(c, member, {
      resourceType: 'audit-trail',
      action,
      patientId: null,
    });
    if (decision.effect === 'deny') {
      // Throws the 404 page after the event is written.
      await auditStaffDecision(c, decision, {
        action: `audit-trail.${action}`,
        resourceType: 'audit-trail',
      });
    }
    await next();
  });

/**
 * Records that a privacy officer read part of the audit trail or the review queue, before the
 * page is rendered. `reason` names the filters or the week, never PHI.
 */
export function auditReviewRead(
  c: Context<AppEnv>,
  member: StaffMember,
  read: {
    resourceType: string;
    reason: string;
    resourceId?: string | null;
    patientId?: string | null;
  },
) {
  return appendAuditEvent(c, {
    actorPersonId: member.personId,
    actorRole: 'staff',
    action: 'audit.search',
    resourceType: read.resourceType,
    resourceId: read.resourceId ?? null,
    patientId: read.patientId ?? null,
    outcome: 'success',
    reason: read.reason,
  });
}
