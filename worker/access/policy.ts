// The policy decision point. Pure: callers load the facts, this function returns the decision.
import type { AssuranceLevel } from '../../schema/people.ts';
import type { Sensitivity } from '../../schema/chart.ts';

export type ChartResourceType =
  | 'chart'
  | 'dashboard'
  | 'result'
  | 'medication'
  | 'message-thread'
  | 'appointment'
  | 'health-summary'
  | 'access-history';

export type Action = 'view';

export interface ActorFacts {
  personId: string;
  assuranceLevel: AssuranceLevel;
  // The patient record that is the actor's own chart, if any.
  ownPatientId: string | null;
  // The patient turned on "always require my passkey": their own chart then needs AAL2.
  requirePasskey: boolean;
  // Proxy grants held by the actor, as stored; the policy checks status, scope and dates itself.
  relationships: {
    patientId: string;
    status: string;
    scopes: string[];
    validFrom: string;
    validTo: string | null;
  }[];
}

export interface AccessRequest {
  actor: ActorFacts;
  patientId: string;
  resource: { type: ChartResourceType; id?: string; sensitivity: Sensitivity };
  action: Action;
  now: Date;
  // Relationship dates are calendar dates in the clinic's time zone.
  clinicTimeZone: string;
}

export type DenyReason =
  | 'no-relationship'
  | 'relationship-not-active'
  | 'relationship-out-of-scope'
  | 'proxy-needs-aal2'
  | 'self-needs-aal2'
  | 'access-history-self-only';

export type Decision =
  | { effect: 'allow'; reason: 'self'; actorRole: 'self' }
  | { effect: 'allow'; reason: 'proxy'; actorRole: 'proxy' }
  | { effect: 'deny'; reason: DenyReason; actorRole: 'self' | 'proxy' | 'anonymous' };

/**
 * Decides whether an actor may perform an action on a patient's chart resource.
 *
 * A patient may view their own chart, at AAL2 when they turned on "always require my passkey".
 * Proxy access requires an active relationship in force today with the record scope, at
 * assurance level AAL2. The access history is the patient's alone, whatever grant the actor
 * holds.
 */
export function decide(request: AccessRequest): Decision {
  const { actor, patientId, now, clinicTimeZone } = request;

  if (actor.ownPatientId === patientId) {
    if (actor.requirePasskey && actor.assuranceLevel !== 'AAL2') {
      return { effect: 'deny', reason: 'self-needs-aal2', actorRole: 'self' };
    }
    return { effect: 'allow', reason: 'self', actorRole: 'self' };
  }

  const grant = actor.relationships.find((relationship) => relationship.patientId === patientId);

  // The access history names every proxy and staff member who opened the chart, break-glass
  // included. A proxy must not learn who else acts for the patient (another parent, a guardian),
  // so this rule stays above every rule that allows someone other than the patient.
  // NOTE: a minor with their own account counts as "self" and may open the page too. The policy
  // has no age facts yet to limit it to adult patients.
  if (request.resource.type === 'access-history') {
    const actorRole = grant ? 'proxy' : 'anonymous';
    return { effect: 'deny', reason: 'access-history-self-only', actorRole };
  }

  if (!grant) return { effect: 'deny', reason: 'no-relationship', actorRole: 'anonymous' };

  const today = calendarDate(now, clinicTimeZone);
  const inForce =
    grant.status === 'active' &&
    grant.validFrom <= today &&
    (grant.validTo === null || today < grant.validTo);
  if (!inForce) return { effect: 'deny', reason: 'relationship-not-active', actorRole: 'proxy' };

  if (!grant.scopes.includes('record')) {
    return { effect: 'deny', reason: 'relationship-out-of-scope', actorRole: 'proxy' };
  }

  // Any access to another person's chart needs a passkey with user verification (AAL2).
  if (actor.assuranceLevel !== 'AAL2') {
    return { effect: 'deny', reason: 'proxy-needs-aal2', actorRole: 'proxy' };
  }
  return { effect: 'allow', reason: 'proxy', actorRole: 'proxy' };
}

/** Returns the calendar date (YYYY-MM-DD) of an instant in a time zone. */
export function calendarDate(instant: Date, timeZone: string): string {
  // The en-CA locale formats dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(instant);
}
