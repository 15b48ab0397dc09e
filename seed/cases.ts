// Detection of the hard cases every population of at least MIN_PATIENTS_FOR_HARD_CASES patients
// must contain. Detection reads only generated rows, so it checks what was written, not what the
// scenarios meant to write. A household's proxies and patients come in the same row batch, so
// each batch can be checked on its own while the population streams past.

import { addYears, ageOn, parseIsoDate } from './dates.ts';
import type { SeedRows } from './rows.ts';

/**
 * Populations this large or larger contain every hard case, since the scenario households take
 * the first 24 patients.
 */
export const MIN_PATIENTS_FOR_HARD_CASES = 50;

/** Longer names than this, given and family names together, count as great length. */
const LONG_NAME_CHARS = 40;

type Patient = SeedRows['patients'][number];
type Relationship = SeedRows['relationships'][number];

interface CaseContext {
  batch: SeedRows;
  referenceDate: string;
  referenceDay: number;
  ageOf: (patient: Patient) => number;
}

interface HardCase {
  id: string;
  label: string;
  present: (context: CaseContext) => boolean;
}

const HARD_CASES: readonly HardCase[] = [
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
          grants.some((grant) => grant.restrictions) &&
          grants.some((grant) => !grant.restrictions) &&
          parentsLiveApart(batch, grants)
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

/** Ids of every hard case, in the order the summary lists them. */
export const HARD_CASE_IDS: readonly string[] = HARD_CASES.map((hardCase) => hardCase.id);

/** One line of the summary: a hard case and whether the population has it. */
export interface HardCaseStatus {
  id: string;
  label: string;
  present: boolean;
}

/**
 * Records which hard cases appear in row batches as they stream past.
 *
 * @example
 * const detector = new HardCaseDetector('2026-11-03');
 * for (const batch of generatePopulation(options)) detector.add(batch);
 * detector.missing(); // [] for a population of 50 patients or more
 */
export class HardCaseDetector {
  private readonly referenceDate: string;
  private readonly referenceDay: number;
  private readonly found = new Set<string>();

  constructor(referenceDate: string) {
    this.referenceDate = referenceDate;
    this.referenceDay = parseIsoDate(referenceDate);
  }

  add(batch: SeedRows): void {
    if (this.found.size === HARD_CASES.length || batch.patients.length === 0) return;
    const ages = new Map(batch.patients.map((p) => [p.id, ageOn(p.birthDate, this.referenceDate)]));
    const context: CaseContext = {
      batch,
      referenceDate: this.referenceDate,
      referenceDay: this.referenceDay,
      ageOf: (patient) => ages.get(patient.id)!,
    };
    for (const hardCase of HARD_CASES) {
      if (!this.found.has(hardCase.id) && hardCase.present(context)) this.found.add(hardCase.id);
    }
  }

  statuses(): HardCaseStatus[] {
    return HARD_CASES.map(({ id, label }) => ({ id, label, present: this.found.has(id) }));
  }

  missing(): string[] {
    return HARD_CASE_IDS.filter((id) => !this.found.has(id));
  }
}

function isTeen(age: number): boolean {
  return age >= 12 && age <= 17;
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
