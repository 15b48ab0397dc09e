// Vital signs: their LOINC codes and UCUM units, the ranges drawn for adults, and growth
// medians for children. The medians are rounded from the WHO growth standards (birth to
// 24 months) and the CDC 2000 growth charts (2 to 18 years). They make plausible charts, but
// they are not fit for growth assessments.

import type { NumberRange, Sex } from './labs.ts';

export interface VitalSign {
  loinc: string;
  name: string;
  /** UCUM unit. */
  unit: string;
  decimals: number;
  /** Values outside these limits are physiologically impossible; property checks use them. */
  physiologic: NumberRange;
}

// prettier-ignore
export const VITAL_SIGNS = {
  systolic: { loinc: '8480-6', name: 'Systolic blood pressure', unit: 'mm[Hg]', decimals: 0, physiologic: [60, 250] },
  diastolic: { loinc: '8462-4', name: 'Diastolic blood pressure', unit: 'mm[Hg]', decimals: 0, physiologic: [30, 150] },
  heartRate: { loinc: '8867-4', name: 'Heart rate', unit: '/min', decimals: 0, physiologic: [30, 220] },
  weight: { loinc: '29463-7', name: 'Body weight', unit: 'kg', decimals: 1, physiologic: [1, 300] },
  height: { loinc: '8302-2', name: 'Body height', unit: 'cm', decimals: 1, physiologic: [40, 230] },
  bmi: { loinc: '39156-5', name: 'Body mass index (BMI)', unit: 'kg/m2', decimals: 1, physiologic: [10, 80] },
  headCircumference: { loinc: '9843-4', name: 'Head circumference', unit: 'cm', decimals: 1, physiologic: [28, 60] },
} as const satisfies Record<string, VitalSign>;

export type VitalSignId = keyof typeof VITAL_SIGNS;

/** Blood pressure by hypertension status, in mm[Hg]: [systolic range, diastolic range]. */
// prettier-ignore
export const ADULT_BLOOD_PRESSURE = {
  normal: { systolic: [104, 128], diastolic: [62, 80] },
  controlledHypertension: { systolic: [118, 134], diastolic: [70, 84] },
  uncontrolledHypertension: { systolic: [142, 172], diastolic: [88, 104] },
} as const satisfies Record<string, { systolic: NumberRange; diastolic: NumberRange }>;

/** Children's blood pressure by age in years, measured from age 3 as pediatric guidelines advise. */
// prettier-ignore
export const CHILD_BLOOD_PRESSURE: readonly { ages: NumberRange; systolic: NumberRange; diastolic: NumberRange }[] = [
  { ages: [3, 5], systolic: [88, 108], diastolic: [48, 66] },
  { ages: [6, 9], systolic: [92, 112], diastolic: [54, 72] },
  { ages: [10, 12], systolic: [98, 118], diastolic: [58, 76] },
  { ages: [13, 17], systolic: [102, 124], diastolic: [60, 80] },
];

/** Resting heart rate by age in whole years, beats per minute. */
// prettier-ignore
export const HEART_RATE: readonly { ages: NumberRange; range: NumberRange }[] = [
  { ages: [0, 0], range: [105, 155] },
  { ages: [1, 2], range: [90, 135] },
  { ages: [3, 5], range: [80, 120] },
  { ages: [6, 11], range: [70, 110] },
  { ages: [12, 200], range: [58, 96] },
];

/** Adult height by sex at birth, in cm. */
export const ADULT_HEIGHT_CM: Record<Sex, NumberRange> = { female: [151, 176], male: [163, 192] };

/** Adult BMI, in kg/m2, for patients without and with the obesity condition. */
export const ADULT_BMI = { lean: [19.5, 29.3], obese: [30.5, 41] } as const satisfies Record<
  string,
  NumberRange
>;

export interface GrowthPoint {
  months: number;
  weightKg: number;
  heightCm: number;
  /** Measured until 36 months, so null after. */
  headCm: number | null;
}

