// Clinical and safety rules checked over a 10,000-patient population, generated in memory and
// never written to D1. Each rule collects the rows that break it, so a failure names them.
import { beforeAll, describe, expect, it } from 'vitest';
import { CHILDHOOD_SERIES, INFLUENZA_MIN_AGE_MONTHS } from '../../seed/clinical/immunizations.ts';
import { VITAL_SIGNS } from '../../seed/clinical/vitals.ts';
import { addMonths, ageOn, clinicInstantMs, parseIsoDate } from '../../seed/dates.ts';
import { generatePopulation, type SeedRows } from '../../seed/index.ts';

const REFERENCE_DATE = '2026-11-03';
const OPTIONS = { seed: 3, referenceDate: REFERENCE_DATE, patients: 10_000 };
const REFERENCE_DAY = parseIsoDate(REFERENCE_DATE);
// Midnight at the clinic at the start of the reference date: every past event is before it.
const REFERENCE_MS = clinicInstantMs(REFERENCE_DAY, 0);
const MAX_REPORTED = 10;

const PSA_LOINC = '2857-1';
const PREGNANCY_TEST_LOINC = '2106-3';
const RESERVED_EMAIL = /@((.+\.)?example\.(org|com|net)|(.+\.)?[a-z0-9-]+\.test)$/;
const FICTIONAL_PHONE = /^\+1-\d{3}-555-01\d\d$/;
// Childbearing ages in which a positive pregnancy test is plausible.
const PREGNANCY_AGES = [12, 50];

// Bounds no living patient's result falls outside, wider than any reference range.
// prettier-ignore
const PHYSIOLOGIC_BOUNDS: Record<string, [number, number]> = {
  '2345-7': [20, 800], '3094-0': [1, 150], '2160-0': [0.1, 15], '98979-8': [2, 200],
  '2951-2': [110, 170], '2823-3': [2, 8], '2075-0': [70, 130], '2028-9': [5, 45],
  '17861-6': [5, 15], '2885-2': [3, 12], '1751-7': [1, 6.5], '1975-2': [0, 30],
  '6768-6': [10, 2000], '1742-6': [1, 5000], '1920-8': [1, 5000], '6690-2': [0.5, 100],
  '789-8': [1, 8], '718-7': [3, 25], '4544-3': [10, 70], '787-2': [50, 130],
  '777-3': [5, 2000], '2093-3': [50, 600], '2571-8': [20, 2000], '2085-9': [10, 150],
  '13457-7': [10, 400], '4548-4': [3, 20], '3016-3': [0.005, 100], '3024-7': [0.1, 8],
  '9318-7': [0, 5000], '2857-1': [0, 1000], '5671-3': [0, 100], '44261-6': [0, 27],
  '70274-6': [0, 21],
};

const UCUM_UNITS = new Set([
  'mg/dL',
  'mL/min/{1.73_m2}',
  'mmol/L',
  'g/dL',
  'U/L',
  '10*3/uL',
  '10*6/uL',
  '%',
  'fL',
  'm[IU]/L',
  'ng/dL',
  'mg/g',
  'ng/mL',
  'ug/dL',
  '{score}',
  'mm[Hg]',
  '/min',
  'kg',
  'cm',
  'kg/m2',
]);

/** The first recommended age of each childhood dose, in months, by CVX code and dose number. */
const CHILD_DOSE_MONTHS = new Map<string, readonly number[]>(
  CHILDHOOD_SERIES.flatMap((series) =>
    series.products.map((product) => [product.cvx, series.doseAgesMonths] as const),
  ),
);
const FLU_CVX = new Set(['140', '150']);
// Youngest age for adult vaccines, in years: Tdap booster 19, shingles 50, PCV20 65.
const ADULT_MIN_AGE: Record<string, number> = { '115': 19, '187': 50, '216': 65 };

/** Checks a LOINC code's form and its mod-10 (Luhn) check digit. */
function validLoinc(code: string): boolean {
  const match = /^(\d{1,5})-(\d)$/.exec(code);
  if (!match) return false;
  const digits = match[1]!.split('').map(Number).reverse();
  const sum = digits.reduce((total, digit, index) => {
    if (index % 2 === 1) return total + digit;
    const doubled = digit * 2;
    return total + (doubled > 9 ? doubled - 9 : doubled);
  }, 0);
  return (10 - (sum % 10)) % 10 === Number(match[2]);
}

type Patient = SeedRows['patients'][number];

class Violations {
  readonly byRule = new Map<string, string[]>();

