// Medications the generator prescribes. Codes and names are RxNorm clinical drugs (SCD, or a
// branded pack where noted); the instructions are what a patient reads on the label.

export interface MedicationRule {
  rxnorm: string;
  /** Name patients use in a message, for example "metformin". */
  label: string;
  name: string;
  instructions: string;
  /** Youngest age in years at which the generator prescribes it. */
  minAge: number;
  /** Days of a short course; absent for long-term medications. */
  courseDays?: number;
}

// One medication per line, so a pharmacist can check the table quickly.
// prettier-ignore
const MEDICATION_TABLE = {
  metformin: { rxnorm: '860975', label: 'metformin', name: '24 HR metformin hydrochloride 500 MG Extended Release Oral Tablet', instructions: 'Take 1 tablet by mouth once a day with your evening meal.', minAge: 10 },
  canagliflozin: { rxnorm: '1373463', label: 'canagliflozin', name: 'canagliflozin 100 MG Oral Tablet', instructions: 'Take 1 tablet by mouth once a day before breakfast.', minAge: 18 },
  liraglutide: { rxnorm: '897122', label: 'liraglutide pen', name: '3 ML liraglutide 6 MG/ML Pen Injector', instructions: 'Inject 1.2 mg under the skin once a day. Your nurse will show you how.', minAge: 18 },
  insulin7030: { rxnorm: '106892', label: 'insulin 70/30', name: 'insulin isophane, human 70 UNT/ML / insulin, regular, human 30 UNT/ML Injectable Suspension', instructions: 'Inject 20 units under the skin twice a day, 30 minutes before breakfast and supper.', minAge: 18 },
  lisinopril: { rxnorm: '314076', label: 'lisinopril', name: 'lisinopril 10 MG Oral Tablet', instructions: 'Take 1 tablet by mouth once a day.', minAge: 18 },
  amlodipine: { rxnorm: '197361', label: 'amlodipine', name: 'amlodipine 5 MG Oral Tablet', instructions: 'Take 1 tablet by mouth once a day.', minAge: 18 },
  hydrochlorothiazide: { rxnorm: '310798', label: 'hydrochlorothiazide', name: 'hydrochlorothiazide 25 MG Oral Tablet', instructions: 'Take 1 tablet by mouth every morning.', minAge: 18 },
  losartan: { rxnorm: '979485', label: 'losartan', name: 'losartan potassium 25 MG Oral Tablet', instructions: 'Take 1 tablet by mouth once a day.', minAge: 18 },
  simvastatin: { rxnorm: '312961', label: 'simvastatin', name: 'simvastatin 20 MG Oral Tablet', instructions: 'Take 1 tablet by mouth every evening.', minAge: 18 },
  atorvastatin: { rxnorm: '259255', label: 'atorvastatin', name: 'atorvastatin 80 MG Oral Tablet', instructions: 'Take 1 tablet by mouth once a day.', minAge: 18 },
  levothyroxine: { rxnorm: '966222', label: 'levothyroxine', name: 'levothyroxine sodium 0.075 MG Oral Tablet', instructions: 'Take 1 tablet by mouth every morning on an empty stomach, 30 minutes before breakfast.', minAge: 1 },
  fluticasone: { rxnorm: '895994', label: 'fluticasone inhaler', name: '120 ACTUAT fluticasone propionate 0.044 MG/ACTUAT Metered Dose Inhaler', instructions: 'Inhale 2 puffs twice a day, every day. Rinse your mouth after each use.', minAge: 4 },
  albuterol: { rxnorm: '2123111', label: 'albuterol inhaler', name: 'NDA020503 200 ACTUAT albuterol 0.09 MG/ACTUAT Metered Dose Inhaler', instructions: 'Inhale 2 puffs every 4 to 6 hours as needed for wheezing or shortness of breath.', minAge: 2 },
  sertraline: { rxnorm: '312938', label: 'sertraline', name: 'sertraline 100 MG Oral Tablet', instructions: 'Take 1 tablet by mouth once a day.', minAge: 18 },
  fluoxetine: { rxnorm: '310385', label: 'fluoxetine', name: 'fluoxetine 20 MG Oral Capsule', instructions: 'Take 1 capsule by mouth every morning.', minAge: 8 },
  omeprazole: { rxnorm: '200329', label: 'omeprazole', name: 'omeprazole 40 MG Delayed Release Oral Capsule', instructions: 'Take 1 capsule by mouth every morning, 30 minutes before breakfast.', minAge: 18 },
  epinephrine: { rxnorm: '1870230', label: 'epinephrine auto-injector', name: 'NDA020800 0.3 ML epinephrine 1 MG/ML Auto-Injector', instructions: 'Inject into the outer thigh at the first sign of a severe allergic reaction, then call 911.', minAge: 6 },
  amoxicillin500: { rxnorm: '308192', label: 'amoxicillin', name: 'amoxicillin 500 MG Oral Tablet', instructions: 'Take 1 tablet by mouth twice a day for 10 days. Finish all of it.', minAge: 12, courseDays: 10 },
  amoxicillin250: { rxnorm: '308182', label: 'amoxicillin', name: 'amoxicillin 250 MG Oral Capsule', instructions: 'Take 1 capsule by mouth three times a day for 10 days. Finish all of it.', minAge: 5, courseDays: 10 },
  azithromycin: { rxnorm: '308460', label: 'azithromycin', name: 'azithromycin 250 MG Oral Tablet', instructions: 'Take 2 tablets on the first day, then 1 tablet a day for 4 more days.', minAge: 12, courseDays: 5 },
  acetaminophen160: { rxnorm: '313820', label: "children's acetaminophen", name: 'acetaminophen 160 MG Chewable Tablet', instructions: 'Chew 1 to 2 tablets every 4 to 6 hours as needed for pain or fever. No more than 5 doses a day.', minAge: 2, courseDays: 5 },
  ibuprofen: { rxnorm: '310965', label: 'ibuprofen', name: 'ibuprofen 200 MG Oral Tablet', instructions: 'Take 2 tablets by mouth every 6 to 8 hours with food as needed for pain.', minAge: 12, courseDays: 10 },
  nitrofurantoin: { rxnorm: '311995', label: 'nitrofurantoin', name: 'nitrofurantoin, macrocrystals 50 MG Oral Capsule', instructions: 'Take 1 capsule by mouth four times a day with food for 7 days.', minAge: 12, courseDays: 7 },
  // A branded pack: RxNorm gives oral contraceptive packs their own codes.
  levora: { rxnorm: '748879', label: 'birth control pills', name: 'Levora 0.15/30 28 Day Pack', instructions: 'Take 1 tablet by mouth at the same time every day.', minAge: 12 },
} as const satisfies Record<string, MedicationRule>;

export type MedicationId = keyof typeof MEDICATION_TABLE;

export const MEDICATIONS: Record<MedicationId, MedicationRule> = MEDICATION_TABLE;
