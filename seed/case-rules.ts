// The hard cases a population must contain, each with the check that finds it in one row
// batch. The rules read only generated rows, never the scenarios that meant to make them.

import { addYears, parseIsoDate } from './dates.ts';
import type { SeedRows } from './rows.ts';

/** Longer names than this, given and family names together, count as great length. */
const LONG_NAME_CHARS = 40;

type Patient = SeedRows['patients'][number];
type Relationship = SeedRows['relationships'][number];

export interface CaseContext {
  batch: SeedRows;
  referenceDate: string;
  referenceDay: number;
  ageOf: (patient: Patient) => number;
  /** Care team ids of each clinician, from the clinic batch that comes first. */
  clinicianTeams: ReadonlyMap<string, ReadonlySet<string>>;
  /** Staff roles seen so far. */
  staffRoles: ReadonlySet<string>;
}

interface HardCase {
  id: string;
  label: string;
  present: (context: CaseContext) => boolean;
}

export const HARD_CASES: readonly HardCase[] = [
  {
    id: 'minor-0-2',
    label: 'a minor aged 0 to 2',
    present: ({ batch, ageOf }) => batch.patients.some((p) => ageOf(p) <= 2),
  },
  {
    id: 'minor-3-11',
    label: 'a minor aged 3 to 11',
    present: ({ batch, ageOf }) => batch.patients.some((p) => ageOf(p) >= 3 && ageOf(p) <= 11),
  },
  {
    id: 'minor-12-17',
    label: 'a minor aged 12 to 17',
    present: ({ batch, ageOf }) => batch.patients.some((p) => ageOf(p) >= 12 && ageOf(p) <= 17),
  },
  {
    id: 'teen-sensitive-visit',
    label: 'a teen with a sensitive visit',
    present: ({ batch, ageOf }) =>
      batch.visits.some((visit) => {
        const patient = batch.patients.find((p) => p.id === visit.patientId);
        return visit.sensitivity !== 'normal' && patient !== undefined && isTeen(ageOf(patient));
      }),
  },
  {
    id: 'split-custody-restricted-parent',
    label: 'split custody with a court-restricted parent',
    present: ({ batch, ageOf }) =>
      batch.patients.some((patient) => {
        if (ageOf(patient) >= 18) return false;
        const grants = parentGrants(batch, patient.id);
        return (
          grants.some(
            (grant) => grant.restrictions && grant.restrictedScopes && grant.approvedByStaffId,
          ) &&
          grants.some((grant) => !grant.restrictions) &&
          parentsLiveApart(batch, grants)
        );
      }),
  },
  {
    id: 'teen-consent-one-parent',
    label: 'a teen with sensitive items, one parent with consent and one without',
    present: ({ batch, ageOf }) =>
      batch.patients.some((patient) => {
        if (!isTeen(ageOf(patient)) || !hasSensitiveItems(batch, patient.id)) return false;
        const consented = new Set(
          batch.proxyConsents
            .filter((consent) => consent.patientId === patient.id && !consent.revokedAt)
            .map((consent) => consent.proxyPersonId),
        );
        const parents = parentGrants(batch, patient.id).map((grant) => grant.proxyPersonId);
        return (
          parents.some((parent) => consented.has(parent)) &&
          parents.some((parent) => !consented.has(parent))
        );
      }),
  },
  {
    id: 'adult-court-appointed-guardian',
    label: 'an adult with a court-appointed guardian',
    present: ({ batch, ageOf }) =>
      activeGrants(batch, 'court-appointed-guardian').some((grant) =>
        patientMatches(batch, grant, (patient) => ageOf(patient) >= 18),
      ),
  },
  {
    id: 'elderly-power-of-attorney',
    label: 'an elderly patient with a health-care power of attorney',
    present: ({ batch, ageOf }) =>
      activeGrants(batch, 'health-care-power-of-attorney').some((grant) =>
        patientMatches(batch, grant, (patient) => ageOf(patient) >= 65),
      ),
  },
  {
    id: 'adult-proxy-expiring',
    label: 'an adult-designated proxy that expires within 30 days',
    present: ({ batch, referenceDay }) =>
      activeGrants(batch, 'adult-designated-proxy').some((grant) => {
        if (!grant.validTo) return false;
        const daysLeft = parseIsoDate(grant.validTo) - referenceDay;
        return daysLeft > 0 && daysLeft <= 30;
      }),
  },
  {
    id: 'adult-proxy-expired',
    label: 'an expired adult-designated proxy',
    present: ({ batch, referenceDate }) =>
      batch.relationships.some(
        (grant) =>
          grant.kind === 'adult-designated-proxy' &&
          grant.status === 'expired' &&
          grant.validTo !== null &&
          grant.validTo !== undefined &&
          grant.validTo <= referenceDate,
      ),
  },
  {
    id: 'adult-proxy-revoked',
    label: 'a revoked adult-designated proxy',
    present: ({ batch }) =>
      batch.relationships.some(
        (grant) => grant.kind === 'adult-designated-proxy' && grant.status === 'revoked',
      ),
  },
  {
    id: 'adult-without-account',
    label: 'an adult patient with an email on file but no portal account',
    present: ({ batch, ageOf }) => {
      const linked = new Set(batch.personPatients.map((link) => link.patientId));
      return batch.patients.some(
        (patient) =>
          ageOf(patient) >= 18 &&
          !linked.has(patient.id) &&
          batch.patientContacts.some((c) => c.patientId === patient.id && c.kind === 'email'),
      );
    },
  },
  {
    id: 'turns-18-in-days',
    label: 'a 17-year-old who turns 18 within 2 to 14 days',
    present: ({ batch, referenceDay, ageOf }) =>
      batch.patients.some((patient) => {
        const daysLeft = daysUntil18(patient, referenceDay);
        return ageOf(patient) === 17 && daysLeft >= 2 && daysLeft <= 14;
      }),
  },
  {
    // The 18th birthday is the day after the reference date (or, when that day is 29 February,
    // the reference date itself). The birthday starts at UTC midnight 5 or 6 hours before it
    // starts in America/Chicago, so code that takes "today" in UTC treats the patient as an
    // adult hours too early.
    id: 'turns-18-across-utc-midnight',
    label: 'a teen whose 18th birthday starts in UTC hours before it starts in Chicago',
    present: ({ batch, referenceDay }) =>
      batch.patients.some((patient) => {
        const daysLeft = daysUntil18(patient, referenceDay);
        return daysLeft === 0 || daysLeft === 1;
      }),
  },
  {
    id: 'leap-day-birth',
    label: 'a birth on 29 February',
    present: ({ batch }) => batch.patients.some((p) => p.birthDate.endsWith('-02-29')),
  },
  {
    id: 'staff-privacy-officer',
    label: 'a privacy officer',
    present: ({ staffRoles }) => staffRoles.has('privacy-officer'),
  },
  {
    id: 'staff-front-desk',
    label: 'a front-desk staff member',
    present: ({ staffRoles }) => staffRoles.has('front-desk'),
  },
  {
    // Break-glass needs a clinician who is not on any of a patient's care teams.
    id: 'clinician-outside-care-team',
    label: "a clinician outside a patient's care teams",
    present: ({ batch, clinicianTeams }) =>
      batch.patients.some((patient) => {
        const teams = new Set(
          batch.patientCareTeams.filter((a) => a.patientId === patient.id).map((a) => a.careTeamId),
        );
        if (teams.size === 0) return false;
        return [...clinicianTeams.values()].some(
          (clinicianTeamIds) => ![...clinicianTeamIds].some((team) => teams.has(team)),
        );
      }),
  },
  {
    id: 'name-accents',
    label: 'a name with accents',
    present: ({ batch }) => batch.patients.some((p) => /\p{M}/u.test(fullName(p).normalize('NFD'))),
  },
  {
    id: 'name-apostrophe',
    label: 'a name with an apostrophe',
    present: ({ batch }) => batch.patients.some((p) => fullName(p).includes("'")),
  },
  {
    id: 'name-hyphen',
    label: 'a hyphenated name',
    present: ({ batch }) => batch.patients.some((p) => fullName(p).includes('-')),
  },
  {
    id: 'name-several-given',
    label: 'several given names',
    present: ({ batch }) => batch.patients.some((p) => p.givenName.trim().split(/\s+/).length >= 3),
  },
  {
    id: 'name-long',
    label: `a name longer than ${LONG_NAME_CHARS} characters`,
    present: ({ batch }) => batch.patients.some((p) => fullName(p).length > LONG_NAME_CHARS),
  },
];

