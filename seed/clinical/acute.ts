// Short illnesses and injuries: a visit, a problem that is resolved afterwards, and sometimes a
// short course of medication. Codes are SNOMED CT and ICD-10-CM.

import type { NumberRange } from './labs.ts';
import type { MedicationId } from './medications.ts';

export interface AcuteRule {
  name: string;
  snomed: string;
  icd10: string;
  /** Visit reason in the patient's words. */
  reason: string;
  ages: NumberRange;
  sex?: 'female' | 'male';
  /** Relative frequency among the episodes a person of a fitting age can have. */
  weight: number;
  /** Medications tried in order: the first one the patient is old enough for and not allergic to. */
  treatments: readonly MedicationId[];
}

// One episode per line.
// prettier-ignore
export const ACUTE_EPISODES: readonly AcuteRule[] = [
  { name: 'Ear infection (acute otitis media)', snomed: '65363002', icd10: 'H66.90', reason: 'Ear pain and fever', ages: [0, 9], weight: 4, treatments: ['amoxicillin250', 'acetaminophen160'] },
  { name: 'Strep throat', snomed: '43878008', icd10: 'J02.0', reason: 'Sore throat and fever', ages: [3, 45], weight: 3, treatments: ['amoxicillin500', 'amoxicillin250'] },
  { name: 'Common cold (upper respiratory infection)', snomed: '54150009', icd10: 'J06.9', reason: 'Cough and stuffy nose', ages: [0, 120], weight: 5, treatments: [] },
  { name: 'Sprained ankle', snomed: '44465007', icd10: 'S93.409A', reason: 'Twisted ankle', ages: [8, 75], weight: 2, treatments: ['ibuprofen'] },
  { name: 'Bladder infection (urinary tract infection)', snomed: '68566005', icd10: 'N39.0', reason: 'Burning when passing urine', ages: [16, 120], sex: 'female', weight: 3, treatments: ['nitrofurantoin'] },
  { name: 'Chest cold (acute bronchitis)', snomed: '10509002', icd10: 'J20.9', reason: 'Cough for two weeks', ages: [18, 120], weight: 2, treatments: [] },
];

/** Penicillin-allergic patients get azithromycin instead of amoxicillin. */
export const PENICILLIN_ALTERNATIVE: MedicationId = 'azithromycin';
