import { describe, expect, it } from 'vitest';
import { addMonths, ageOn, dateOfAge } from '../../worker/access/calendar.ts';
import { calendarDate, decide, requiredScope } from '../../worker/access/policy.ts';
import { accessRequest, actorFacts, relationshipFacts } from './policy-facts.ts';

const parent = (overrides = {}) => actorFacts({ relationships: [relationshipFacts(overrides)] });
const teen = { patientId: 'patient-child', birthDate: '2012-03-10' };
const sensitiveResult = { type: 'result' as const, sensitivity: 'mental-health' as const };

describe('decide for the patient', () => {
  it('allows the own chart at AAL1', () => {
    const actor = actorFacts({ ownPatientId: 'patient-child', assuranceLevel: 'AAL1' });
    expect(decide(accessRequest({ actor }))).toEqual({
      effect: 'allow',
      reason: 'self',
      actorRole: 'self',
    });
  });

  it('requires AAL2 when patient opts in', () => {
    const atAal1 = actorFacts({
      ownPatientId: 'patient-child',
      assuranceLevel: 'AAL1',
      requirePasskey: true,
    });
    expect(decide(accessRequest({ actor: atAal1 }))).toEqual({
      effect: 'deny',
      reason: 'self-needs-aal2',
      actorRole: 'self',
    });
    const atAal2 = { ...atAal1, assuranceLevel: 'AAL2' as const };
    expect(decide(accessRequest({ actor: atAal2 })).effect).toBe('allow');
  });

  it('shows a teen their own sensitive items', () => {
    const actor = actorFacts({ ownPatientId: 'patient-child' });
    const request = accessRequest({ actor, patient: teen, resource: sensitiveResult });
    expect(decide(request).effect).toBe('allow');
  });

  it('keeps access history for adult patients', () => {
    const resource = { type: 'access-history' as const, sensitivity: 'normal' as const };
    const self = actorFacts({ ownPatientId: 'patient-child' });
    const adult = { patientId: 'patient-child', birthDate: '1980-01-01' };
    expect(decide(accessRequest({ actor: self, resource, patient: adult })).effect).toBe('allow');
    expect(decide(accessRequest({ actor: self, resource, patient: teen }))).toMatchObject({
      effect: 'deny',
      reason: 'access-history-adult-only',
    });
    expect(decide(accessRequest({ actor: parent(), resource }))).toEqual({
      effect: 'deny',
      reason: 'access-history-self-only',
      actorRole: 'proxy',
    });
    expect(decide(accessRequest({ actor: actorFacts(), resource }))).toEqual({
      effect: 'deny',
      reason: 'access-history-self-only',
      actorRole: 'anonymous',
    });
  });
});

