// Services billed on statements, coded in CPT, with the usual charge range in cents for a
// regional clinic. Descriptions are written for patients reading a statement.

export interface BilledService {
  description: string;
  /** Charge range in cents, both ends included. */
  charge: readonly [min: number, max: number];
  /** Preventive services that insurance plans pay in full. */
  preventive: boolean;
}

// One service per line.
// prettier-ignore
export const SERVICES: Record<string, BilledService> = {
  '99212': { description: 'Office visit, established patient, short', charge: [9500, 12500], preventive: false },
  '99213': { description: 'Office visit, established patient', charge: [14000, 18500], preventive: false },
  '99214': { description: 'Office visit, established patient, detailed', charge: [21000, 26500], preventive: false },
  '99391': { description: 'Well-child visit, under 1 year', charge: [19000, 23000], preventive: true },
  '99392': { description: 'Well-child visit, 1 to 4 years', charge: [20000, 24000], preventive: true },
  '99393': { description: 'Well-child visit, 5 to 11 years', charge: [20000, 24000], preventive: true },
  '99394': { description: 'Well-child visit, 12 to 17 years', charge: [21000, 25500], preventive: true },
  '99395': { description: 'Yearly physical, 18 to 39 years', charge: [22000, 27000], preventive: true },
  '99396': { description: 'Yearly physical, 40 to 64 years', charge: [24000, 29500], preventive: true },
  '99397': { description: 'Yearly physical, 65 years and older', charge: [26000, 31500], preventive: true },
  '36415': { description: 'Blood draw', charge: [1500, 2500], preventive: false },
  '80053': { description: 'Comprehensive metabolic panel', charge: [4500, 7500], preventive: false },
  '80048': { description: 'Basic metabolic panel', charge: [3500, 5500], preventive: false },
  '85025': { description: 'Complete blood count', charge: [3000, 4500], preventive: false },
  '80061': { description: 'Lipid panel', charge: [4000, 6500], preventive: false },
  '83036': { description: 'Hemoglobin A1c', charge: [3500, 5500], preventive: false },
  '84443': { description: 'TSH (thyroid test)', charge: [5000, 7500], preventive: false },
  '84439': { description: 'Free T4 (thyroid test)', charge: [4000, 6000], preventive: false },
  '82043': { description: 'Urine albumin', charge: [2500, 4000], preventive: false },
  '82570': { description: 'Urine creatinine', charge: [1500, 2500], preventive: false },
  '84153': { description: 'PSA (prostate test)', charge: [5000, 8000], preventive: true },
  '83655': { description: 'Lead test', charge: [2500, 4000], preventive: true },
  '96127': { description: 'Questionnaire scoring', charge: [1500, 2500], preventive: false },
  '87491': { description: 'Chlamydia test', charge: [9000, 12000], preventive: false },
  '87591': { description: 'Gonorrhea test', charge: [9000, 12000], preventive: false },
  '81025': { description: 'Urine pregnancy test', charge: [1500, 2500], preventive: false },
};

/** The CPT code for venipuncture, billed once per visit with any blood test. */
export const BLOOD_DRAW_CPT = '36415';

/** Returns the preventive-visit CPT code for a patient's age. */
export function preventiveVisitCpt(age: number, ageInMonths: number): string {
  if (ageInMonths < 12) return '99391';
  if (age < 5) return '99392';
  if (age < 12) return '99393';
  if (age < 18) return '99394';
  if (age < 40) return '99395';
  if (age < 65) return '99396';
  return '99397';
}
