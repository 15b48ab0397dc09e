// Property-based tests of the decision point's rules for work pages (staff pages, the audit trail,
// the sharing page): random actors, roles, care-team links, resources, actions and times. A
// sibling of policy-properties.test.ts, which tests chart requests.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { STAFF_ROLES } from '../../schema/care.ts';
import {
  decide,
  WORK_ACTIONS,
  WORK_RESOURCE_TYPES,
  type WorkAction,
  type WorkRequest,
} from '../../worker/access/policy.ts';
import { workRequest } from './policy-facts.ts';

const RUNS = 10_000;
const PROPERTY_TIMEOUT_MS = 120_000;
const PATIENT = 'patient-subject';
const ALL_ACTIONS = [...new Set(Object.values(WORK_ACTIONS).flat())] as WorkAction[];
const WORK_DENY_REASONS = new Set([
  'action-not-allowed',
  'not-staff',
  'not-on-care-team',
  'privacy-officer-only',
  'staff-needs-aal2',
  'self-needs-aal2',
  'sharing-self-only',
  'sharing-adult-only',
  'sharing-adolescent-only',
]);
// The patient's own page. Everything else is staff work.
const isSharing = (request: WorkRequest) => request.resource.type === 'sharing';

const workRequests: fc.Arbitrary<WorkRequest> = fc
  .record({
    staffRole: fc.option(fc.constantFrom(...STAFF_ROLES), { nil: null }),
    assuranceLevel: fc.constantFrom('AAL1' as const, 'AAL2' as const),
    ownPatientId: fc.constantFrom(null, PATIENT, 'patient-other'),
    careTeamMember: fc.boolean(),
    requirePasskey: fc.boolean(),
    hasPasskey: fc.boolean(),
    type: fc.constantFrom(...WORK_RESOURCE_TYPES),
    // Mostly an action the resource has, sometimes any action at all.
    actionIndex: fc.nat(),
    anyAction: fc.boolean(),
    part: fc.constantFrom(undefined, 'proxies' as const, 'consents' as const),
    aboutPatient: fc.boolean(),
    birthDate: fc.option(
      fc.date({ min: new Date('1930-01-01'), max: new Date('2026-12-01'), noInvalidDate: true }),
      { nil: null },
    ),
    now: fc.date({ min: new Date('2024-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }),
  })
  .map((facts) => {
    const own: readonly WorkAction[] = WORK_ACTIONS[facts.type];
    const actions = facts.anyAction ? ALL_ACTIONS : own;
    const patientId = facts.aboutPatient ? PATIENT : null;
    return workRequest({
      actor: {
        personId: 'person-actor',
        assuranceLevel: facts.assuranceLevel,
        ownPatientId: facts.ownPatientId,
        requirePasskey: facts.requirePasskey,
        hasPasskey: facts.hasPasskey,
        staffRole: facts.staffRole,
        careTeamMember: facts.careTeamMember && patientId !== null,
      },
      patientId,
      patient:
        patientId === null
          ? null
          : { patientId, birthDate: facts.birthDate?.toISOString().slice(0, 10) ?? null },
      resource: { type: facts.type, part: facts.part },
      action: actions[facts.actionIndex % actions.length]!,
      now: facts.now,
    });
  });

function check(property: (request: WorkRequest) => void) {
  fc.assert(fc.property(workRequests, property), { numRuns: RUNS });
}

describe('decide properties for work pages', () => {
  it(
    'never gives a staff action to someone who is not staff',
    { timeout: PROPERTY_TIMEOUT_MS },
    () => {
      check((request) => {
        if (isSharing(request) || request.actor.staffRole !== null) return;
        const decision = decide(request);
        expect(decision.effect).toBe('deny');
        expect(['not-staff', 'action-not-allowed']).toContain(decision.reason);
      });
    },
  );

  it('gives no staff action at AAL1', { timeout: PROPERTY_TIMEOUT_MS }, () => {
    check((request) => {
      if (isSharing(request) || request.actor.assuranceLevel === 'AAL2') return;
      expect(decide(request).effect).toBe('deny');
    });
  });

  it('opens the sharing page to the patient alone', { timeout: PROPERTY_TIMEOUT_MS }, () => {
    check((request) => {
      if (!isSharing(request) || decide(request).effect === 'deny') return;
      expect(request.actor.ownPatientId).toBe(request.patientId);
    });
  });

  it('keeps care-team pages to the care team', { timeout: PROPERTY_TIMEOUT_MS }, () => {
    check((request) => {
      const type = request.resource.type;
      if (type !== 'activation-code' && type !== 'invitation' && type !== 'demographics') return;
      if (decide(request).effect === 'allow') expect(request.actor.careTeamMember).toBe(true);
    });
  });

  it('shows the audit trail to privacy officers alone', { timeout: PROPERTY_TIMEOUT_MS }, () => {
    check((request) => {
      if (request.resource.type !== 'audit-trail' || decide(request).effect === 'deny') return;
      expect(request.actor.staffRole).toBe('privacy-officer');
    });
  });

  it(
    'gives every deny a known reason and allows only listed actions',
    { timeout: PROPERTY_TIMEOUT_MS },
    () => {
      check((request) => {
        const decision = decide(request);
        if (decision.effect === 'deny') {
          expect(WORK_DENY_REASONS.has(decision.reason)).toBe(true);
        } else {
          const own: readonly string[] = WORK_ACTIONS[request.resource.type];
          expect(own).toContain(request.action);
        }
      });
    },
  );
});
