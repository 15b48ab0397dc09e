import type { Faker } from '@faker-js/faker';
import type { NumberRange } from '../clinical/labs.ts';
import {
  ADULT_BLOOD_PRESSURE,
  ADULT_BMI,
  ADULT_HEIGHT_CM,
  CHILD_BLOOD_PRESSURE,
  GROWTH_SPREAD,
  HEAD_CIRCUMFERENCE_UNTIL_MONTHS,
  HEART_RATE,
  VITAL_SIGNS,
  growthMedianAt,
  type VitalSignId,
} from '../clinical/vitals.ts';
import { MINUTE_MS, ageOn, clinicInstantMs, isoDate, isoInstant } from '../dates.ts';
import { floatBetween, intBetween, newId } from '../random.ts';
import type { ChartContext, ChartPatient, PlannedVisit } from './types.ts';

const DAYS_PER_MONTH = 30.4375;

// Patients younger than this on the reference date follow their growth curve into adulthood,
// so a 19-year-old's height does not jump between a visit at 17 and one at 18.
const GROWTH_CURVE_UNTIL_AGE = 21;

// Vitals are taken in the room, so video visits and lab-only visits have none.
const MEASURED_KINDS = new Set<PlannedVisit['kind']>(['office', 'annual', 'urgent', 'well-child']);

/** The body a patient keeps across visits: drawn once, so weights and heights trend smoothly. */
interface Build {
  obese: boolean;
  /** Height percentile as a z-score, for patients on a growth curve. */
  heightZ: number;
  /** Weight percentile as a z-score: above the 97th percentile with obesity. */
  weightZ: number;
  adultHeightCm: number;
  adultBmi: number;
}

/**
 * Adds the vital signs taken at each in-person visit. Everyone gets heart rate and weight, and
 * blood pressure from age 3, matching how well hypertension is controlled. Adults get BMI, and
 * height at yearly physicals. Children get length or height at well-child visits, and head
 * circumference there until age 3.
 */
export function addVitals(context: ChartContext, patient: ChartPatient, visits: PlannedVisit[]) {
  const { faker } = context;
  const build = drawBuild(faker, patient);

  for (const visit of visits) {
    if (!MEASURED_KINDS.has(visit.kind)) continue;
    const takenMs =
      clinicInstantMs(visit.day, visit.minutes) + intBetween(faker, 3, 12) * MINUTE_MS;
    const values = measure(faker, patient, build, visit);
    for (const [id, value] of values) {
      const sign = VITAL_SIGNS[id];
      context.rows.vitals.push({
        id: newId(faker),
        patientId: patient.id,
        visitId: visit.id,
        loincCode: sign.loinc,
        name: sign.name,
        value: round(value, sign.decimals),
        unit: sign.unit,
        takenAt: isoInstant(takenMs),
      });
    }
  }
}

function drawBuild(faker: Faker, patient: ChartPatient): Build {
  const obese = patient.conditions.some((c) => c.id === 'obesity');
  const [bmiLow, bmiHigh] = obese ? ADULT_BMI.obese : ADULT_BMI.lean;
  // Within about the 3rd to 97th percentile; weight follows height loosely.
  const heightZ = floatBetween(faker, -1.8, 1.8, 2);
  return {
    obese,
    heightZ,
    weightZ: obese
      ? floatBetween(faker, 2, 3, 2)
      : Math.max(-1.9, Math.min(1.9, heightZ + floatBetween(faker, -0.5, 0.5, 2))),
    adultHeightCm: floatBetween(faker, ...ADULT_HEIGHT_CM[patient.sex], 1),
    adultBmi: floatBetween(faker, bmiLow, bmiHigh, 1),
  };
}

function measure(
  faker: Faker,
  patient: ChartPatient,
  build: Build,
  visit: PlannedVisit,
): [VitalSignId, number][] {
  const age = ageOn(patient.birthDate, isoDate(visit.day));
  const values: [VitalSignId, number][] = [];

  const bloodPressure = bloodPressureRanges(patient, visit, age);
  if (bloodPressure) {
    const systolic = intBetween(faker, ...bloodPressure.systolic);
    // Keep a pulse pressure of at least 25 mm[Hg], as in a real reading.
    const diastolic = Math.min(intBetween(faker, ...bloodPressure.diastolic), systolic - 25);
    values.push(['systolic', systolic], ['diastolic', diastolic]);
  }
  const heartRate = HEART_RATE.find(({ ages }) => age >= ages[0] && age <= ages[1])!;
  values.push(['heartRate', intBetween(faker, ...heartRate.range)]);

  if (patient.age < GROWTH_CURVE_UNTIL_AGE) {
    values.push(...growth(faker, patient, build, visit));
  } else {
    const bmi = build.adultBmi + floatBetween(faker, -0.6, 0.6, 1);
    const heightM = build.adultHeightCm / 100;
    values.push(['weight', bmi * heightM * heightM]);
    if (visit.kind === 'annual') values.push(['height', build.adultHeightCm]);
    values.push(['bmi', bmi]);
  }
  return values;
}

function bloodPressureRanges(
  patient: ChartPatient,
  visit: PlannedVisit,
  age: number,
): { systolic: NumberRange; diastolic: NumberRange } | null {
  if (age < 18)
    return CHILD_BLOOD_PRESSURE.find(({ ages }) => age >= ages[0] && age <= ages[1]) ?? null;
  const hypertension = patient.conditions.find(
    (c) => c.id === 'hypertension' && c.onsetDay <= visit.day,
  );
  if (!hypertension) return ADULT_BLOOD_PRESSURE.normal;
  return hypertension.controlled
    ? ADULT_BLOOD_PRESSURE.controlledHypertension
    : ADULT_BLOOD_PRESSURE.uncontrolledHypertension;
}

// Children are weighed at every visit, and measured for length or height at well-child visits
// and for head circumference at well-child visits before 3 years.
function growth(
  faker: Faker,
  patient: ChartPatient,
  build: Build,
  visit: PlannedVisit,
): [VitalSignId, number][] {
  const months = (visit.day - patient.birthDay) / DAYS_PER_MONTH;
  const median = growthMedianAt(patient.sex, months);
  const jitter = () => floatBetween(faker, -0.15, 0.15, 2);
  const adult = months >= 18 * 12;
  const height = median.heightCm * (1 + (build.heightZ + jitter()) * GROWTH_SPREAD.height);
  let weight = median.weightKg * (1 + (build.weightZ + jitter()) * GROWTH_SPREAD.weight);
  // Obesity in an adult means a BMI of 30 or more, whatever the growth percentile gives.
  if (adult && build.obese) weight = Math.max(weight, build.adultBmi * (height / 100) ** 2);
  const values: [VitalSignId, number][] = [['weight', weight]];

  const measured = visit.kind === 'well-child' || visit.kind === 'annual';
  if (!measured) return values;
  values.push(['height', height]);
  if (median.headCm !== null && months < HEAD_CIRCUMFERENCE_UNTIL_MONTHS) {
    values.push(['headCircumference', median.headCm * (1 + build.heightZ * GROWTH_SPREAD.head)]);
  }
  if (adult) values.push(['bmi', weight / (height / 100) ** 2]);
  return values;
}

function round(value: number, decimals: number): number {
  const scale = 10 ** decimals;
  return Math.round(value * scale) / scale;
}