describe('decide for a proxy', () => {
  it('denies a chart with no relationship', () => {
    expect(decide(accessRequest())).toEqual({
      effect: 'deny',
      reason: 'no-relationship',
      actorRole: 'anonymous',
    });
  });

  it('allows a parent of a young child at AAL2', () => {
    expect(decide(accessRequest({ actor: parent() }))).toEqual({
      effect: 'allow',
      reason: 'proxy',
      actorRole: 'proxy',
    });
  });

  it('denies a proxy at AAL1', () => {
    const actor = { ...parent(), assuranceLevel: 'AAL1' as const };
    expect(decide(accessRequest({ actor })).reason).toBe('proxy-needs-aal2');
  });

  it('names the status of a relationship not active', () => {
    for (const status of ['pending', 'suspended', 'revoked', 'expired']) {
      expect(decide(accessRequest({ actor: parent({ status }) })).reason).toBe(
        `relationship-${status}`,
      );
    }
  });

  it('honours valid-from and valid-to dates', () => {
    const notYet = parent({ validFrom: '2026-12-05' });
    const ended = parent({ validTo: '2026-12-04' });
    const lastDay = parent({ validTo: '2026-12-05' });
    expect(decide(accessRequest({ actor: notYet })).reason).toBe('relationship-not-yet-valid');
    expect(decide(accessRequest({ actor: ended })).reason).toBe('relationship-expired');
    expect(decide(accessRequest({ actor: lastDay })).effect).toBe('allow');
  });

  it('maps actions and resources to scopes', () => {
    expect(requiredScope({ type: 'result' }, 'view')).toBe('record');
    expect(requiredScope({ type: 'result' }, 'download')).toBe('record');
    expect(requiredScope({ type: 'message-thread' }, 'view')).toBe('messaging');
    expect(requiredScope({ type: 'message-thread' }, 'send-message')).toBe('messaging');
    expect(requiredScope({ type: 'appointment' }, 'view')).toBe('scheduling');
    expect(requiredScope({ type: 'chart' }, 'pay-bill')).toBe('billing');
    expect(requiredScope({ type: 'chart' }, 'download')).toBe('record');
    expect(requiredScope({ type: 'chart' }, 'view')).toBeNull();
    expect(requiredScope({ type: 'dashboard' }, 'view')).toBeNull();

    const recordOnly = parent({ scopes: ['record'] });
    const thread = { type: 'message-thread' as const, sensitivity: 'normal' as const };
    expect(decide(accessRequest({ actor: recordOnly })).effect).toBe('allow');
    expect(decide(accessRequest({ actor: recordOnly, resource: thread })).reason).toBe(
      'relationship-out-of-scope',
    );
  });

  it('denies a court-restricted parent', () => {
    const restricted = parent({ restrictedScopes: ['record', 'messaging'] });
    expect(decide(accessRequest({ actor: restricted })).reason).toBe('court-restricted');
    const scheduling = { type: 'appointment' as const, sensitivity: 'normal' as const };
    expect(decide(accessRequest({ actor: restricted, resource: scheduling })).effect).toBe('allow');
  });

  it('opens the chart for any usable scope', () => {
    const chart = { type: 'chart' as const, sensitivity: 'normal' as const };
    const dashboard = { type: 'dashboard' as const, sensitivity: 'normal' as const };
    const thread = { type: 'message-thread' as const, sensitivity: 'normal' as const };
    const appointment = { type: 'appointment' as const, sensitivity: 'normal' as const };
    const messagingOnly = parent({ scopes: ['messaging'] });

    expect(decide(accessRequest({ actor: messagingOnly, resource: chart })).effect).toBe('allow');
    expect(decide(accessRequest({ actor: messagingOnly, resource: dashboard })).effect).toBe(
      'allow',
    );
    expect(decide(accessRequest({ actor: messagingOnly, resource: thread })).effect).toBe('allow');
    expect(decide(accessRequest({ actor: messagingOnly })).reason).toBe(
      'relationship-out-of-scope',
    );
    expect(decide(accessRequest({ actor: messagingOnly, resource: appointment })).reason).toBe(
      'relationship-out-of-scope',
    );
    expect(
      decide(accessRequest({ actor: messagingOnly, resource: chart, action: 'download' })).reason,
    ).toBe('relationship-out-of-scope');
  });

  it('keeps the chart closed without a usable scope', () => {
    const chart = { type: 'chart' as const, sensitivity: 'normal' as const };
    const noScopes = parent({ scopes: [] });
    const allRestricted = parent({ scopes: ['billing'], restrictedScopes: ['billing'] });
    expect(decide(accessRequest({ actor: noScopes, resource: chart })).reason).toBe(
      'relationship-out-of-scope',
    );
    expect(decide(accessRequest({ actor: allRestricted, resource: chart })).reason).toBe(
      'court-restricted',
    );
  });

  it('hides sensitive items of a teen from a parent', () => {
    const request = accessRequest({ actor: parent(), patient: teen, resource: sensitiveResult });
    expect(decide(request).reason).toBe('sensitive-without-consent');
    expect(decide({ ...request, resource: { type: 'result', sensitivity: 'normal' } }).effect).toBe(
      'allow',
    );
    const consented = parent({ sensitiveConsent: true });
    expect(decide({ ...request, actor: consented }).effect).toBe('allow');
  });

  it('shows sensitive items of a young child to a parent', () => {
    const request = accessRequest({ actor: parent(), resource: sensitiveResult });
    expect(decide(request).effect).toBe('allow');
  });

  it('ends parental access at majority in the clinic time zone', () => {
    // Born 2008-12-05: 18 on 2026-12-05 in Chicago, which begins at 06:00 UTC.
    const patient = { patientId: 'patient-child', birthDate: '2008-12-05' };
    const dayBefore = accessRequest({
      actor: parent(),
      patient,
      now: new Date('2026-12-05T05:59:59.000Z'),
    });
    const dayOf = { ...dayBefore, now: new Date('2026-12-05T06:00:00.000Z') };
    expect(decide(dayBefore).effect).toBe('allow');
    expect(decide(dayOf).reason).toBe('majority-reached');
  });

  it('keeps parental access of a court-appointed guardian', () => {
    const patient = { patientId: 'patient-child', birthDate: '1990-01-01' };
    const guardian = actorFacts({
      relationships: [relationshipFacts(), relationshipFacts({ kind: 'court-appointed-guardian' })],
    });
    expect(decide(accessRequest({ actor: guardian, patient })).effect).toBe('allow');
    expect(decide(accessRequest({ actor: parent(), patient })).reason).toBe('majority-reached');
  });

  it('expires an adult-designated proxy after 18 months', () => {
    const patient = { patientId: 'patient-child', birthDate: '1950-01-01' };
    const designated = (overrides = {}) => parent({ kind: 'adult-designated-proxy', ...overrides });
    const current = designated({ validFrom: '2025-06-05', approvedAt: null });
    const lapsed = designated({ validFrom: '2025-06-04', approvedAt: null });
    const renewed = designated({ validFrom: '2025-01-01', validTo: '2027-01-01' });
    expect(decide(accessRequest({ actor: current, patient })).effect).toBe('allow');
    expect(decide(accessRequest({ actor: lapsed, patient })).reason).toBe('relationship-expired');
    expect(decide(accessRequest({ actor: renewed, patient })).effect).toBe('allow');
  });

  it('dates approval in clinic time zone', () => {
    const patient = { patientId: 'patient-child', birthDate: '1950-01-01' };
    // 03:00 UTC on 5 June is the evening of 4 June in Chicago, so the 18 months end today.
    const lateEvening = parent({
      kind: 'adult-designated-proxy',
      validFrom: '2025-06-01',
      approvedAt: '2025-06-05T03:00:00.000Z',
    });
    expect(decide(accessRequest({ actor: lateEvening, patient })).reason).toBe(
      'relationship-expired',
    );
  });

  it('blocks a proxy after recovery until a new passkey', () => {
    const blocked = {
      ...parent(),
      proxyBlockedSince: '2026-12-01T10:00:00.000Z',
      latestPasskeyCreatedAt: '2026-11-01T10:00:00.000Z',
    };
    expect(decide(accessRequest({ actor: blocked })).reason).toBe('proxy-blocked-until-passkey');
    const renewed = { ...blocked, latestPasskeyCreatedAt: '2026-12-02T10:00:00.000Z' };
    expect(decide(accessRequest({ actor: renewed })).effect).toBe('allow');
  });
});