  add(rule: string, detail: string): void {
    const list = this.byRule.get(rule) ?? [];
    if (list.length < MAX_REPORTED) list.push(detail);
    this.byRule.set(rule, list);
  }

  of(rule: string): string[] {
    return this.byRule.get(rule) ?? [];
  }
}

const violations = new Violations();
const counts = {
  patients: 0,
  results: 0,
  abnormalText: 0,
  vitals: 0,
  immunizations: 0,
  appointments: 0,
};

function checkBatch(batch: SeedRows): void {
  const patients = new Map(batch.patients.map((patient) => [patient.id, patient]));
  const ageAt = (patient: Patient, instant: string) =>
    ageOn(patient.birthDate, instant.slice(0, 10));
  counts.patients += batch.patients.length;

  for (const patient of batch.patients) {
    if (!patient.mrn.startsWith('SYN-')) violations.add('mrn', patient.mrn);
    if (patient.synthetic !== true) violations.add('synthetic', patient.id);
    if (patient.birthDate > REFERENCE_DATE) violations.add('dates', `birth ${patient.birthDate}`);
    pastInstant('patients.createdAt', patient.createdAt);
  }
  for (const contact of batch.patientContacts) {
    if (contact.kind === 'phone' && !FICTIONAL_PHONE.test(contact.value)) {
      violations.add('phone', contact.value);
    }
    if (contact.kind === 'email' && !RESERVED_EMAIL.test(contact.value)) {
      violations.add('email', contact.value);
    }
  }
  for (const person of batch.people) {
    if (!RESERVED_EMAIL.test(person.email)) violations.add('email', person.email);
    pastInstant('people.createdAt', person.createdAt);
  }

  for (const result of batch.results) {
    counts.results += 1;
    const patient = patients.get(result.patientId)!;
    const detail = `${result.loincCode} ${result.valueNumeric ?? result.valueText} ${patient.sexAtBirth}`;
    if (!validLoinc(result.loincCode)) violations.add('loinc', result.loincCode);
    if (result.valueNumeric != null) {
      if (!result.unit || !UCUM_UNITS.has(result.unit)) violations.add('ucum', detail);
      const bounds = PHYSIOLOGIC_BOUNDS[result.loincCode];
      if (!bounds) violations.add('bounds', `no bounds for ${result.loincCode}`);
      else if (result.valueNumeric < bounds[0] || result.valueNumeric > bounds[1]) {
        violations.add('bounds', detail);
      }
    } else if (!result.valueText) {
      violations.add('ucum', `${detail}: neither a value nor a text`);
    } else if (result.flag === 'abnormal') {
      counts.abnormalText += 1;
    }
    if (result.loincCode === PSA_LOINC && patient.sexAtBirth === 'female') {
      violations.add('psa-female', detail);
    }
    if (result.loincCode === PREGNANCY_TEST_LOINC) {
      if (patient.sexAtBirth === 'male') violations.add('pregnancy-male', detail);
      const age = ageAt(patient, result.observedAt);
      const [youngest, oldest] = PREGNANCY_AGES as [number, number];
      if (result.valueText === 'Positive' && (age < youngest || age > oldest)) {
        violations.add('pregnancy-age', `${detail} at age ${age}`);
      }
    }
    pastInstant('results.observedAt', result.observedAt);
    pastInstant('results.releasedAt', result.releasedAt);
    if (result.viewedAt) pastInstant('results.viewedAt', result.viewedAt);
  }

  for (const vital of batch.vitals) {
    counts.vitals += 1;
    const sign = Object.values(VITAL_SIGNS).find((s) => s.loinc === vital.loincCode);
    if (!validLoinc(vital.loincCode) || !sign) violations.add('loinc', vital.loincCode);
    else if (vital.value < sign.physiologic[0] || vital.value > sign.physiologic[1]) {
      violations.add('vital-bounds', `${vital.loincCode} ${vital.value}`);
    }
    if (!UCUM_UNITS.has(vital.unit)) violations.add('ucum', vital.unit);
    pastInstant('vitals.takenAt', vital.takenAt);
  }

  for (const immunization of batch.immunizations) {
    counts.immunizations += 1;
    checkImmunization(patients.get(immunization.patientId)!, immunization);
  }

  for (const visit of batch.visits) pastInstant('visits.startedAt', visit.startedAt);
  for (const message of batch.messages) pastInstant('messages.sentAt', message.sentAt);
  for (const problem of batch.problems) pastDate('problems.onsetOn', problem.onsetOn);
  for (const allergy of batch.allergies) pastDate('allergies.recordedOn', allergy.recordedOn);
  for (const medication of batch.medications)
    pastDate('medications.startedOn', medication.startedOn);
  for (const statement of batch.statements) pastDate('statements.issuedOn', statement.issuedOn);
  for (const consent of batch.proxyConsents)
    pastInstant('proxyConsents.grantedAt', consent.grantedAt);
  for (const appointment of batch.appointments) {
    counts.appointments += 1;
    const future = Date.parse(appointment.startsAt) > REFERENCE_MS;
    if (future !== (appointment.status === 'booked')) {
      violations.add('appointments', `${appointment.status} at ${appointment.startsAt}`);
    }
  }
}

