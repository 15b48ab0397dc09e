// The decision point's rules for work pages outside a chart: staff pages, the audit trail and the
// patient's own sharing page. Each resource and action has an allow and a deny with its reason.
import { describe, expect, it } from 'vitest';
import { decide, type WorkAction, type WorkResourceType } from '../../worker/access/policy.ts';
import { workActorFacts, workRequest } from './policy-facts.ts';

const PATIENT = 'patient-child';
const onTeam = workActorFacts({ staffRole: 'clinician', careTeamMember: true });
const otherStaff = workActorFacts({ staffRole: 'clinician' });
const frontDesk = workActorFacts({ staffRole: 'front-desk' });
const officer = workActorFacts({ staffRole: 'privacy-officer' });
const patientActor = workActorFacts({ staffRole: null, ownPatientId: PATIENT });

function decideWork(
  actor: ReturnType<typeof workActorFacts>,
  type: WorkResourceType,
  action: WorkAction,
  patientId: string | null = PATIENT,
) {
  return decide(workRequest({ actor, resource: { type }, action, patientId }));
}

describe('decide for staff work pages', () => {
  it('shows any staff member at AAL2 the directory and their own list', () => {
    expect(decideWork(otherStaff, 'patient-directory', 'view', null)).toEqual({
      effect: 'allow',
      reason: 'staff-directory',
      actorRole: 'staff',
    });
    expect(decideWork(otherStaff, 'patient-directory', 'view')).toMatchObject({
      effect: 'allow',
      reason: 'staff-directory',
    });
    expect(decideWork(otherStaff, 'patient-list', 'view', null)).toMatchObject({
      effect: 'allow',
      reason: 'care-team',
    });
  });

  const relationshipWork: [WorkResourceType, WorkAction][] = [
    ['relationship', 'view'],
    ['relationship', 'approve'],
    ['relationship', 'restrict'],
    ['relationship', 'suspend'],
    ['relationship', 'revoke'],
    ['relationship', 'reinstate'],
    ['consent', 'record'],
    ['consent', 'revoke'],
  ];

  it.each(relationshipWork)('decides %s %s by care team or role', (type, action) => {
    expect(decideWork(onTeam, type, action)).toEqual({
      effect: 'allow',
      reason: 'care-team',
      actorRole: 'staff',
    });
    expect(decideWork(frontDesk, type, action)).toMatchObject({
      effect: 'allow',
      reason: 'staff-role',
    });
    expect(decideWork(officer, type, action)).toMatchObject({
      effect: 'allow',
      reason: 'staff-role',
    });
    expect(decideWork(otherStaff, type, action)).toEqual({
      effect: 'deny',
      reason: 'not-on-care-team',
      actorRole: 'staff',
    });
  });

  it('limits the relationship list by role', () => {
    expect(decideWork(otherStaff, 'relationship', 'view', null)).toMatchObject({
      effect: 'allow',
      reason: 'care-team',
    });
    expect(decideWork(frontDesk, 'relationship', 'view', null)).toMatchObject({
      effect: 'allow',
      reason: 'staff-role',
    });
  });

  const careTeamWork: [WorkResourceType, WorkAction][] = [
    ['demographics', 'view'],
    ['activation-code', 'view'],
    ['activation-code', 'issue'],
    ['invitation', 'view'],
    ['invitation', 'send'],
  ];

  it.each(careTeamWork)('allows %s %s to the care team alone', (type, action) => {
    expect(decideWork(onTeam, type, action)).toMatchObject({
      effect: 'allow',
      reason: 'care-team',
    });
    // A role that works on every patient's relationships gets no more than name and MRN here.
    for (const actor of [otherStaff, frontDesk, officer]) {
      expect(decideWork(actor, type, action)).toMatchObject({
        effect: 'deny',
        reason: 'not-on-care-team',
      });
    }
  });

  it.each(['view', 'review'] as const)('gives the audit trail %s to privacy officers', (action) => {
    expect(decideWork(officer, 'audit-trail', action, null)).toEqual({
      effect: 'allow',
      reason: 'privacy-officer',
      actorRole: 'staff',
    });
    expect(decideWork(onTeam, 'audit-trail', action, null)).toMatchObject({
      effect: 'deny',
      reason: 'privacy-officer-only',
    });
  });

  it('requires AAL2 for staff work', () => {
    const atAal1 = { ...officer, assuranceLevel: 'AAL1' as const, careTeamMember: true };
    for (const [type, action] of [
      ['patient-directory', 'view'],
      ['relationship', 'approve'],
      ['activation-code', 'issue'],
      ['audit-trail', 'view'],
    ] as const) {
      expect(decideWork(atAal1, type, action)).toMatchObject({
        effect: 'deny',
        reason: 'staff-needs-aal2',
      });
    }
  });

  it('denies staff work to non-staff', () => {
    expect(decideWork(patientActor, 'patient-directory', 'view')).toEqual({
      effect: 'deny',
      reason: 'not-staff',
      actorRole: 'self',
    });
    const anonymous = workActorFacts({ staffRole: null });
    expect(decideWork(anonymous, 'audit-trail', 'view', null)).toEqual({
      effect: 'deny',
      reason: 'not-staff',
      actorRole: 'anonymous',
    });
  });

  it('denies an unknown resource action', () => {
    expect(decideWork(officer, 'audit-trail', 'issue', null)).toMatchObject({
      effect: 'deny',
      reason: 'action-not-allowed',
    });
  });
});

