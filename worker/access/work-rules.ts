// Rules for the portal's work pages, which read or change PHI outside a chart: the staff pages
// (patient list and search, proxy relationships, activation codes, invitations), the privacy
// officer's audit trail and the patient's own sharing page. decide() sends these requests here.
import type { STAFF_ROLES } from '../../schema/care.ts';
import type { AssuranceLevel } from '../../schema/people.ts';
import { calendarDate } from './calendar.ts';
import { ageGroupOn, type JurisdictionPolicy } from './jurisdiction.ts';
import type { Decision, PatientFacts } from './policy.ts';

export type StaffRole = (typeof STAFF_ROLES)[number];

/** The actions each work resource has. Any other pairing is denied. */
export const WORK_ACTIONS = {
  // The staff member's own care-team patients, listed on the staff home page.
  'patient-list': ['view'],
  // Name and MRN of any patient, to find a patient or to start break-glass.
  'patient-directory': ['view'],
  // A patient's demographics beyond name and MRN (the birth date), for the care team.
  demographics: ['view'],
  relationship: ['view', 'approve', 'restrict', 'suspend', 'revoke', 'reinstate'],
  // A teen's consent that staff record or revoke for a parent.
  consent: ['record', 'revoke'],
  'activation-code': ['view', 'issue'],
  invitation: ['view', 'send'],
  // The patient's "Who can see your record" page.
  sharing: ['view', 'manage'],
  // The audit trail, its alerts and the break-glass review queue. Not about one patient.
  'audit-trail': ['view', 'review'],
} as const;

export type WorkResourceType = keyof typeof WORK_ACTIONS;
export type WorkAction = (typeof WORK_ACTIONS)[WorkResourceType][number];

export const WORK_RESOURCE_TYPES = Object.keys(WORK_ACTIONS) as WorkResourceType[];

export interface WorkActorFacts {
  personId: string;
  assuranceLevel: AssuranceLevel;
  // The patient record that is the actor's own chart, if any.
  ownPatientId: string | null;
  // The actor turned on "always require my passkey".
  requirePasskey: boolean;
  // The actor has a passkey, so a change to who can see their record needs AAL2.
  hasPasskey: boolean;
  // The staff member's role, or null for someone who is not staff.
  staffRole: StaffRole | null;
  // The staff member belongs to one of the care teams of the patient in the request.
  careTeamMember: boolean;
}

export interface WorkRequest {
  actor: WorkActorFacts;
  // Null for a page about no single patient: the care-team list, the audit trail, the list of
  // relationships of every patient the staff member may see.
  patientId: string | null;
  patient: PatientFacts | null;
  // `part` names the half of the sharing page a change belongs to: an adult's proxies or a
  // teen's consents.
  resource: { type: WorkResourceType; id?: string; part?: 'proxies' | 'consents' };
  action: WorkAction;
  now: Date;
  clinicTimeZone: string;
  policy: JurisdictionPolicy;
}

// Privacy officers handle restrictions and complaints, and the front desk receives the legal
// documents, so both work on every patient's relationships.
const ALL_PATIENT_RELATIONSHIP_ROLES: readonly StaffRole[] = ['privacy-officer', 'front-desk'];

/** Decides a request on a work resource. */
export function decideWork(request: WorkRequest): Decision {
  const { actor, resource, action } = request;
  const actions: readonly string[] = WORK_ACTIONS[resource.type];
  if (!actions.includes(action)) {
    return { effect: 'deny', reason: 'action-not-allowed', actorRole: roleOf(actor) };
  }
  if (resource.type === 'sharing') return decideSharing(request);

  if (actor.staffRole === null) {
    return { effect: 'deny', reason: 'not-staff', actorRole: roleOf(actor) };
  }
  // Every staff page needs a passkey with user verification (AAL2), as the chart does.
  if (actor.assuranceLevel !== 'AAL2') {
    return { effect: 'deny', reason: 'staff-needs-aal2', actorRole: 'staff' };
  }
  return decideStaffWork(request, actor.staffRole);
}

