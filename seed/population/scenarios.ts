// Households built on purpose at the start of every population, so that even a small population
// contains the hard cases. They include proxies of several kinds, a court-restricted parent and a
// proxy grant about to expire. There is a teen about to come of age and another whose 18th
// birthday begins in UTC hours before it begins at the clinic. There are a leap-day birth and
// names with accents, apostrophes, hyphens and great length. All names are made up. The
// households of adults acting for adults are in adult-proxies.ts.
// seed/cases.ts detects each case in the generated rows.

import { addYears, isLeapYear, isoDate, parseIsoDate } from '../dates.ts';
import { intBetween } from '../random.ts';
import { birthDateForAge } from './identity.ts';
import { ALL_SCOPES, member, parentOfMinor } from './plans.ts';
import {
  adultUnderGuardianship,
  elderlyWithPowerOfAttorney,
  expiringAdultProxy,
  formerProxies,
  notYetEnrolled,
  type Scenario,
} from './adult-proxies.ts';

/** Builds two parents with two minor children; the mother is the summary's parent sign-in example. */
const twoParentFamily: Scenario = ({ faker, referenceDate, nextChildAge }) => {
  const ages = [nextChildAge(), nextChildAge()].sort((a, b) => b - a);
  const mother = member({
    sex: 'female',
    birthDate: birthDateForAge(faker, referenceDate, ages[0]! + intBetween(faker, 24, 30)),
    givenName: 'Siobhán',
    familyName: "O'Connor",
    conditions: ['hypothyroidism'],
  });
  const father = member({
    sex: 'male',
    birthDate: birthDateForAge(faker, referenceDate, ages[0]! + intBetween(faker, 26, 33)),
    givenName: 'Mateo José',
    familyName: 'Ramírez',
    conditions: ['typeTwoDiabetes', 'hypertension', 'hyperlipidemia'],
  });
  const daughter = member({
    sex: 'female',
    birthDate: birthDateForAge(faker, referenceDate, ages[0]!),
    givenName: 'Zoë',
    familyName: "O'Connor-Ramírez",
  });
  const son = member({
    sex: 'male',
    birthDate: birthDateForAge(faker, referenceDate, ages[1]!),
    givenName: 'Éamon Luis',
    familyName: "O'Connor-Ramírez",
  });
  return {
    members: [mother, father, daughter, son],
    relationships: [
      parentOfMinor(0, 2, daughter),
      parentOfMinor(0, 3, son),
      parentOfMinor(1, 2, daughter),
      parentOfMinor(1, 3, son),
    ],
  };
};

/** Builds an adult with no proxies and no children: the summary's plain sign-in example. */
const singleAdult: Scenario = ({ faker, referenceDate }) => {
  const sex = faker.datatype.boolean() ? 'female' : 'male';
  const adult = member({
    sex,
    birthDate: birthDateForAge(faker, referenceDate, intBetween(faker, 28, 52)),
    givenName: faker.person.firstName(sex),
    familyName: faker.person.lastName(),
  });
  return { members: [adult], relationships: [] };
};

/**
 * Builds parents who live apart. A court order bars the father from every scope: the grant
 * stays active and staff-approved, so only the restriction keeps him out.
 */
const splitCustody: Scenario = ({ faker, referenceDate, nextChildAge }) => {
  const ages = [nextChildAge(), nextChildAge()].sort((a, b) => b - a);
  const mother = member({
    sex: 'female',
    birthDate: birthDateForAge(faker, referenceDate, ages[0]! + intBetween(faker, 23, 29)),
    givenName: 'Anne-Marie',
    familyName: 'Lefèvre',
  });
  const father = member({
    sex: 'male',
    birthDate: birthDateForAge(faker, referenceDate, ages[0]! + intBetween(faker, 25, 31)),
    givenName: 'Laurent',
    familyName: 'Dubois',
    livesApart: true,
  });
  const first = member({
    sex: 'female',
    birthDate: birthDateForAge(faker, referenceDate, ages[0]!),
    givenName: 'Chloé',
    familyName: 'Lefèvre-Dubois',
  });
  const second = member({
    sex: 'male',
    birthDate: birthDateForAge(faker, referenceDate, ages[1]!),
    givenName: 'Noé',
    familyName: 'Lefèvre-Dubois',
  });
  const restricted = (patient: number, child: typeof first) => ({
    ...parentOfMinor(1, patient, child),
    restrictions:
      'Court order on file (synthetic): this parent may not see the record, message the care team, book visits or see billing.',
    restrictedScopes: ALL_SCOPES,
  });
  return {
    members: [mother, father, first, second],
    relationships: [
      parentOfMinor(0, 2, first),
      parentOfMinor(0, 3, second),
      restricted(2, first),
      restricted(3, second),
    ],
  };
};

/**
 * Builds a parent with a 17-year-old who turns 18 three days after the reference date, a
 * 19-year-old whose parental access has expired, and a child born on 29 February.
 */
