// Laboratory tests and panels. Codes are LOINC, units are UCUM. Reference ranges are typical
// adult ranges of US reference laboratories; a real laboratory publishes its own. Synthetic
// results never need more precision than this.

export type Sex = 'female' | 'male';
export type NumberRange = readonly [min: number, max: number];

export interface ReferenceRange {
  low: number | null;
  high: number | null;
}

export interface LabTest {
  loinc: string;
  /** Plain name shown to patients. */
  name: string;
  /** UCUM unit; null for results reported as text. */
  unit: string | null;
  decimals: number;
  range: ReferenceRange | { female: ReferenceRange; male: ReferenceRange };
  /** Values beyond these limits are flagged critical-low or critical-high. */
  critical?: { low?: number; high?: number };
  /** Values drawn for a person without a condition that moves this test. */
  typical: NumberRange | { female: NumberRange; male: NumberRange };
  /** Result text for tests reported as text rather than as a number: the expected answer. */
  text?: string;
  /**
   * The other answer of a text test, flagged "abnormal", how often it is drawn, and the
   * youngest age at which it is plausible.
   */
  abnormal?: { text: string; chance: number; minAge: number };
}

const both = (low: number | null, high: number | null): ReferenceRange => ({ low, high });

// One test per line, so the table reads like a laboratory's reference sheet.
// prettier-ignore
const LAB_TEST_TABLE = {
  glucose: { loinc: '2345-7', name: 'Glucose', unit: 'mg/dL', decimals: 0, range: both(70, 99), critical: { low: 50, high: 400 }, typical: [74, 104] },
  bun: { loinc: '3094-0', name: 'Urea nitrogen (BUN)', unit: 'mg/dL', decimals: 0, range: both(7, 20), typical: [8, 20] },
  creatinine: { loinc: '2160-0', name: 'Creatinine', unit: 'mg/dL', decimals: 2, range: { female: both(0.59, 1.04), male: both(0.74, 1.35) }, typical: { female: [0.6, 1.0], male: [0.75, 1.3] } },
  egfr: { loinc: '98979-8', name: 'Estimated GFR (kidney function)', unit: 'mL/min/{1.73_m2}', decimals: 0, range: both(60, null), critical: { low: 15 }, typical: [75, 115] },
  sodium: { loinc: '2951-2', name: 'Sodium', unit: 'mmol/L', decimals: 0, range: both(135, 145), critical: { low: 120, high: 160 }, typical: [136, 144] },
  potassium: { loinc: '2823-3', name: 'Potassium', unit: 'mmol/L', decimals: 1, range: both(3.5, 5.1), critical: { low: 2.8, high: 6.2 }, typical: [3.7, 4.9] },
  chloride: { loinc: '2075-0', name: 'Chloride', unit: 'mmol/L', decimals: 0, range: both(98, 107), typical: [99, 106] },
  carbonDioxide: { loinc: '2028-9', name: 'Carbon dioxide (bicarbonate)', unit: 'mmol/L', decimals: 0, range: both(22, 29), typical: [23, 29] },
  calcium: { loinc: '17861-6', name: 'Calcium', unit: 'mg/dL', decimals: 1, range: both(8.6, 10.3), critical: { low: 6.5, high: 13 }, typical: [8.8, 10.1] },
  protein: { loinc: '2885-2', name: 'Total protein', unit: 'g/dL', decimals: 1, range: both(6.0, 8.3), typical: [6.3, 8.0] },
  albumin: { loinc: '1751-7', name: 'Albumin', unit: 'g/dL', decimals: 1, range: both(3.5, 5.0), typical: [3.7, 4.9] },
  bilirubin: { loinc: '1975-2', name: 'Total bilirubin', unit: 'mg/dL', decimals: 1, range: both(0.1, 1.2), typical: [0.2, 1.1] },
  alkalinePhosphatase: { loinc: '6768-6', name: 'Alkaline phosphatase', unit: 'U/L', decimals: 0, range: both(44, 147), typical: [48, 120] },
  alt: { loinc: '1742-6', name: 'ALT (liver enzyme)', unit: 'U/L', decimals: 0, range: { female: both(7, 45), male: both(7, 55) }, typical: { female: [9, 40], male: [12, 52] } },
  ast: { loinc: '1920-8', name: 'AST (liver enzyme)', unit: 'U/L', decimals: 0, range: both(8, 48), typical: [12, 40] },
  wbc: { loinc: '6690-2', name: 'White blood cells', unit: '10*3/uL', decimals: 1, range: both(4.5, 11.0), critical: { low: 2, high: 30 }, typical: [4.8, 10.2] },
  rbc: { loinc: '789-8', name: 'Red blood cells', unit: '10*6/uL', decimals: 2, range: { female: both(4.2, 5.4), male: both(4.7, 6.1) }, typical: { female: [4.25, 5.3], male: [4.75, 5.95] } },
  hemoglobin: { loinc: '718-7', name: 'Hemoglobin', unit: 'g/dL', decimals: 1, range: { female: both(12.0, 15.5), male: both(13.5, 17.5) }, critical: { low: 7, high: 20 }, typical: { female: [12.1, 15.2], male: [13.6, 17.0] } },
  hematocrit: { loinc: '4544-3', name: 'Hematocrit', unit: '%', decimals: 1, range: { female: both(36, 46), male: both(41, 53) }, typical: { female: [36.5, 45], male: [41.5, 51] } },
  mcv: { loinc: '787-2', name: 'Mean red cell volume (MCV)', unit: 'fL', decimals: 0, range: both(80, 100), typical: [82, 98] },
  platelets: { loinc: '777-3', name: 'Platelets', unit: '10*3/uL', decimals: 0, range: both(150, 400), critical: { low: 50, high: 1000 }, typical: [170, 380] },
  cholesterol: { loinc: '2093-3', name: 'Total cholesterol', unit: 'mg/dL', decimals: 0, range: both(null, 200), typical: [140, 230] },
  triglycerides: { loinc: '2571-8', name: 'Triglycerides', unit: 'mg/dL', decimals: 0, range: both(null, 150), typical: [60, 170] },
  hdl: { loinc: '2085-9', name: 'HDL cholesterol ("good")', unit: 'mg/dL', decimals: 0, range: { female: both(50, null), male: both(40, null) }, typical: { female: [48, 85], male: [38, 70] } },
  ldl: { loinc: '13457-7', name: 'LDL cholesterol ("bad"), calculated', unit: 'mg/dL', decimals: 0, range: both(null, 100), typical: [65, 135] },
  hba1c: { loinc: '4548-4', name: 'Hemoglobin A1c', unit: '%', decimals: 1, range: both(4.0, 5.6), typical: [4.7, 5.6] },
  tsh: { loinc: '3016-3', name: 'TSH (thyroid stimulating hormone)', unit: 'm[IU]/L', decimals: 2, range: both(0.45, 4.5), typical: [0.7, 3.8] },
  freeT4: { loinc: '3024-7', name: 'Free T4 (thyroxine)', unit: 'ng/dL', decimals: 2, range: both(0.8, 1.8), typical: [0.9, 1.6] },
  urineAlbuminRatio: { loinc: '9318-7', name: 'Urine albumin-to-creatinine ratio', unit: 'mg/g', decimals: 0, range: both(null, 30), typical: [3, 24] },
  psa: { loinc: '2857-1', name: 'PSA (prostate specific antigen)', unit: 'ng/mL', decimals: 2, range: both(null, 4.0), typical: [0.3, 3.4] },
  lead: { loinc: '5671-3', name: 'Lead, blood', unit: 'ug/dL', decimals: 1, range: both(null, 3.5), typical: [0.5, 2.8] },
  phq9: { loinc: '44261-6', name: 'Depression questionnaire (PHQ-9) score', unit: '{score}', decimals: 0, range: both(0, 4), typical: [0, 4] },
  gad7: { loinc: '70274-6', name: 'Anxiety questionnaire (GAD-7) score', unit: '{score}', decimals: 0, range: both(0, 4), typical: [0, 4] },
  chlamydia: { loinc: '43304-5', name: 'Chlamydia test (NAA)', unit: null, decimals: 0, range: both(null, null), typical: [0, 0], text: 'Not detected', abnormal: { text: 'Detected', chance: 0.06, minAge: 12 } },
  gonorrhea: { loinc: '43305-2', name: 'Gonorrhea test (NAA)', unit: null, decimals: 0, range: both(null, null), typical: [0, 0], text: 'Not detected', abnormal: { text: 'Detected', chance: 0.02, minAge: 12 } },
  pregnancy: { loinc: '2106-3', name: 'Pregnancy test, urine', unit: null, decimals: 0, range: both(null, null), typical: [0, 0], text: 'Negative', abnormal: { text: 'Positive', chance: 0.04, minAge: 15 } },
} as const satisfies Record<string, LabTest>;

