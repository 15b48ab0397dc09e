// The policy decision point. Pure: callers load the facts, this function returns the decision.
import type { AssuranceLevel, RELATIONSHIP_KINDS } from '../../schema/people.ts';
import type { Sensitivity } from '../../schema/chart.ts';
import { calendarDate } from './calendar.ts';
import { ageGroupOn, type JurisdictionPolicy } from './jurisdiction.ts';
import { decideForProxy } from './proxy-rules.ts';
import { decideForStaff } from './staff-rules.ts';
import type { Action } from './scopes.ts';
import { decideWork, isWorkRequest, type WorkRequest } from './work-rules.ts';

export { requiredScope } from './scopes.ts';
export { calendarDate } from './calendar.ts';
export { DEFAULT_JURISDICTION_POLICY, type JurisdictionPolicy } from './jurisdiction.ts';

export type ChartResourceType =
  | 'chart'
  | 'dashboard'
  | 'result'
  | 'medication'
  | 'message-thread'
  | 'appointment'
  | 'health-summary'
  | 'access-history';

export type { Action, Scope } from './scopes.ts';
export {
  WORK_ACTIONS,
  WORK_RESOURCE_TYPES,
  type StaffRole,
  type WorkAction,
  type WorkActorFacts,
  type WorkRequest,
  type WorkResourceType,
} from './work-rules.ts';

export type RelationshipKind = (typeof RELATIONSHIP_KINDS)[number];

export interface ChartResource {
  type: ChartResourceType;
  id?: string;
  sensitivity: Sensitivity;
}

/** One relationship between the actor and the patient, as stored. The policy checks all of it. */
export interface RelationshipFacts {
  patientId: string;
  kind: RelationshipKind;
  status: string;
  scopes: string[];
  // Scopes a court order or other restriction removes.
  restrictedScopes: string[];
  validFrom: string;
  validTo: string | null;
  approvedAt: string | null;
  // The patient gave this proxy an unrevoked consent to view sensitive categories too.
  sensitiveConsent: boolean;
}

export interface ActorFacts {
  personId: string;
  assuranceLevel: AssuranceLevel;
  // The patient record that is the actor's own chart, if any.
  ownPatientId: string | null;
  // The patient turned on "always require my passkey": their own chart then needs AAL2.
  requirePasskey: boolean;
  // The actor's relationships with the patient in the request, as stored.
  relationships: RelationshipFacts[];
  // Set by an account recovery. Proxy access stays blocked until a newer passkey exists.
  proxyBlockedSince: string | null;
  latestPasskeyCreatedAt: string | null;
  staffId: string | null;
  // The staff member belongs to one of the patient's care teams.
  careTeamMember: boolean;
  // The staff member's newest break-glass grant for the patient that was not ended early.
  breakGlass: { startedAt: string; expiresAt: string } | null;
}

export interface PatientFacts {
  patientId: string;
  birthDate: string | null;
}

export interface AccessRequest {
  actor: ActorFacts;
  patientId: string;
  patient: PatientFacts;
  resource: ChartResource;
  action: Action;
  now: Date;
  // Relationship dates and ages are calendar dates in the clinic's time zone.
  clinicTimeZone: string;
  policy: JurisdictionPolicy;
}

export type ActorRole = 'self' | 'proxy' | 'staff' | 'anonymous';

export type AllowReason =
  | 'self'
  | 'proxy'
  | 'care-team'
  | 'break-glass'
  // Work pages: any staff member finding a patient by name or MRN, a role that covers every
  // patient's relationships, a privacy officer reading the audit trail.
  | 'staff-directory'
  | 'staff-role'
  | 'privacy-officer';

export type DenyReason =
  | 'no-relationship'
  | 'relationship-pending'
  | 'relationship-suspended'
  | 'relationship-revoked'
  | 'relationship-expired'
  | 'relationship-not-yet-valid'
  | 'relationship-not-active'
  | 'relationship-out-of-scope'
  | 'court-restricted'
  | 'majority-reached'
  | 'sensitive-without-consent'
  | 'proxy-blocked-until-passkey'
  | 'proxy-needs-aal2'
  | 'self-needs-aal2'
  | 'staff-needs-aal2'
  | 'staff-read-only'
  | 'break-glass-expired'
  | 'access-history-self-only'
  | 'access-history-adult-only'
  | 'action-not-allowed'
  | 'not-staff'
  | 'not-on-care-team'
  | 'privacy-officer-only'
  | 'sharing-self-only'
  | 'sharing-adult-only'
  | 'sharing-adolescent-only';

export type Decision =
  | { effect: 'allow'; reason: AllowReason; actorRole: ActorRole }
  | { effect: 'deny'; reason: DenyReason; actorRole: ActorRole };

/** Deny reasons that a passkey sign-in (step-up to AAL2) can turn into an allow. */
export const STEP_UP_REASONS: readonly DenyReason[] = [
  'proxy-needs-aal2',
  'self-needs-aal2',
  'staff-needs-aal2',
];

/**
 * Decides whether an actor may perform an action on a patient's chart resource.
 *
 * A patient may act on their own chart, at AAL2 when they turned on "always require my
 * passkey". A proxy needs a relationship in force with the scope the action needs, at AAL2,
 * within the jurisdiction's rules for minors. Staff need a care-team link or a live
 * break-glass grant, at AAL2. The access history is for an adult patient alone.
 *
 * Work pages outside a chart (staff pages, the audit trail, the patient's sharing page) are
 * decided here too, by the rules in work-rules.ts. Some are about no single patient, so their
 * request has its own shape.
 */
export function decide(request: AccessRequest | WorkRequest): Decision {
  if (isWorkRequest(request)) return decideWork(request);
  const { actor, patientId } = request;

  if (actor.ownPatientId === patientId) return decideForSelf(request);

  // The access history names every proxy and staff member who opened the chart, break-glass
  // included. A proxy must not learn who else acts for the patient (another parent, a guardian),
  // so this rule stays above every rule that allows someone other than the patient.
  if (request.resource.type === 'access-history') {
    return { effect: 'deny', reason: 'access-history-self-only', actorRole: roleOf(actor) };
  }

  const proxyDecision = actor.relationships.length > 0 ? decideForProxy(request) : null;
  if (proxyDecision?.effect === 'allow') return proxyDecision;

  const staffDecision = actor.staffId ? decideForStaff(request) : null;
  if (staffDecision?.effect === 'allow') return staffDecision;

  // A relationship on file explains a denial better than the absence of a staff link.
  return (
    proxyDecision ??
    staffDecision ?? { effect: 'deny', reason: 'no-relationship', actorRole: 'anonymous' }
  );
}

function decideForSelf(request: AccessRequest): Decision {
  const { actor, patient, now, clinicTimeZone, policy } = request;
  if (actor.requirePasskey && actor.assuranceLevel !== 'AAL2') {
    return { effect: 'deny', reason: 'self-needs-aal2', actorRole: 'self' };
  }

  // A minor's access history would show which parent or guardian opened the chart and when.
  // Whether a minor may see that is for staff to decide, so the page is for adults only.
  if (request.resource.type === 'access-history') {
    const today = calendarDate(now, clinicTimeZone);
    if (ageGroupOn(patient.birthDate, today, policy) !== 'adult') {
      return { effect: 'deny', reason: 'access-history-adult-only', actorRole: 'self' };
    }
  }
  return { effect: 'allow', reason: 'self', actorRole: 'self' };
}

function roleOf(actor: ActorFacts): ActorRole {
  if (actor.relationships.length > 0) return 'proxy';
  return actor.staffId ? 'staff' : 'anonymous';
}
