// Allergies recorded on charts, with the reaction in plain words. Prevalence figures are
// rounded estimates for the US population.

import type { NumberRange } from './labs.ts';

export interface AllergyRule {
  substance: string;
  /** The substance code US Core requires: RxNorm for drugs, SNOMED CT for other substances. */
  code: { system: 'rxnorm' | 'snomed'; code: string; display: string };
  category: 'medication' | 'food' | 'environment';
  reaction: string;
  severity: 'mild' | 'moderate' | 'severe';
  /** Chance that a person of a fitting age has this allergy recorded. */
  prevalence: number;
  ages: NumberRange;
  /** Brings an epinephrine auto-injector to the medication list. */
  needsEpinephrine: boolean;
  /** Rules out amoxicillin and other penicillins. */
  penicillinClass: boolean;
}

// One allergy per line.
// prettier-ignore
export const ALLERGIES: readonly AllergyRule[] = [
  { substance: 'Penicillin', code: { system: 'snomed', code: '764146007', display: 'Penicillin (substance)' }, category: 'medication', reaction: 'Hives', severity: 'moderate', prevalence: 0.08, ages: [1, 120], needsEpinephrine: false, penicillinClass: true },
  { substance: 'Sulfa antibiotics (sulfamethoxazole)', code: { system: 'rxnorm', code: '10831', display: 'sulfamethoxazole / trimethoprim' }, category: 'medication', reaction: 'Itchy rash', severity: 'mild', prevalence: 0.03, ages: [1, 120], needsEpinephrine: false, penicillinClass: false },
  { substance: 'Peanuts', code: { system: 'snomed', code: '762952008', display: 'Peanut (substance)' }, category: 'food', reaction: 'Throat swelling and trouble breathing', severity: 'severe', prevalence: 0.02, ages: [1, 120], needsEpinephrine: true, penicillinClass: false },
  { substance: 'Shellfish', code: { system: 'snomed', code: '735029006', display: 'Shellfish (substance)' }, category: 'food', reaction: 'Hives and vomiting', severity: 'moderate', prevalence: 0.02, ages: [3, 120], needsEpinephrine: false, penicillinClass: false },
  { substance: 'Bee stings', code: { system: 'snomed', code: '288328004', display: 'Bee venom (substance)' }, category: 'environment', reaction: 'Swelling of the face and trouble breathing', severity: 'severe', prevalence: 0.01, ages: [3, 120], needsEpinephrine: true, penicillinClass: false },
  { substance: 'Latex', code: { system: 'snomed', code: '111088007', display: 'Latex (substance)' }, category: 'environment', reaction: 'Itchy, red skin where gloves touched', severity: 'mild', prevalence: 0.01, ages: [10, 120], needsEpinephrine: false, penicillinClass: false },
  { substance: 'Codeine', code: { system: 'snomed', code: '387494007', display: 'Codeine (substance)' }, category: 'medication', reaction: 'Nausea and vomiting', severity: 'mild', prevalence: 0.02, ages: [12, 120], needsEpinephrine: false, penicillinClass: false },
];

const ALLERGY_BY_SUBSTANCE = new Map(ALLERGIES.map((rule) => [rule.substance, rule]));

/** Finds the rule a recorded allergy came from by its substance text. */
export function allergyRuleOf(substance: string): AllergyRule | undefined {
  return ALLERGY_BY_SUBSTANCE.get(substance);
}
