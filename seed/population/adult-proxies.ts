// Households in which adults act for other adults, built on purpose at the start of every
// population: a health-care power of attorney, a court-appointed guardian, adult-designated
// proxies that are about to expire, expired or revoked, and adults not yet enrolled in the
// portal. All names are made up. seed/cases.ts detects each case in the generated rows.

import { addYears, isoDate, parseIsoDate } from '../dates.ts';
import { intBetween } from '../random.ts';
import { birthDateForAge } from './identity.ts';
import {
  ALL_SCOPES,
  NO_CONDITIONS,
  member,
  type HouseholdPlan,
  type PlanContext,
} from './plans.ts';

export type Scenario = (context: PlanContext) => HouseholdPlan;

/** Builds an elderly patient whose son has power of attorney for her health care. */
export const elderlyWithPowerOfAttorney: Scenario = ({ faker, referenceDate }) => {
  const motherAge = intBetween(faker, 84, 91);
  const mother = member({
    sex: 'female',
    birthDate: birthDateForAge(faker, referenceDate, motherAge),
    givenName: 'Thị Mai',
    familyName: 'Nguyễn',
    conditions: ['hypertension', 'chronicKidneyDisease', 'hyperlipidemia'],
  });
  const son = member({
    sex: 'male',
    birthDate: birthDateForAge(faker, referenceDate, motherAge - intBetween(faker, 26, 32)),
    givenName: 'Minh Quân',
    familyName: 'Nguyễn',
    livesApart: true,
  });
  const signed = isoDate(parseIsoDate(referenceDate) - intBetween(faker, 200, 1500));
  return {
    members: [mother, son],
    relationships: [
      {
        proxy: 1,
        patient: 0,
        kind: 'health-care-power-of-attorney',
        scopes: ALL_SCOPES,
        validFrom: signed,
        validTo: null,
        legalBasis: 'Durable power of attorney for health care on file (synthetic)',
        ...NO_CONDITIONS,
        approvedByStaff: true,
      },
    ],
  };
};

/** Builds a young adult whose mother is his court-appointed guardian. */
export const adultUnderGuardianship: Scenario = ({ faker, referenceDate }) => {
  const wardAge = intBetween(faker, 22, 30);
  const ward = member({
    sex: 'male',
    birthDate: birthDateForAge(faker, referenceDate, wardAge),
    givenName: "D'Andre",
    familyName: 'Okafor-Williams',
    conditions: ['asthma', 'anxiety'],
  });
  const mother = member({
    sex: 'female',
    birthDate: birthDateForAge(faker, referenceDate, wardAge + intBetween(faker, 24, 31)),
    givenName: 'Grace Adaeze',
    familyName: 'Okafor-Williams',
  });
  const appointed = isoDate(parseIsoDate(addYears(ward.birthDate, 18)) + intBetween(faker, 0, 120));
  return {
    members: [ward, mother],
    relationships: [
      {
        proxy: 1,
        patient: 0,
        kind: 'court-appointed-guardian',
        scopes: ALL_SCOPES,
        validFrom: appointed,
        validTo: null,
        legalBasis: 'Letters of guardianship from the county probate court on file (synthetic)',
        ...NO_CONDITIONS,
        approvedByStaff: true,
      },
    ],
  };
};

/**
 * Builds an adult patient who named a friend as her proxy for a year. The grant ends 12 days
 * after the reference date, so the portal has a grant to warn about.
 */
export const expiringAdultProxy: Scenario = ({ faker, referenceDate }) => {
  const patient = member({
    sex: 'female',
    birthDate: birthDateForAge(faker, referenceDate, intBetween(faker, 55, 63)),
    givenName: 'Ingrid Sólveig',
    familyName: 'Haraldsdóttir',
    conditions: ['hypertension'],
  });
  const friend = member({
    sex: 'female',
    birthDate: birthDateForAge(faker, referenceDate, intBetween(faker, 50, 60)),
    givenName: 'Renée',
    familyName: "D'Souza",
    livesApart: true,
  });
  const validTo = isoDate(parseIsoDate(referenceDate) + 12);
  return {
    members: [patient, friend],
    relationships: [
      {
        proxy: 1,
        patient: 0,
        kind: 'adult-designated-proxy',
        scopes: 'record,messaging,scheduling',
        validFrom: addYears(validTo, -1),
        validTo,
        legalBasis: 'Proxy access form signed by the patient (synthetic)',
        ...NO_CONDITIONS,
        approvedByStaff: false,
      },
    ],
  };
};

/**
 * Builds an adult patient with two former proxies: a friend whose one-year grant expired
 * 40 days before the reference date, and a brother whose grant she revoked.
 */
export const formerProxies: Scenario = ({ faker, referenceDate }) => {
  const referenceDay = parseIsoDate(referenceDate);
  const patient = member({
    sex: 'female',
    birthDate: birthDateForAge(faker, referenceDate, intBetween(faker, 45, 60)),
    givenName: 'Nomvula',
    familyName: 'Dlamini-Adeyemi',
    conditions: ['asthma'],
  });
  const friend = member({
    sex: 'female',
    birthDate: birthDateForAge(faker, referenceDate, intBetween(faker, 40, 60)),
    givenName: 'Hélène',
    familyName: 'Marchetti',
    livesApart: true,
  });
  const brother = member({
    sex: 'male',
    birthDate: birthDateForAge(faker, referenceDate, intBetween(faker, 40, 60)),
    givenName: 'Sipho',
    familyName: 'Dlamini',
    livesApart: true,
  });
  const expiredOn = isoDate(referenceDay - 40);
  const designated = {
    kind: 'adult-designated-proxy' as const,
    scopes: 'record,messaging,scheduling',
    legalBasis: 'Proxy access form signed by the patient (synthetic)',
    ...NO_CONDITIONS,
    approvedByStaff: false,
  };
  return {
    members: [patient, friend, brother],
    relationships: [
      {
        ...designated,
        proxy: 1,
        patient: 0,
        validFrom: addYears(expiredOn, -1),
        validTo: expiredOn,
      },
      {
        ...designated,
        proxy: 2,
        patient: 0,
        validFrom: isoDate(referenceDay - 200),
        validTo: isoDate(referenceDay + 340),
        revoked: true,
      },
    ],
  };
};

/**
 * Builds three adults who have records but no portal account yet, so staff can issue an
 * activation code and enrollment can be tried. Each has an email address and a phone on file.
 */
export const notYetEnrolled: Scenario = ({ faker, referenceDate }) => {
  const adult = (givenName: string, familyName: string, sex: 'female' | 'male', age: number) =>
    member({
      sex,
      birthDate: birthDateForAge(faker, referenceDate, age),
      givenName,
      familyName,
      livesApart: true,
      noAccount: true,
    });
  return {
    members: [
      adult('Joaquín', 'Peña', 'male', intBetween(faker, 30, 45)),
      adult('Aoife', 'Ní Bhraonáin', 'female', intBetween(faker, 50, 70)),
      adult('Kwame', 'Mensah', 'male', intBetween(faker, 70, 80)),
    ],
    relationships: [],
  };
};
