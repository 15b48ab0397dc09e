// Staff pages call the decision point through this file, which loads the facts (the staff role and
// the care-team link for the patient). The route audits the decision before it renders.
import type { Context } from 'hono';
import { decide, type Decision, type WorkAction, type WorkResourceType } from '../access/policy.ts';
import type { AppEnv } from '../app.ts';
import { appendAuditEvent } from '../audit/append.ts';
import { NotFound } from '../http/errors.tsx';
import { accessNow, isOnCareTeam, type StaffMember } from './staff-member.ts';

export interface StaffWork {
  resourceType: WorkResourceType;
  action: WorkAction;
  // Null for a page about no single patient.
  patientId: string | null;
}

/** Decides a staff member's request on a work resource. Call behind requireStaff(). */
export async function decideForStaffMember(
  c: Context<AppEnv>,
  member: StaffMember,
  work: StaffWork,
): Promise<Decision> {
  const careTeamMember =
    work.patientId !== null && (await isOnCareTeam(c, member.staffId, work.patientId));
  return decideWithCareTeamLink(c, member, work, careTeamMember);
}

/**
 * Decides like decideForStaffMember() with the care-team link already loaded, for a list that
 * loads the links of all its patients in one query.
 */
export function decideWithCareTeamLink(
  c: Context<AppEnv>,
  member: StaffMember,
  work: StaffWork,
  careTeamMember: boolean,
): Decision {
  const person = c.var.person!;
  const { config } = c.var;
  return decide({
    actor: {
      personId: person.personId,
      assuranceLevel: person.assuranceLevel,
      ownPatientId: person.ownPatientId,
      requirePasskey: false,
      hasPasskey: false,
      staffRole: member.role,
      careTeamMember,
    },
    patientId: work.patientId,
    patient: null,
    resource: { type: work.resourceType },
    action: work.action,
    now: accessNow(c),
    clinicTimeZone: config.clinicTimeZone,
    policy: config.jurisdiction,
  });
}

/**
 * Writes the audit event of a decision, with its reason, before anything is rendered. A denied
 * request then gets the ordinary 404 page, the same as an id that does not exist.
 */
export async function auditStaffDecision(
  c: Context<AppEnv>,
  decision: Decision,
  event: {
    action: string;
    resourceType: string;
    resourceId?: string | null;
    patientId?: string | null;
  },
): Promise<void> {
  await appendAuditEvent(c, {
    actorPersonId: c.var.person!.personId,
    actorRole: 'staff',
    action: event.action,
    resourceType: event.resourceType,
    resourceId: event.resourceId ?? null,
    patientId: event.patientId ?? null,
    outcome: decision.effect,
    reason: decision.reason,
  });
  if (decision.effect === 'deny') throw new NotFound();
}