function pastInstant(column: string, instant: string): void {
  if (Date.parse(instant) >= REFERENCE_MS) violations.add('dates', `${column} ${instant}`);
}

function pastDate(column: string, date: string): void {
  if (date > REFERENCE_DATE) violations.add('dates', `${column} ${date}`);
}

// A dose is never given before its recommended age on the CDC schedule, nor before birth.
function checkImmunization(patient: Patient, row: SeedRows['immunizations'][number]): void {
  const birthDay = parseIsoDate(patient.birthDate);
  const givenDay = parseIsoDate(row.givenOn);
  const detail = `CVX ${row.cvxCode} dose ${row.doseNumber} on ${row.givenOn}, born ${patient.birthDate}`;
  if (givenDay < birthDay || givenDay >= REFERENCE_DAY) violations.add('vaccine-dates', detail);

  const childAge = ageOn(patient.birthDate, REFERENCE_DATE) < 18;
  const doseMonths = CHILD_DOSE_MONTHS.get(row.cvxCode)?.[row.doseNumber - 1];
  if (FLU_CVX.has(row.cvxCode)) {
    if (givenDay < addMonths(birthDay, INFLUENZA_MIN_AGE_MONTHS)) {
      violations.add('vaccine-schedule', detail);
    }
  } else if (childAge) {
    if (doseMonths === undefined || givenDay < addMonths(birthDay, doseMonths)) {
      violations.add('vaccine-schedule', detail);
    }
  } else {
    const minimum = ADULT_MIN_AGE[row.cvxCode];
    if (minimum === undefined || ageOn(patient.birthDate, row.givenOn) < minimum) {
      violations.add('vaccine-schedule', detail);
    }
  }
}

beforeAll(() => {
  for (const batch of generatePopulation(OPTIONS)) checkBatch(batch);
}, 300_000);

describe('10,000 synthetic patients', () => {
  it('generates them all', () => {
    expect(counts.patients).toBe(OPTIONS.patients);
    expect(counts.results).toBeGreaterThan(100_000);
    expect(counts.vitals).toBeGreaterThan(100_000);
    expect(counts.immunizations).toBeGreaterThan(10_000);
    // Positive sexual health and pregnancy tests: text results flagged abnormal.
    expect(counts.abnormalText).toBeGreaterThan(0);
  });

  it('no PSA for female patients', () => expect(violations.of('psa-female')).toEqual([]));
  it('no pregnancy tests for male patients', () =>
    expect(violations.of('pregnancy-male')).toEqual([]));
  it('positive pregnancy tests at plausible ages', () =>
    expect(violations.of('pregnancy-age')).toEqual([]));
  it('vaccines only between birth and today', () =>
    expect(violations.of('vaccine-dates')).toEqual([]));
  it('vaccines not before their scheduled age', () =>
    expect(violations.of('vaccine-schedule')).toEqual([]));
  it('lab values within physiologic bounds', () => expect(violations.of('bounds')).toEqual([]));
  it('vitals within physiologic bounds', () => expect(violations.of('vital-bounds')).toEqual([]));
  it('valid LOINC codes with check digits', () => expect(violations.of('loinc')).toEqual([]));
  // Qualitative results (a text answer such as "Not detected") have no unit.
  it('UCUM units on quantitative results', () => expect(violations.of('ucum')).toEqual([]));
  it('nothing dated after the reference date', () => expect(violations.of('dates')).toEqual([]));
  it('only booked appointments in the future', () =>
    expect(violations.of('appointments')).toEqual([]));
  it('phones in 555-0100 to 555-0199', () => expect(violations.of('phone')).toEqual([]));
  it('emails on reserved domains', () => expect(violations.of('email')).toEqual([]));
  it('MRNs carry the synthetic prefix', () => expect(violations.of('mrn')).toEqual([]));
  it('every patient flagged synthetic', () => expect(violations.of('synthetic')).toEqual([]));
});
