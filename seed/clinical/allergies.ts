// Allergies recorded on charts, with the reaction in plain words. Prevalence figures are
// rounded estimates for the US population.

import type { NumberRange } from './labs.ts';

export interface AllergyRule {
  substance: string;
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
  { substance: 'Penicillin', reaction: 'Hives', severity: 'moderate', prevalence: 0.08, ages: [1, 120], needsEpinephrine: false, penicillinClass: true },
  { substance: 'Sulfa antibiotics (sulfamethoxazole)', reaction: 'Itchy rash', severity: 'mild', prevalence: 0.03, ages: [1, 120], needsEpinephrine: false, penicillinClass: false },
  { substance: 'Peanuts', reaction: 'Throat swelling and trouble breathing', severity: 'severe', prevalence: 0.02, ages: [1, 120], needsEpinephrine: true, penicillinClass: false },
  { substance: 'Shellfish', reaction: 'Hives and vomiting', severity: 'moderate', prevalence: 0.02, ages: [3, 120], needsEpinephrine: false, penicillinClass: false },
  { substance: 'Bee stings', reaction: 'Swelling of the face and trouble breathing', severity: 'severe', prevalence: 0.01, ages: [3, 120], needsEpinephrine: true, penicillinClass: false },
  { substance: 'Latex', reaction: 'Itchy, red skin where gloves touched', severity: 'mild', prevalence: 0.01, ages: [10, 120], needsEpinephrine: false, penicillinClass: false },
  { substance: 'Codeine', reaction: 'Nausea and vomiting', severity: 'mild', prevalence: 0.02, ages: [12, 120], needsEpinephrine: false, penicillinClass: false },
];