const comingOfAge: Scenario = ({ faker, referenceDate }) => {
  const sex = faker.datatype.boolean() ? 'female' : 'male';
  const familyName = faker.person.lastName();
  const parent = member({
    sex,
    birthDate: birthDateForAge(faker, referenceDate, intBetween(faker, 44, 50)),
    givenName: faker.person.firstName(sex),
    familyName,
  });
  const teen = member({
    sex: 'female',
    birthDate: addYears(isoDate(parseIsoDate(referenceDate) + 3), -18),
    givenName: faker.person.firstName('female'),
    familyName,
    conditions: ['depression'],
    confidentialVisit: true,
  });
  const adultChild = member({
    sex: 'male',
    birthDate: birthDateForAge(faker, referenceDate, 19),
    givenName: faker.person.firstName('male'),
    familyName,
  });
  const leapChild = member({
    sex: 'male',
    birthDate: leapDayBirth(referenceDate),
    givenName: faker.person.firstName('male'),
    familyName,
  });
  return {
    members: [parent, teen, adultChild, leapChild],
    relationships: [
      parentOfMinor(0, 1, teen),
      parentOfMinor(0, 2, adultChild),
      parentOfMinor(0, 3, leapChild),
    ],
  };
};

/** Builds partners with long names made of several given and family names, and a baby. */
const longNames: Scenario = ({ faker, referenceDate }) => {
  const father = member({
    sex: 'male',
    birthDate: birthDateForAge(faker, referenceDate, intBetween(faker, 33, 40)),
    givenName: 'Bartholomew Alexander Montgomery Fitzgerald',
    familyName: 'Vandermeulen-Ashcombe-Thistlewaite',
    preferredName: 'Bart',
  });
  const mother = member({
    sex: 'female',
    birthDate: birthDateForAge(faker, referenceDate, intBetween(faker, 31, 38)),
    givenName: 'María de los Ángeles',
    familyName: 'Fernández de Córdoba y Villaseñor',
    conditions: ['gerd'],
  });
  const baby = member({
    sex: 'female',
    birthDate: birthDateForAge(faker, referenceDate, 0),
    givenName: 'Xóchitl Esperanza',
    familyName: 'Vandermeulen-Ashcombe-Thistlewaite',
  });
  return {
    members: [father, mother, baby],
    relationships: [parentOfMinor(0, 2, baby), parentOfMinor(1, 2, baby)],
  };
};

/**
 * Builds a parent with a 17-year-old who turns 18 the day after the reference date. From 6 pm
 * on the reference date at the clinic (7 pm in daylight time) it is already the birthday in
 * UTC, so this patient shows whether ages and grant ends follow the clinic's calendar. No one turns
 * 18 on a 29 February, so when the day after is one, the teen turns 18 on the reference date
 * itself, whose first 6 hours in UTC are still the day before in Chicago.
 */
const turnsEighteenTomorrow: Scenario = ({ faker, referenceDate }) => {
  const parent = member({
    sex: 'male',
    birthDate: birthDateForAge(faker, referenceDate, intBetween(faker, 42, 52)),
    givenName: 'Tomás',
    familyName: 'Ó Briain',
  });
  const teen = member({
    sex: 'male',
    birthDate: birthDateTurning18On(isoDate(parseIsoDate(referenceDate) + 1), referenceDate),
    givenName: 'Cian',
    familyName: 'Ó Briain',
  });
  return { members: [parent, teen], relationships: [parentOfMinor(0, 1, teen)] };
};

function birthDateTurning18On(birthday: string, fallback: string): string {
  const birthDate = addYears(birthday, -18);
  return addYears(birthDate, 18) === birthday ? birthDate : addYears(fallback, -18);
}

/** Returns the most recent 29 February on which a child would now be 6 to 13 years old. */
function leapDayBirth(referenceDate: string): string {
  const latest = addYears(referenceDate, -6);
  for (let year = Number(latest.slice(0, 4)); ; year -= 1) {
    const candidate = `${year}-02-29`;
    if (isLeapYear(year) && candidate <= latest) return candidate;
  }
}

/**
 * Builds two parents and a 15-year-old with a confidential sexual-health visit and a mental
 * health condition. The teen consented that the mother may see those items. The father has
 * no such consent, so he gets the limited view.
 */
const confidentialTeen: Scenario = ({ faker, referenceDate }) => {
  const teen = member({
    sex: 'female',
    birthDate: birthDateForAge(faker, referenceDate, 15),
    givenName: 'Amélie',
    familyName: 'Bjørnstad-Kowalczyk',
    conditions: ['anxiety'],
    confidentialVisit: true,
  });
  const mother = member({
    sex: 'female',
    birthDate: birthDateForAge(faker, referenceDate, intBetween(faker, 38, 46)),
    givenName: 'Ewa',
    familyName: 'Kowalczyk',
  });
  const father = member({
    sex: 'male',
    birthDate: birthDateForAge(faker, referenceDate, intBetween(faker, 40, 48)),
    givenName: 'Henrik',
    familyName: 'Bjørnstad',
  });
  return {
    members: [mother, father, teen],
    relationships: [
      { ...parentOfMinor(0, 2, teen), sensitiveConsent: true },
      parentOfMinor(1, 2, teen),
    ],
  };
};

/** The scenario households, in the order the population starts with them. */
export const SCENARIOS: readonly Scenario[] = [
  twoParentFamily,
  singleAdult,
  splitCustody,
  elderlyWithPowerOfAttorney,
  adultUnderGuardianship,
  comingOfAge,
  longNames,
  expiringAdultProxy,
  turnsEighteenTomorrow,
  confidentialTeen,
  formerProxies,
  notYetEnrolled,
];
