// Property-based tests of the decision point: random families, relationships, staff, policies
// and times, with invariants that must hold for every one of them.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SENSITIVITY } from '../../schema/chart.ts';
import { RELATIONSHIP_KINDS, RELATIONSHIP_STATUSES } from '../../schema/people.ts';
import { ageOn, calendarDate, dateOfAge } from '../../worker/access/calendar.ts';
import type { JurisdictionPolicy } from '../../worker/access/jurisdiction.ts';
import {
  decide,
  requiredScope,
  type AccessRequest,
  type ChartResourceType,
  type RelationshipFacts,
} from '../../worker/access/policy.ts';

const RUNS = 10_000;
const PATIENT = 'patient-subject';
const SCOPES = ['record', 'messaging', 'scheduling', 'billing'];
const PARENTAL = ['parent-of-minor', 'legal-guardian-of-minor'];
const RESOURCE_TYPES: ChartResourceType[] = [
  'chart',
  'dashboard',
  'result',
  'medication',
  'message-thread',
  'appointment',
  'health-summary',
  'access-history',
];
const TIME_ZONES = ['America/Chicago', 'America/New_York', 'Pacific/Honolulu', 'Asia/Tokyo', 'UTC'];
const DENY_REASONS = new Set([
  'no-relationship',
  'relationship-pending',
  'relationship-suspended',
  'relationship-revoked',
  'relationship-expired',
  'relationship-not-yet-valid',
  'relationship-not-active',
  'relationship-out-of-scope',
  'court-restricted',
  'majority-reached',
  'sensitive-without-consent',
  'proxy-blocked-until-passkey',
  'proxy-needs-aal2',
  'self-needs-aal2',
  'staff-needs-aal2',
  'staff-read-only',
  'break-glass-expired',
  'access-history-self-only',
  'access-history-adult-only',
]);

const instant = (from: string, to: string) =>
  fc.date({ min: new Date(from), max: new Date(to), noInvalidDate: true });
const calendarDay = (from: string, to: string) =>
  instant(from, to).map((date) => date.toISOString().slice(0, 10));
// Leap days come up on purpose, so the 29 February rules are exercised in every run.
const birthDate = fc.oneof(
  calendarDay('1930-01-01', '2026-12-31'),
  fc.constantFrom('2008-02-29', '2012-02-29', '2016-02-29', '2000-02-29'),
);

const relationship: fc.Arbitrary<RelationshipFacts> = fc.record({
  patientId: fc.constantFrom(PATIENT, PATIENT, PATIENT, 'patient-someone-else'),
  kind: fc.constantFrom(...RELATIONSHIP_KINDS),
  status: fc.constantFrom(...RELATIONSHIP_STATUSES, 'active', 'active'),
  scopes: fc.subarray(SCOPES),
  restrictedScopes: fc.oneof(fc.constant<string[]>([]), fc.subarray(SCOPES)),
  validFrom: calendarDay('2000-01-01', '2035-12-31'),
  validTo: fc.option(calendarDay('2000-01-01', '2045-12-31')),
  approvedAt: fc.option(instant('2000-01-01', '2035-12-31').map((date) => date.toISOString())),
  sensitiveConsent: fc.boolean(),
});

const policy: fc.Arbitrary<JurisdictionPolicy> = fc.record({
  confidentialityAge: fc.integer({ min: 10, max: 14 }),
  majorityAge: fc.integer({ min: 18, max: 21 }),
  sensitiveCategories: fc.subarray([
    'mental-health',
    'sexual-reproductive-health',
    'substance-use',
  ] as const),
  leapDayBirthday: fc.constantFrom('march-1' as const, 'february-28' as const),
  adultProxyMonths: fc.integer({ min: 6, max: 36 }),
});

const accessRequest: fc.Arbitrary<AccessRequest> = fc
  .record({
    // One request in five is the patient's own.
    self: fc.integer({ min: 0, max: 4 }).map((draw) => draw === 0),
    assuranceLevel: fc.constantFrom('AAL1' as const, 'AAL2' as const),
    requirePasskey: fc.boolean(),
    relationships: fc.array(relationship, { maxLength: 3 }),
    proxyBlockedSince: fc.option(instant('2020-01-01', '2040-01-01').map((d) => d.toISOString())),
    latestPasskeyCreatedAt: fc.option(
      instant('2020-01-01', '2040-01-01').map((d) => d.toISOString()),
    ),
    staff: fc.boolean(),
    careTeamMember: fc.boolean(),
    breakGlass: fc.option(
      instant('2000-01-01', '2045-01-01').map((d) => ({
        startedAt: new Date(d.getTime() - 3_600_000).toISOString(),
        expiresAt: d.toISOString(),
      })),
    ),
    birthDate: fc.option(birthDate, { freq: 20 }),
    type: fc.constantFrom(...RESOURCE_TYPES),
    sensitivity: fc.constantFrom(...SENSITIVITY),
    action: fc.constantFrom(
      'view' as const,
      'download' as const,
      'send-message' as const,
      'request-appointment' as const,
      'pay-bill' as const,
    ),
    now: instant('2000-01-01', '2045-01-01'),
    clinicTimeZone: fc.constantFrom(...TIME_ZONES),
    policy,
  })
  .map((facts) => ({
    actor: {
      personId: 'person-actor',
      assuranceLevel: facts.assuranceLevel,
      ownPatientId: facts.self ? PATIENT : 'patient-actor-own',
      requirePasskey: facts.requirePasskey,
      relationships: facts.relationships,
      proxyBlockedSince: facts.proxyBlockedSince,
      latestPasskeyCreatedAt: facts.latestPasskeyCreatedAt,
      staffId: facts.staff ? 'staff-actor' : null,
      careTeamMember: facts.staff && facts.careTeamMember,
      breakGlass: facts.staff ? facts.breakGlass : null,
    },
    patientId: PATIENT,
    patient: { patientId: PATIENT, birthDate: facts.birthDate },
    resource: { type: facts.type, sensitivity: facts.sensitivity },
    action: facts.action,
    now: facts.now,
    clinicTimeZone: facts.clinicTimeZone,
    policy: facts.policy,
  }));

