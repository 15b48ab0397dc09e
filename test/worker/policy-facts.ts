// Builders of decision-point requests for the policy's unit and property tests.
import {
  DEFAULT_JURISDICTION_POLICY,
  type AccessRequest,
  type ActorFacts,
  type RelationshipFacts,
  type WorkActorFacts,
  type WorkRequest,
} from '../../worker/access/policy.ts';

export const CLINIC_TIME_ZONE = 'America/Chicago';

/** Returns an actor with no own chart, no relationship and no staff role, at AAL2. */
export function actorFacts(overrides: Partial<ActorFacts> = {}): ActorFacts {
  return {
    personId: 'person-actor',
    assuranceLevel: 'AAL2',
    ownPatientId: null,
    requirePasskey: false,
    relationships: [],
    proxyBlockedSince: null,
    latestPasskeyCreatedAt: null,
    staffId: null,
    careTeamMember: false,
    breakGlass: null,
    ...overrides,
  };
}

/** Returns an active relationship with every scope for patient-child, in force since 2015. */
export function relationshipFacts(overrides: Partial<RelationshipFacts> = {}): RelationshipFacts {
  return {
    patientId: 'patient-child',
    kind: 'parent-of-minor',
    status: 'active',
    scopes: ['record', 'messaging', 'scheduling', 'billing'],
    restrictedScopes: [],
    validFrom: '2015-06-01',
    validTo: null,
    approvedAt: '2015-06-01T12:00:00.000Z',
    sensitiveConsent: false,
    ...overrides,
  };
}

/** Returns a request to view a normal result of patient-child, born 2020-06-15, on 2026-12-04. */
export function accessRequest(overrides: Partial<AccessRequest> = {}): AccessRequest {
  return {
    actor: actorFacts(),
    patientId: 'patient-child',
    patient: { patientId: 'patient-child', birthDate: '2020-06-15' },
    resource: { type: 'result', sensitivity: 'normal' },
    action: 'view',
    now: new Date('2026-12-04T18:00:00.000Z'),
    clinicTimeZone: CLINIC_TIME_ZONE,
    policy: DEFAULT_JURISDICTION_POLICY,
    ...overrides,
  };
}

/** Returns a staff member at AAL2 with the given role, on none of the patient's care teams. */
export function workActorFacts(overrides: Partial<WorkActorFacts> = {}): WorkActorFacts {
  return {
    personId: 'person-staff',
    assuranceLevel: 'AAL2',
    ownPatientId: null,
    requirePasskey: false,
    hasPasskey: false,
    staffRole: 'nurse',
    careTeamMember: false,
    ...overrides,
  };
}

/** Returns a request on a work page: by default a nurse viewing a patient's relationship. */
export function workRequest(overrides: Partial<WorkRequest> = {}): WorkRequest {
  return {
    actor: workActorFacts(),
    patientId: 'patient-child',
    patient: null,
    resource: { type: 'relationship' },
    action: 'view',
    now: new Date('2026-12-04T18:00:00.000Z'),
    clinicTimeZone: CLINIC_TIME_ZONE,
    policy: DEFAULT_JURISDICTION_POLICY,
    ...overrides,
  };
}
