import { describe, expect, it } from 'vitest';
import { calendarDate, decide, type ActorFacts } from '../../worker/access/policy.ts';

const NOW = new Date('2026-12-04T18:00:00.000Z');
const resource = { type: 'result' as const, sensitivity: 'normal' as const };

function actor(overrides: Partial<ActorFacts> = {}): ActorFacts {
  return {
    personId: 'person-1',
    assuranceLevel: 'AAL1',
    ownPatientId: 'patient-own',
    requirePasskey: false,
    relationships: [],
    ...overrides,
  };
}

function decideFor(facts: ActorFacts, patientId: string) {
  return decide({
    actor: facts,
    patientId,
    resource,
    action: 'view',
    now: NOW,
    clinicTimeZone: 'America/Chicago',
  });
}

const grant = {
  patientId: 'patient-child',
  status: 'active',
  scopes: ['record', 'messaging'],
  validFrom: '2015-06-01',
  validTo: '2033-06-01',
};

describe('decide', () => {
  it('allows a patient their own chart', () => {
    expect(decideFor(actor(), 'patient-own')).toEqual({
      effect: 'allow',
      reason: 'self',
      actorRole: 'self',
    });
  });

  it('denies a chart with no relationship', () => {
    expect(decideFor(actor(), 'patient-other')).toMatchObject({
      effect: 'deny',
      reason: 'no-relationship',
    });
  });

  it('denies a proxy at AAL1 even with an active grant', () => {
    const facts = actor({ relationships: [grant] });
    expect(decideFor(facts, 'patient-child')).toMatchObject({
      effect: 'deny',
      reason: 'proxy-needs-aal2',
      actorRole: 'proxy',
    });
  });

  it('allows a proxy at AAL2 with an active grant', () => {
    const facts = actor({ assuranceLevel: 'AAL2', relationships: [grant] });
    expect(decideFor(facts, 'patient-child')).toEqual({
      effect: 'allow',
      reason: 'proxy',
      actorRole: 'proxy',
    });
  });

  it('denies a proxy at AAL2 with an inactive grant', () => {
    const revoked = actor({
      assuranceLevel: 'AAL2',
      relationships: [{ ...grant, status: 'revoked' }],
    });
    const billingOnly = actor({
      assuranceLevel: 'AAL2',
      relationships: [{ ...grant, scopes: ['billing'] }],
    });
    expect(decideFor(revoked, 'patient-child').reason).toBe('relationship-not-active');
    expect(decideFor(billingOnly, 'patient-child').reason).toBe('relationship-out-of-scope');
  });

  it('asks for AAL2 when the patient requires a passkey', () => {
    const atAal1 = actor({ requirePasskey: true });
    const atAal2 = actor({ requirePasskey: true, assuranceLevel: 'AAL2' });
    expect(decideFor(atAal1, 'patient-own')).toEqual({
      effect: 'deny',
      reason: 'self-needs-aal2',
      actorRole: 'self',
    });
    expect(decideFor(atAal2, 'patient-own').effect).toBe('allow');
  });

  it('denies revoked, expired and out-of-scope grants', () => {
    const revoked = actor({ relationships: [{ ...grant, status: 'revoked' }] });
    const ended = actor({ relationships: [{ ...grant, validTo: '2026-12-04' }] });
    const billingOnly = actor({ relationships: [{ ...grant, scopes: ['billing'] }] });
    expect(decideFor(revoked, 'patient-child').reason).toBe('relationship-not-active');
    expect(decideFor(ended, 'patient-child').reason).toBe('relationship-not-active');
    expect(decideFor(billingOnly, 'patient-child').reason).toBe('relationship-out-of-scope');
  });

  it('keeps access history self-only', () => {
    const accessHistory = { type: 'access-history' as const, sensitivity: 'normal' as const };
    const decideAccessHistory = (facts: ActorFacts, patientId: string) =>
      decide({
        actor: facts,
        patientId,
        resource: accessHistory,
        action: 'view',
        now: NOW,
        clinicTimeZone: 'America/Chicago',
      });
    const proxyAtAal2 = actor({ assuranceLevel: 'AAL2', relationships: [grant] });

    expect(decideAccessHistory(actor(), 'patient-own')).toEqual({
      effect: 'allow',
      reason: 'self',
      actorRole: 'self',
    });
    expect(decideAccessHistory(proxyAtAal2, 'patient-child')).toEqual({
      effect: 'deny',
      reason: 'access-history-self-only',
      actorRole: 'proxy',
    });
    expect(decideAccessHistory(actor(), 'patient-other')).toEqual({
      effect: 'deny',
      reason: 'access-history-self-only',
      actorRole: 'anonymous',
    });
  });

  it('uses the clinic’s calendar date, not UTC', () => {
    // 03:00 UTC on 5 December is still 4 December in Chicago.
    expect(calendarDate(new Date('2026-12-05T03:00:00.000Z'), 'America/Chicago')).toBe(
      '2026-12-04',
    );
    expect(calendarDate(new Date('2026-12-05T03:00:00.000Z'), 'UTC')).toBe('2026-12-05');
  });
});