function today(request: AccessRequest) {
  return calendarDate(request.now, request.clinicTimeZone);
}

function relationshipsInForce(request: AccessRequest) {
  const date = today(request);
  return request.actor.relationships.filter(
    (grant) =>
      grant.patientId === request.patientId &&
      grant.status === 'active' &&
      grant.validFrom <= date &&
      (grant.validTo === null || date < grant.validTo),
  );
}

function ageGroup(request: AccessRequest): 'child' | 'adolescent' | 'adult' {
  const { birthDate } = request.patient;
  if (!birthDate) return 'adult';
  const age = ageOn(birthDate, today(request), request.policy.leapDayBirthday);
  if (age >= request.policy.majorityAge) return 'adult';
  return age >= request.policy.confidentialityAge ? 'adolescent' : 'child';
}

// Whether a relationship grants, unrestricted, the scope the request needs. Viewing the chart
// itself needs no one scope, so any granted and unrestricted scope counts.
function grantsScopeFor(grant: RelationshipFacts, request: AccessRequest) {
  const usable = (scope: string) =>
    grant.scopes.includes(scope) && !grant.restrictedScopes.includes(scope);
  const scope = requiredScope(request.resource, request.action);
  return scope === null ? SCOPES.some(usable) : usable(scope);
}

const isSelf = (request: AccessRequest) => request.actor.ownPatientId === request.patientId;
const liveBreakGlass = (request: AccessRequest) =>
  request.actor.breakGlass !== null &&
  request.now.toISOString() < request.actor.breakGlass.expiresAt;

// Each property runs 10,000 cases, and vitest's default limit of 5 seconds per test is too short
// for that on a shared 2-core machine.
const PROPERTY_TIMEOUT_MS = 120_000;