export type LabTestId = keyof typeof LAB_TEST_TABLE;

export const LAB_TESTS: Record<LabTestId, LabTest> = LAB_TEST_TABLE;

export interface LabPanel {
  /** Name shown to patients and stored in results.panel. */
  name: string;
  /** The name inside a sentence, as in "my cholesterol test". */
  spoken: string;
  tests: readonly LabTestId[];
  /** CPT codes billed for the panel. */
  cpt: readonly string[];
  /** Drawn from a vein, so the visit also bills venipuncture (CPT 36415). */
  bloodDraw: boolean;
}

// prettier-ignore
const LAB_PANEL_TABLE = {
  cmp: {
    name: 'Comprehensive metabolic panel', spoken: 'metabolic panel',
    tests: ['glucose', 'bun', 'creatinine', 'egfr', 'sodium', 'potassium', 'chloride', 'carbonDioxide', 'calcium', 'protein', 'albumin', 'bilirubin', 'alkalinePhosphatase', 'alt', 'ast'],
    cpt: ['80053'],
    bloodDraw: true,
  },
  bmp: {
    name: 'Basic metabolic panel', spoken: 'metabolic panel',
    tests: ['glucose', 'bun', 'creatinine', 'egfr', 'sodium', 'potassium', 'chloride', 'carbonDioxide', 'calcium'],
    cpt: ['80048'],
    bloodDraw: true,
  },
  cbc: { name: 'Complete blood count', spoken: 'blood count', tests: ['wbc', 'rbc', 'hemoglobin', 'hematocrit', 'mcv', 'platelets'], cpt: ['85025'], bloodDraw: true },
  lipid: { name: 'Lipid panel', spoken: 'cholesterol test', tests: ['cholesterol', 'triglycerides', 'hdl', 'ldl'], cpt: ['80061'], bloodDraw: true },
  a1c: { name: 'Hemoglobin A1c', spoken: 'A1c test', tests: ['hba1c'], cpt: ['83036'], bloodDraw: true },
  thyroid: { name: 'Thyroid tests', spoken: 'thyroid tests', tests: ['tsh', 'freeT4'], cpt: ['84443', '84439'], bloodDraw: true },
  kidneyUrine: { name: 'Urine albumin test', spoken: 'urine albumin test', tests: ['urineAlbuminRatio'], cpt: ['82043', '82570'], bloodDraw: false },
  psa: { name: 'Prostate screening (PSA)', spoken: 'PSA test', tests: ['psa'], cpt: ['84153'], bloodDraw: true },
  lead: { name: 'Lead screening', spoken: 'lead test', tests: ['lead'], cpt: ['83655'], bloodDraw: true },
  phq9: { name: 'Depression questionnaire', spoken: 'depression questionnaire', tests: ['phq9'], cpt: ['96127'], bloodDraw: false },
  gad7: { name: 'Anxiety questionnaire', spoken: 'anxiety questionnaire', tests: ['gad7'], cpt: ['96127'], bloodDraw: false },
  sti: { name: 'Sexual health tests', spoken: 'sexual health tests', tests: ['chlamydia', 'gonorrhea'], cpt: ['87491', '87591'], bloodDraw: false },
  pregnancy: { name: 'Pregnancy test', spoken: 'pregnancy test', tests: ['pregnancy'], cpt: ['81025'], bloodDraw: false },
} as const satisfies Record<string, LabPanel>;

export type LabPanelId = keyof typeof LAB_PANEL_TABLE;

export const LAB_PANELS: Record<LabPanelId, LabPanel> = LAB_PANEL_TABLE;

/** Returns the reference range for a person of the given sex at birth. */
export function referenceRangeFor(test: LabTest, sex: Sex): ReferenceRange {
  return 'female' in test.range ? test.range[sex] : test.range;
}

export function typicalRangeFor(test: LabTest, sex: Sex): NumberRange {
  return 'female' in test.typical ? test.typical[sex] : test.typical;
}

/** Finds a test by LOINC code, for checks that start from a stored result. */
export function labTestByLoinc(loinc: string): LabTest | undefined {
  return Object.values(LAB_TESTS).find((test) => test.loinc === loinc);
}