function decideStaffWork(request: WorkRequest, role: StaffRole): Decision {
  const { actor, resource } = request;
  const allow = (reason: 'care-team' | 'staff-directory' | 'staff-role' | 'privacy-officer') =>
    ({ effect: 'allow', reason, actorRole: 'staff' }) as const;
  const deny = (reason: 'not-on-care-team' | 'privacy-officer-only') =>
    ({ effect: 'deny', reason, actorRole: 'staff' }) as const;

  switch (resource.type) {
    // The caller lists only the patients of the staff member's own care teams.
    case 'patient-list':
      return allow('care-team');
    // Name and MRN alone, so any staff member can find a patient or start break-glass. The
    // chart itself stays behind the care-team link or a break-glass grant.
    case 'patient-directory':
      return allow('staff-directory');
    case 'relationship':
    case 'consent':
      if (ALL_PATIENT_RELATIONSHIP_ROLES.includes(role)) return allow('staff-role');
      // Without a patient the request is the list, which the caller limits to the care teams.
      if (request.patientId === null || actor.careTeamMember) return allow('care-team');
      return deny('not-on-care-team');
    case 'demographics':
    case 'activation-code':
    case 'invitation':
      return actor.careTeamMember && request.patientId !== null
        ? allow('care-team')
        : deny('not-on-care-team');
    case 'audit-trail':
      // The trail names every patient and every staff member, so it is for privacy officers.
      return role === 'privacy-officer' ? allow('privacy-officer') : deny('privacy-officer-only');
    default:
      return { effect: 'deny', reason: 'action-not-allowed', actorRole: 'staff' };
  }
}

/**
 * The sharing page controls who can see the patient's record, so only the patient opens it. A
 * teen opens it at AAL2 only, because it controls what a parent may see, and so does a patient
 * who turned on "always require my passkey". An adult manages proxies and a teen consents. A
 * change needs AAL2 when the patient has a passkey, so a session started with a code alone does
 * not open the record to someone new.
 */
function decideSharing(request: WorkRequest): Decision {
  const { actor, patientId, patient, resource, action } = request;
  if (actor.ownPatientId === null || actor.ownPatientId !== patientId || patient === null) {
    return { effect: 'deny', reason: 'sharing-self-only', actorRole: roleOf(actor) };
  }
  const today = calendarDate(request.now, request.clinicTimeZone);
  const ageGroup = ageGroupOn(patient.birthDate, today, request.policy);
  const aal2 = actor.assuranceLevel === 'AAL2';

  if ((ageGroup === 'adolescent' || actor.requirePasskey) && !aal2) {
    return { effect: 'deny', reason: 'self-needs-aal2', actorRole: 'self' };
  }
  if (action === 'manage') {
    if (resource.part === 'consents' && ageGroup !== 'adolescent') {
      return { effect: 'deny', reason: 'sharing-adolescent-only', actorRole: 'self' };
    }
    if (resource.part !== 'consents' && ageGroup !== 'adult') {
      return { effect: 'deny', reason: 'sharing-adult-only', actorRole: 'self' };
    }
    if (actor.hasPasskey && !aal2) {
      return { effect: 'deny', reason: 'self-needs-aal2', actorRole: 'self' };
    }
  }
  return { effect: 'allow', reason: 'self', actorRole: 'self' };
}

function roleOf(actor: WorkActorFacts): Decision['actorRole'] {
  if (actor.staffRole !== null) return 'staff';
  return actor.ownPatientId !== null ? 'self' : 'anonymous';
}

/** Tells a work request from a chart request, by its resource type. */
export function isWorkRequest(request: { resource: { type: string } }): request is WorkRequest {
  return Object.hasOwn(WORK_ACTIONS, request.resource.type);
}