describe('decide properties', () => {
  it(
    'allows nobody without a relationship, care-team link or break-glass',
    { timeout: PROPERTY_TIMEOUT_MS },
    () => {
      fc.assert(
        fc.property(accessRequest, (request) => {
          const decision = decide(request);
          if (decision.effect === 'deny' || isSelf(request)) return;
          const staffPath =
            request.actor.staffId !== null &&
            (request.actor.careTeamMember || liveBreakGlass(request));
          expect(relationshipsInForce(request).length > 0 || staffPath).toBe(true);
          if (decision.reason === 'proxy') {
            const usable = relationshipsInForce(request).filter((grant) =>
              grantsScopeFor(grant, request),
            );
            expect(usable.length).toBeGreaterThan(0);
          }
        }),
        { numRuns: RUNS },
      );
    },
  );

  it(
    'hides a teen’s sensitive items from parents without consent',
    { timeout: PROPERTY_TIMEOUT_MS },
    () => {
      fc.assert(
        fc.property(accessRequest, (request) => {
          const decision = decide(request);
          const sensitive = request.policy.sensitiveCategories.includes(
            request.resource.sensitivity,
          );
          if (decision.effect !== 'allow' || decision.reason !== 'proxy') return;
          if (!sensitive || ageGroup(request) !== 'adolescent') return;
          const allowing = relationshipsInForce(request).filter(
            (grant) =>
              grantsScopeFor(grant, request) &&
              (!PARENTAL.includes(grant.kind) || grant.sensitiveConsent),
          );
          expect(allowing.length).toBeGreaterThan(0);
        }),
        { numRuns: RUNS },
      );
    },
  );

  it('allows nobody but the patient at AAL1', { timeout: PROPERTY_TIMEOUT_MS }, () => {
    fc.assert(
      fc.property(accessRequest, (request) => {
        if (isSelf(request) || request.actor.assuranceLevel !== 'AAL1') return;
        expect(decide(request).effect).toBe('deny');
      }),
      { numRuns: RUNS },
    );
  });

  it('gives every deny a known reason', { timeout: PROPERTY_TIMEOUT_MS }, () => {
    fc.assert(
      fc.property(accessRequest, (request) => {
        const decision = decide(request);
        expect(decision.reason).toMatch(/^[a-z0-9-]+$/);
        if (decision.effect === 'deny') expect(DENY_REASONS.has(decision.reason)).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  it(
    'ends parental access at majority without guardianship',
    { timeout: PROPERTY_TIMEOUT_MS },
    () => {
      fc.assert(
        fc.property(accessRequest, (request) => {
          const decision = decide(request);
          if (decision.effect !== 'allow' || decision.reason !== 'proxy') return;
          if (ageGroup(request) !== 'adult') return;
          const nonParental = relationshipsInForce(request).some(
            (grant) => !PARENTAL.includes(grant.kind),
          );
          expect(nonParental).toBe(true);
        }),
        { numRuns: RUNS },
      );
    },
  );

  it('shows access history only to an adult patient', { timeout: PROPERTY_TIMEOUT_MS }, () => {
    fc.assert(
      fc.property(accessRequest, (request) => {
        const forHistory = {
          ...request,
          resource: { type: 'access-history' as const, sensitivity: 'normal' as const },
        };
        if (decide(forHistory).effect !== 'allow') return;
        expect(isSelf(forHistory)).toBe(true);
        expect(ageGroup(forHistory)).toBe('adult');
      }),
      { numRuns: RUNS },
    );
  });

  it('decides proxies by the clinic calendar date alone', { timeout: PROPERTY_TIMEOUT_MS }, () => {
    fc.assert(
      fc.property(accessRequest, fc.integer({ min: -23, max: 23 }), (request, shiftHours) => {
        const shifted = new Date(request.now.getTime() + shiftHours * 3_600_000);
        fc.pre(calendarDate(shifted, request.clinicTimeZone) === today(request));
        // Staff decisions compare break-glass expiry with the instant, so they are left out.
        const proxyOnly = {
          ...request,
          actor: { ...request.actor, staffId: null, breakGlass: null },
        };
        expect(decide({ ...proxyOnly, now: shifted })).toEqual(decide(proxyOnly));
      }),
      { numRuns: RUNS },
    );
  });
});

describe('request generator', () => {
  // The invariants above hold trivially if every generated request is denied. This checks that
  // the generator reaches each allow reason and the denials the invariants are about.
  it('reaches every allow and the key deny reasons', () => {
    const reasons = new Set<string>(
      fc.sample(accessRequest, { numRuns: RUNS, seed: 1 }).map((request) => decide(request).reason),
    );
    for (const reason of [
      'self',
      'proxy',
      'care-team',
      'break-glass',
      'sensitive-without-consent',
      'majority-reached',
      'proxy-needs-aal2',
      'court-restricted',
      'break-glass-expired',
    ]) {
      expect(reasons.has(reason), reason).toBe(true);
    }
  });
});

describe('calendar properties', () => {
  it(
    'turns a leap-day birth a year older by the policy rule',
    { timeout: PROPERTY_TIMEOUT_MS },
    () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 1904, max: 2096 }).filter((year) => year % 4 === 0 && year % 100 !== 0),
          fc.integer({ min: 1, max: 3 }),
          (leapYear, yearsLater) => {
            const birth = `${leapYear}-02-29`;
            const year = leapYear + yearsLater;
            expect(ageOn(birth, `${year}-02-28`, 'march-1')).toBe(yearsLater - 1);
            expect(ageOn(birth, `${year}-03-01`, 'march-1')).toBe(yearsLater);
            expect(ageOn(birth, `${year}-02-27`, 'february-28')).toBe(yearsLater - 1);
            expect(ageOn(birth, `${year}-02-28`, 'february-28')).toBe(yearsLater);
          },
        ),
        { numRuns: RUNS },
      );
    },
  );

  it('reaches each age exactly on its birthday', { timeout: PROPERTY_TIMEOUT_MS }, () => {
    fc.assert(
      fc.property(
        birthDate,
        fc.integer({ min: 1, max: 30 }),
        fc.constantFrom('march-1' as const, 'february-28' as const),
        (birth, age, rule) => {
          const birthday = dateOfAge(birth, age, rule);
          const dayBefore = new Date(Date.parse(`${birthday}T00:00:00Z`) - 86_400_000)
            .toISOString()
            .slice(0, 10);
          expect(ageOn(birth, birthday, rule)).toBe(age);
          expect(ageOn(birth, dayBefore, rule)).toBe(age - 1);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('starts the clinic day at local midnight, not UTC', { timeout: PROPERTY_TIMEOUT_MS }, () => {
    fc.assert(
      fc.property(instant('2000-01-01', '2045-01-01'), (now) => {
        // Chicago is 5 or 6 hours behind UTC, so its date is never ahead of the UTC date.
        const utc = now.toISOString().slice(0, 10);
        const chicago = calendarDate(now, 'America/Chicago');
        expect(chicago <= utc).toBe(true);
        if (now.getUTCHours() >= 6) expect(chicago).toBe(utc);
      }),
      { numRuns: RUNS },
    );
  });
});