// Median weight, length or height, and head circumference. Spread around the median: a
// child keeps one percentile, drawn once, across visits.
// prettier-ignore
export const GROWTH_MEDIANS: Record<Sex, readonly GrowthPoint[]> = {
  male: [
    { months: 0, weightKg: 3.3, heightCm: 49.9, headCm: 34.5 },
    { months: 1, weightKg: 4.5, heightCm: 54.7, headCm: 37.3 },
    { months: 2, weightKg: 5.6, heightCm: 58.4, headCm: 39.1 },
    { months: 4, weightKg: 7.0, heightCm: 63.9, headCm: 41.6 },
    { months: 6, weightKg: 7.9, heightCm: 67.6, headCm: 43.3 },
    { months: 9, weightKg: 8.9, heightCm: 72.0, headCm: 44.9 },
    { months: 12, weightKg: 9.6, heightCm: 75.7, headCm: 46.1 },
    { months: 18, weightKg: 10.9, heightCm: 82.3, headCm: 47.4 },
    { months: 24, weightKg: 12.2, heightCm: 87.1, headCm: 48.3 },
    { months: 36, weightKg: 14.3, heightCm: 96.1, headCm: 49.5 },
    { months: 48, weightKg: 16.3, heightCm: 103.0, headCm: null },
    { months: 72, weightKg: 20.7, heightCm: 116.0, headCm: null },
    { months: 96, weightKg: 25.6, heightCm: 128.0, headCm: null },
    { months: 120, weightKg: 32.0, heightCm: 138.5, headCm: null },
    { months: 144, weightKg: 40.0, heightCm: 149.0, headCm: null },
    { months: 168, weightKg: 50.8, heightCm: 163.5, headCm: null },
    { months: 192, weightKg: 60.8, heightCm: 173.5, headCm: null },
    { months: 216, weightKg: 67.0, heightCm: 176.5, headCm: null },
  ],
  female: [
    { months: 0, weightKg: 3.2, heightCm: 49.1, headCm: 33.9 },
    { months: 1, weightKg: 4.2, heightCm: 53.7, headCm: 36.5 },
    { months: 2, weightKg: 5.1, heightCm: 57.1, headCm: 38.3 },
    { months: 4, weightKg: 6.4, heightCm: 62.1, headCm: 40.6 },
    { months: 6, weightKg: 7.3, heightCm: 65.7, headCm: 42.2 },
    { months: 9, weightKg: 8.2, heightCm: 70.1, headCm: 43.8 },
    { months: 12, weightKg: 8.9, heightCm: 74.0, headCm: 44.9 },
    { months: 18, weightKg: 10.2, heightCm: 80.7, headCm: 46.2 },
    { months: 24, weightKg: 11.5, heightCm: 85.7, headCm: 47.2 },
    { months: 36, weightKg: 13.9, heightCm: 95.1, headCm: 48.4 },
    { months: 48, weightKg: 15.9, heightCm: 102.0, headCm: null },
    { months: 72, weightKg: 20.2, heightCm: 115.5, headCm: null },
    { months: 96, weightKg: 25.6, heightCm: 127.5, headCm: null },
    { months: 120, weightKg: 32.5, heightCm: 138.5, headCm: null },
    { months: 144, weightKg: 41.5, heightCm: 151.0, headCm: null },
    { months: 168, weightKg: 49.4, heightCm: 160.0, headCm: null },
    { months: 192, weightKg: 53.5, heightCm: 162.5, headCm: null },
    { months: 216, weightKg: 56.0, heightCm: 163.5, headCm: null },
  ],
};

/**
 * Relative spread of one standard deviation around the median. A child between the 3rd and
 * 97th percentiles lies within about 1.9 of these on either side.
 */
export const GROWTH_SPREAD = { weight: 0.11, height: 0.035, head: 0.03 } as const;

/** Head circumference is measured at well-child visits before this age, in months. */
export const HEAD_CIRCUMFERENCE_UNTIL_MONTHS = 36;

/** Returns the growth median at an age in months, interpolated linearly between table rows. */
export function growthMedianAt(sex: Sex, months: number): GrowthPoint {
  const table = GROWTH_MEDIANS[sex];
  const last = table[table.length - 1]!;
  if (months >= last.months) return last;
  let index = 0;
  while (table[index + 1]!.months <= months) index += 1;
  const low = table[index]!;
  const high = table[index + 1]!;
  const share = (months - low.months) / (high.months - low.months);
  const between = (a: number, b: number) => a + (b - a) * share;
  return {
    months,
    weightKg: between(low.weightKg, high.weightKg),
    heightCm: between(low.heightCm, high.heightCm),
    headCm:
      low.headCm !== null && high.headCm !== null ? between(low.headCm, high.headCm) : low.headCm,
  };
}
