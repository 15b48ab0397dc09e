import type { Faker } from '@faker-js/faker';
import type { ConditionId } from '../clinical/conditions.ts';
import { addYears } from '../dates.ts';
import { chance, intBetween } from '../random.ts';
import { birthDateForAge } from './identity.ts';

export type Sex = 'female' | 'male';
export type RelationshipKind =
  | 'parent-of-minor'
  | 'court-appointed-guardian'
  | 'health-care-power-of-attorney'
  | 'adult-designated-proxy';

export const ALL_SCOPES = 'record,messaging,scheduling,billing';

/** One person of a household, before any row exists. */
export interface MemberPlan {
  sex: Sex;
  birthDate: string;
  givenName: string;
  familyName: string;
  preferredName: string | null;
  /** Conditions the person has in addition to the ones drawn by prevalence. */
  conditions: ConditionId[];
  /** A teen who had a confidential sexual-health visit. */
  confidentialVisit: boolean;
  /** Lives at another address than the rest of the household. */
  livesApart: boolean;
  /**
   * Has a record but no portal account yet (no people row), so the clinic can hand out an
   * activation code. Only for adults: children under 13 never have an account anyway.
   */
  noAccount: boolean;
}

/** A proxy grant between two members, by their index in the member list. */
export interface RelationshipPlan {
  proxy: number;
  patient: number;
  kind: RelationshipKind;
  scopes: string;
  validFrom: string;
  validTo: string | null;
  legalBasis: string;
  restrictions: string | null;
  /** Comma-separated scopes a court order removes; null when none. */
  restrictedScopes: string | null;
  /** A staff member checked the legal documents: every kind but an adult's own designation. */
  approvedByStaff: boolean;
  /** Set for a grant the patient revoked; otherwise the status follows validTo. */
  revoked: boolean;
  /** The teen patient consented that this parent may see sensitive categories. */
  sensitiveConsent: boolean;
}

export interface HouseholdPlan {
  members: MemberPlan[];
  relationships: RelationshipPlan[];
}

/** Facts a household planner needs from the population it belongs to. */
export interface PlanContext {
  faker: Faker;
  referenceDate: string;
  /** Returns the age of the next child in the population, cycling through 0 to 17. */
  nextChildAge: () => number;
}

export function member(
  fields: Partial<MemberPlan> & Pick<MemberPlan, 'sex' | 'birthDate' | 'givenName' | 'familyName'>,
): MemberPlan {
  return {
    preferredName: null,
    conditions: [],
    confidentialVisit: false,
    livesApart: false,
    noAccount: false,
    ...fields,
  };
}

/** Builds a parent's grant for a minor's chart: from birth to the 18th birthday, all scopes. */
export function parentOfMinor(proxy: number, patient: number, child: MemberPlan): RelationshipPlan {
  return {
    proxy,
    patient,
    kind: 'parent-of-minor',
    scopes: ALL_SCOPES,
    validFrom: child.birthDate,
    validTo: addYears(child.birthDate, 18),
    legalBasis: 'Birth certificate on file (synthetic)',
    ...NO_CONDITIONS,
    approvedByStaff: true,
  };
}

/** The fields of a grant without a court order, revocation or consent. */
export const NO_CONDITIONS = {
  restrictions: null,
  restrictedScopes: null,
  revoked: false,
  sensitiveConsent: false,
} as const;

// Share of single adults who have a record but have not enrolled in the portal.
const NOT_ENROLLED_SHARE = 0.04;

type HouseholdKind = 'single' | 'couple' | 'twoParents' | 'oneParent' | 'elderly';

const HOUSEHOLD_WEIGHTS: { weight: number; value: HouseholdKind }[] = [
  { weight: 26, value: 'single' },
  { weight: 20, value: 'couple' },
  { weight: 24, value: 'twoParents' },
  { weight: 10, value: 'oneParent' },
  { weight: 20, value: 'elderly' },
];