describe('decide for the sharing page', () => {
  const adult = { patientId: PATIENT, birthDate: '1990-01-01' };
  const teen = { patientId: PATIENT, birthDate: '2012-03-10' };
  const child = { patientId: PATIENT, birthDate: '2020-06-15' };

  function sharing(
    overrides: Partial<ReturnType<typeof workActorFacts>>,
    patient: { patientId: string; birthDate: string },
    action: 'view' | 'manage',
    part?: 'proxies' | 'consents',
  ) {
    const actor = { ...patientActor, ...overrides };
    return decide(
      workRequest({
        actor,
        patient,
        patientId: PATIENT,
        resource: { type: 'sharing', part },
        action,
      }),
    );
  }

  it('lets an adult view and manage proxies at AAL1 without a passkey', () => {
    const atAal1 = { assuranceLevel: 'AAL1' as const };
    expect(sharing(atAal1, adult, 'view')).toEqual({
      effect: 'allow',
      reason: 'self',
      actorRole: 'self',
    });
    expect(sharing(atAal1, adult, 'manage', 'proxies')).toMatchObject({ effect: 'allow' });
    expect(sharing(atAal1, adult, 'manage', 'consents')).toMatchObject({
      effect: 'deny',
      reason: 'sharing-adolescent-only',
    });
  });

  it('requires AAL2 for changes with passkey', () => {
    const withPasskey = { assuranceLevel: 'AAL1' as const, hasPasskey: true };
    expect(sharing(withPasskey, adult, 'view')).toMatchObject({ effect: 'allow' });
    expect(sharing(withPasskey, adult, 'manage', 'proxies')).toMatchObject({
      effect: 'deny',
      reason: 'self-needs-aal2',
    });
    const requireAal2 = { assuranceLevel: 'AAL1' as const, requirePasskey: true };
    expect(sharing(requireAal2, adult, 'view')).toMatchObject({
      effect: 'deny',
      reason: 'self-needs-aal2',
    });
  });

  it('lets a teen at AAL2 manage consents but not proxies', () => {
    expect(sharing({ assuranceLevel: 'AAL1' }, teen, 'view')).toMatchObject({
      effect: 'deny',
      reason: 'self-needs-aal2',
    });
    expect(sharing({}, teen, 'manage', 'consents')).toMatchObject({
      effect: 'allow',
      reason: 'self',
    });
    expect(sharing({}, teen, 'manage', 'proxies')).toMatchObject({
      effect: 'deny',
      reason: 'sharing-adult-only',
    });
  });

  it('lets a young child view the page and change nothing', () => {
    expect(sharing({ assuranceLevel: 'AAL1' }, child, 'view')).toMatchObject({ effect: 'allow' });
    expect(sharing({}, child, 'manage', 'consents')).toMatchObject({
      effect: 'deny',
      reason: 'sharing-adolescent-only',
    });
  });

  it('opens the page to the patient alone', () => {
    for (const actor of [{ ownPatientId: 'patient-other' }, { ownPatientId: null }, officer]) {
      expect(sharing(actor, adult, 'view')).toMatchObject({
        effect: 'deny',
        reason: 'sharing-self-only',
      });
    }
  });
});
