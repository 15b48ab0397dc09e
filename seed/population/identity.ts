// Identifiers and contact points that are visibly synthetic: reserved MRN prefix, phone numbers
// in the 555-0100 to 555-0199 range reserved for fiction, and email domains reserved by RFC 2606
// and RFC 6761.

import type { Faker } from '@faker-js/faker';
import { addYears, isoDate, parseIsoDate } from '../dates.ts';
import { intBetween } from '../random.ts';

export const MRN_PREFIX = 'SYN-';
export const PATIENT_EMAIL_DOMAINS = ['example.org', 'example.com', 'example.net', 'mail.test'];
export const STAFF_EMAIL_DOMAIN = 'clinic.example.org';

// Area codes of the upper Midwest, where the fictional health system sits. Every area code has
// the 555-01NN block reserved for fiction.
const AREA_CODES = ['608', '414', '920', '715', '262', '651', '612', '563', '319', '815'];

export function medicalRecordNumber(sequence: number): string {
  return `${MRN_PREFIX}${String(sequence).padStart(6, '0')}`;
}

/**
 * Builds a phone number of the form +1-608-555-0142. Numbers repeat only after 1,000 patients,
 * since each area code has 100 fictional numbers.
 */
export function phoneNumber(sequence: number): string {
  const areaCode = AREA_CODES[Math.floor(sequence / 100) % AREA_CODES.length];
  const line = String(sequence % 100).padStart(2, '0');
  return `+1-${areaCode}-555-01${line}`;
}

/** Lower-cases a name and keeps only ASCII letters and digits: "O'Connor-Ramírez" → "oconnorramirez". */
export function emailLocalPart(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/** Builds a unique patient email address; the sequence number keeps namesakes apart. */
export function patientEmail(givenName: string, familyName: string, sequence: number): string {
  const first = emailLocalPart(givenName.split(' ')[0] ?? givenName) || 'patient';
  const last = emailLocalPart(familyName) || 'synthetic';
  const domain = PATIENT_EMAIL_DOMAINS[sequence % PATIENT_EMAIL_DOMAINS.length];
  return `${first}.${last}${sequence}@${domain}`;
}

/**
 * Draws a birth date at which a person is exactly `age` whole years old on the reference date.
 * Newborns are at least a week old, so each has a chart with a birth visit and first vaccine.
 */
export function birthDateForAge(faker: Faker, referenceDate: string, age: number): string {
  const weekAgo = parseIsoDate(referenceDate) - 7;
  const latest = Math.min(parseIsoDate(addYears(referenceDate, -age)), weekAgo);
  const earliest = parseIsoDate(addYears(referenceDate, -(age + 1))) + 1;
  return isoDate(intBetween(faker, earliest, latest));
}

/** Draws a date between two days, both included, as 'YYYY-MM-DD'. */
export function dateBetween(faker: Faker, fromDay: number, toDay: number): string {
  return isoDate(intBetween(faker, fromDay, Math.max(fromDay, toDay)));
}