/** Draws an ordinary household: adults first, then children, with parent grants. */
export function randomHousehold(context: PlanContext): HouseholdPlan {
  const { faker } = context;
  const kind = faker.helpers.weightedArrayElement(HOUSEHOLD_WEIGHTS);

  if (kind === 'single') {
    const adult = randomAdult(context, intBetween(faker, 19, 64));
    adult.noAccount = chance(faker, NOT_ENROLLED_SHARE);
    return { members: [adult], relationships: [] };
  }
  if (kind === 'couple' || kind === 'elderly') {
    const age = kind === 'elderly' ? intBetween(faker, 65, 94) : intBetween(faker, 22, 79);
    const first = randomAdult(context, age);
    if (kind === 'elderly' && chance(faker, 0.55)) return { members: [first], relationships: [] };
    const partner = randomPartner(context, first, age);
    return { members: [first, partner], relationships: [] };
  }
  return randomFamily(context, kind === 'twoParents' ? 2 : 1);
}

function randomFamily(context: PlanContext, parentCount: number): HouseholdPlan {
  const { faker, referenceDate } = context;
  const childCount = faker.helpers.weightedArrayElement([
    { weight: 4, value: 1 },
    { weight: 4, value: 2 },
    { weight: 2, value: 3 },
  ]);
  const childAges = Array.from({ length: childCount }, () => context.nextChildAge()).sort(
    (a, b) => b - a,
  );
  const oldest = childAges[0]!;
  const gap = oldest - childAges.at(-1)!;

  // The first parent was 19 to 38 at the oldest child's birth and at most 45 at the youngest's.
  const ageAtOldestBirth = intBetween(faker, 19, Math.max(19, Math.min(38, 45 - gap)));
  const firstParent = randomAdult(
    context,
    oldest + ageAtOldestBirth,
    parentCount === 1 && chance(faker, 0.78) ? 'female' : undefined,
  );
  const parents = [firstParent];
  if (parentCount === 2) {
    parents.push(
      randomPartner(context, firstParent, oldest + ageAtOldestBirth + intBetween(faker, -3, 6)),
    );
  }

  const hyphenate =
    parents.length === 2 && parents[0]!.familyName !== parents[1]!.familyName && chance(faker, 0.4);
  const familyName = hyphenate
    ? `${parents[0]!.familyName}-${parents[1]!.familyName}`
    : parents[0]!.familyName;
  const children = childAges.map((age) => {
    const sex: Sex = chance(faker, 0.5) ? 'female' : 'male';
    const child = member({
      sex,
      birthDate: birthDateForAge(faker, referenceDate, age),
      givenName: faker.person.firstName(sex),
      familyName,
    });
    child.confidentialVisit = age >= 14 && chance(faker, 0.3);
    return child;
  });

  const members = [...parents, ...children];
  const relationships: RelationshipPlan[] = [];
  children.forEach((child, childIndex) => {
    parents.forEach((_, parentIndex) =>
      relationships.push(parentOfMinor(parentIndex, parents.length + childIndex, child)),
    );
  });
  return { members, relationships };
}

function randomAdult(context: PlanContext, age: number, sex?: Sex): MemberPlan {
  const { faker, referenceDate } = context;
  const chosenSex: Sex = sex ?? (chance(faker, 0.5) ? 'female' : 'male');
  const firstName = faker.person.firstName(chosenSex);
  const middleName = chance(faker, 0.12) ? faker.person.firstName(chosenSex) : null;
  const preferredName = middleName && chance(faker, 0.3) ? middleName : null;
  return member({
    sex: chosenSex,
    birthDate: birthDateForAge(faker, referenceDate, age),
    givenName: middleName ? `${firstName} ${middleName}` : firstName,
    familyName: faker.person.lastName(),
    preferredName,
  });
}

function randomPartner(context: PlanContext, first: MemberPlan, age: number): MemberPlan {
  const { faker } = context;
  const opposite: Sex = first.sex === 'female' ? 'male' : 'female';
  const partner = randomAdult(
    context,
    Math.max(19, age),
    chance(faker, 0.93) ? opposite : first.sex,
  );
  if (chance(faker, 0.65)) partner.familyName = first.familyName;
  return partner;
}
