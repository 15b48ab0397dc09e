import type { Faker } from '@faker-js/faker';
import type { ResultFlag } from '../../schema/chart.ts';
import {
  LAB_PANELS,
  LAB_TESTS,
  typicalRangeFor,
  type LabPanelId,
  type LabTest,
  type LabTestId,
  type NumberRange,
  type ReferenceRange,
  type Sex,
} from '../clinical/labs.ts';
import { chance, floatBetween } from '../random.ts';
import type { ConditionState } from './types.ts';

export interface LabSubject {
  age: number;
  sex: Sex;
  conditions: readonly ConditionState[];
}

/**
 * Flags a numeric result against its reference range and critical limits. Critical limits lie
 * outside the reference range, so a critical value is never also "normal".
 */
export function flagFor(
  value: number,
  range: ReferenceRange,
  critical: LabTest['critical'] = {},
): ResultFlag {
  if (critical.low !== undefined && value < critical.low) return 'critical-low';
  if (critical.high !== undefined && value > critical.high) return 'critical-high';
  if (range.low !== null && value < range.low) return 'low';
  if (range.high !== null && value > range.high) return 'high';
  return 'normal';
}

/**
 * Draws the values of one panel for a person. Conditions move the tests they affect, by how
 * well each is controlled; derived tests are computed from the drawn ones as a laboratory
 * would: eGFR from creatinine (CKD-EPI 2021), LDL from the Friedewald equation, hematocrit
 * from hemoglobin.
 */
export function drawPanelValues(
  faker: Faker,
  panelId: LabPanelId,
  subject: LabSubject,
): Map<LabTestId, number | string> {
  const values = new Map<LabTestId, number | string>();
  const tests = LAB_PANELS[panelId].tests;

  for (const id of tests) {
    const test: LabTest = LAB_TESTS[id];
    if (test.text !== undefined) {
      values.set(id, drawText(faker, test, subject));
      continue;
    }
    values.set(id, drawValue(faker, id, subject));
  }

  if (values.has('egfr')) {
    const target = values.get('egfr') as number;
    const creatinine = round(creatinineForEgfr(target, subject), LAB_TESTS.creatinine.decimals);
    values.set('creatinine', creatinine);
    values.set('egfr', round(egfrFromCreatinine(creatinine, subject), LAB_TESTS.egfr.decimals));
  }
  if (values.has('ldl')) {
    const ldl = values.get('ldl') as number;
    const hdl = values.get('hdl') as number;
    const triglycerides = values.get('triglycerides') as number;
    values.set('cholesterol', Math.round(ldl + hdl + triglycerides / 5));
  }
  if (values.has('hematocrit')) {
    const hemoglobin = values.get('hemoglobin') as number;
    values.set('hematocrit', round(hemoglobin * 3 + floatBetween(faker, -1, 1, 1), 1));
  }
  return values;
}

/** Flags a text result: "abnormal" when it is not the test's expected answer. */
export function textFlagFor(value: string, test: LabTest): ResultFlag {
  return value === test.text ? 'normal' : 'abnormal';
}

function drawText(faker: Faker, test: LabTest, subject: LabSubject): string {
  const abnormal = test.abnormal;
  if (abnormal && subject.age >= abnormal.minAge && chance(faker, abnormal.chance)) {
    return abnormal.text;
  }
  return test.text!;
}

function drawValue(faker: Faker, id: LabTestId, subject: LabSubject): number {
  const test: LabTest = LAB_TESTS[id];
  return floatBetween(faker, ...rangeToDraw(id, test, subject), test.decimals);
}

// The first condition that moves a test decides its range; otherwise the typical one applies.
function rangeToDraw(id: LabTestId, test: LabTest, subject: LabSubject): NumberRange {
  for (const condition of subject.conditions) {
    const effect = condition.rule.labs[id];
    if (effect) return condition.controlled ? effect.controlled : effect.uncontrolled;
  }
  if (id === 'egfr') return typicalEgfr(subject.age);
  return typicalRangeFor(test, subject.sex);
}

// Kidney function declines with age even without kidney disease.
function typicalEgfr(age: number): NumberRange {
  if (age < 40) return [92, 122];
  if (age < 65) return [76, 106];
  return [62, 90];
}

/** eGFR in mL/min/1.73 m² by the CKD-EPI 2021 creatinine equation, without a race term. */
export function egfrFromCreatinine(
  creatinine: number,
  subject: Pick<LabSubject, 'age' | 'sex'>,
): number {
  const female = subject.sex === 'female';
  const kappa = female ? 0.7 : 0.9;
  const alpha = female ? -0.241 : -0.302;
  const ratio = creatinine / kappa;
  return (
    142 *
    Math.min(ratio, 1) ** alpha *
    Math.max(ratio, 1) ** -1.2 *
    0.9938 ** subject.age *
    (female ? 1.012 : 1)
  );
}

// eGFR falls as creatinine rises, so a bisection finds the creatinine for a target eGFR.
function creatinineForEgfr(target: number, subject: Pick<LabSubject, 'age' | 'sex'>): number {
  let low = 0.2;
  let high = 15;
  for (let step = 0; step < 40; step += 1) {
    const middle = (low + high) / 2;
    if (egfrFromCreatinine(middle, subject) > target) low = middle;
    else high = middle;
  }
  return (low + high) / 2;
}

function round(value: number, decimals: number): number {
  const scale = 10 ** decimals;
  return Math.round(value * scale) / scale;
}