describe('decide for staff', () => {
  const staff = (overrides = {}) => actorFacts({ staffId: 'staff-1', ...overrides });

  it('allows a care-team member at AAL2', () => {
    expect(decide(accessRequest({ actor: staff({ careTeamMember: true }) }))).toEqual({
      effect: 'allow',
      reason: 'care-team',
      actorRole: 'staff',
    });
    const atAal1 = staff({ careTeamMember: true, assuranceLevel: 'AAL1' });
    expect(decide(accessRequest({ actor: atAal1 })).reason).toBe('staff-needs-aal2');
  });

  it('denies other staff without break-glass', () => {
    expect(decide(accessRequest({ actor: staff() }))).toEqual({
      effect: 'deny',
      reason: 'no-relationship',
      actorRole: 'staff',
    });
  });

  it('lets staff read but not write as the patient', () => {
    const request = accessRequest({ actor: staff({ careTeamMember: true }) });
    expect(decide({ ...request, action: 'download' }).effect).toBe('allow');
    expect(decide({ ...request, action: 'send-message' }).reason).toBe('staff-read-only');
    expect(decide({ ...request, action: 'pay-bill' }).reason).toBe('staff-read-only');
  });

  it('allows live break-glass and denies expired', () => {
    const startedAt = '2026-12-04T17:00:00.000Z';
    const live = staff({ breakGlass: { startedAt, expiresAt: '2026-12-04T18:30:00.000Z' } });
    const expired = staff({ breakGlass: { startedAt, expiresAt: '2026-12-04T18:00:00.000Z' } });
    expect(decide(accessRequest({ actor: live })).reason).toBe('break-glass');
    expect(decide(accessRequest({ actor: expired })).reason).toBe('break-glass-expired');
  });
});

describe('calendar', () => {
  it('uses the clinic calendar date, not UTC', () => {
    // 03:00 UTC on 5 December is still 4 December in Chicago.
    expect(calendarDate(new Date('2026-12-05T03:00:00.000Z'), 'America/Chicago')).toBe(
      '2026-12-04',
    );
    expect(calendarDate(new Date('2026-12-05T03:00:00.000Z'), 'UTC')).toBe('2026-12-05');
  });

  it('ages a leap-day birth by the policy rule', () => {
    expect(ageOn('2008-02-29', '2026-02-28', 'march-1')).toBe(17);
    expect(ageOn('2008-02-29', '2026-03-01', 'march-1')).toBe(18);
    expect(ageOn('2008-02-29', '2026-02-28', 'february-28')).toBe(18);
    expect(ageOn('2008-02-29', '2028-02-29', 'march-1')).toBe(20);
    expect(dateOfAge('2008-02-29', 18, 'march-1')).toBe('2026-03-01');
    expect(dateOfAge('2008-02-29', 18, 'february-28')).toBe('2026-02-28');
  });

  it('adds months clamping to month end', () => {
    expect(addMonths('2025-06-04', 18)).toBe('2026-12-04');
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(addMonths('2027-08-31', 6)).toBe('2028-02-29');
  });
});
