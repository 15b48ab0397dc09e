import type { Faker } from '@faker-js/faker';
import { ALLERGIES, type AllergyRule } from '../clinical/allergies.ts';
import { CONDITIONS, CONDITION_IDS, baseChance, type ConditionId } from '../clinical/conditions.ts';
import type { Sex } from '../clinical/labs.ts';
import { addYears, isoDate, parseIsoDate } from '../dates.ts';
import { chance, intBetween, newId } from '../random.ts';
import type { ChartContext, ChartPatient, ConditionState } from './types.ts';

const FIFTEEN_YEARS_DAYS = 15 * 365;

/**
 * Draws a person's chronic conditions by age and sex prevalence, raised by risk factors the
 * person already has, plus any conditions the household plan requires.
 */
export function drawConditions(
  faker: Faker,
  person: { age: number; sex: Sex; birthDate: string },
  required: readonly ConditionId[],
  referenceDay: number,
): ConditionState[] {
  const held = new Set<ConditionId>();

  for (const id of CONDITION_IDS) {
    const rule = CONDITIONS[id];
    let probability = baseChance(rule, person.age, person.sex);
    for (const [factor, multiplier] of Object.entries(rule.riskFactors ?? {})) {
      if (held.has(factor as ConditionId)) probability *= multiplier;
    }
    if (required.includes(id) || chance(faker, Math.min(probability, 0.9))) held.add(id);
  }

  return CONDITION_IDS.filter((id) => held.has(id)).map((id) => {
    const rule = CONDITIONS[id];
    const earliest = Math.max(
      parseIsoDate(addYears(person.birthDate, rule.minOnsetAge)),
      referenceDay - FIFTEEN_YEARS_DAYS,
    );
    const start = Math.min(earliest, referenceDay - 30);
    const onsetDay = intBetween(faker, start, Math.max(start, referenceDay - 120));
    return { id, rule, controlled: chance(faker, rule.controlledShare), onsetDay };
  });
}

export function drawAllergies(faker: Faker, age: number): AllergyRule[] {
  return ALLERGIES.filter(
    (rule) => age >= rule.ages[0] && age <= rule.ages[1] && chance(faker, rule.prevalence),
  );
}

/** Adds the problem list (chronic conditions) and the allergy list to the chart. */
export function addProblemsAndAllergies(context: ChartContext, patient: ChartPatient): void {
  const { faker, rows, referenceDay } = context;

  for (const condition of patient.conditions) {
    rows.problems.push({
      id: newId(faker),
      patientId: patient.id,
      snomedCode: condition.rule.snomed,
      icd10Code: condition.rule.icd10,
      name: condition.rule.name,
      onsetOn: isoDate(condition.onsetDay),
      status: 'active',
      sensitivity: condition.rule.sensitivity,
    });
  }

  for (const allergy of patient.allergies) {
    rows.allergies.push({
      id: newId(faker),
      patientId: patient.id,
      substance: allergy.substance,
      reaction: allergy.reaction,
      severity: allergy.severity,
      recordedOn: isoDate(intBetween(faker, patient.recordStartDay, referenceDay - 1)),
    });
  }
}