function isTeen(age: number): boolean {
  return age >= 12 && age <= 17;
}

function hasSensitiveItems(batch: SeedRows, patientId: string): boolean {
  const sensitive = (row: { patientId: string; sensitivity?: string }) =>
    row.patientId === patientId && row.sensitivity !== undefined && row.sensitivity !== 'normal';
  return batch.visits.some(sensitive) || batch.problems.some(sensitive);
}

function fullName(patient: Patient): string {
  return `${patient.givenName} ${patient.familyName}`;
}

function daysUntil18(patient: Patient, referenceDay: number): number {
  return parseIsoDate(addYears(patient.birthDate, 18)) - referenceDay;
}

function parentGrants(batch: SeedRows, patientId: string): Relationship[] {
  return batch.relationships.filter(
    (grant) =>
      grant.patientId === patientId &&
      grant.kind === 'parent-of-minor' &&
      grant.status === 'active',
  );
}

function activeGrants(batch: SeedRows, kind: Relationship['kind']): Relationship[] {
  return batch.relationships.filter((grant) => grant.kind === kind && grant.status === 'active');
}

function patientMatches(
  batch: SeedRows,
  grant: Relationship,
  test: (patient: Patient) => boolean,
): boolean {
  const patient = batch.patients.find((p) => p.id === grant.patientId);
  return patient !== undefined && test(patient);
}

// Parents live apart when the patient records linked to their accounts have other addresses.
function parentsLiveApart(batch: SeedRows, grants: Relationship[]): boolean {
  const addresses = new Set<string>();
  for (const grant of grants) {
    const link = batch.personPatients.find((row) => row.personId === grant.proxyPersonId);
    const parent = batch.patients.find((p) => p.id === link?.patientId);
    if (parent) addresses.add(`${parent.addressLine}|${parent.city}|${parent.postalCode}`);
  }
  return addresses.size >= 2;
}
