// Chronic conditions: how common each is, how it is coded, and what it brings to a chart.
// Prevalence figures are rounded estimates of diagnosed US prevalence by age band and sex at
// birth; they make a plausible population, not an epidemiological model.

import type { Sensitivity } from '../../schema/chart.ts';
import type { LabPanelId, LabTestId, NumberRange } from './labs.ts';
import type { MedicationId } from './medications.ts';

export interface PrevalenceBand {
  /** Ages in whole years, both ends included. */
  ages: NumberRange;
  female: number;
  male: number;
}

/** Medications taken for the condition, and any tried before and stopped. */
export interface Regimen {
  take: readonly MedicationId[];
  stopped?: readonly MedicationId[];
}

export interface ConditionRule {
  name: string;
  snomed: string;
  icd10: string;
  sensitivity: Sensitivity;
  prevalence: readonly PrevalenceBand[];
  /** Multiplies the chance of this condition for a person who already has the listed one. */
  riskFactors?: Partial<Record<ConditionId, number>>;
  minOnsetAge: number;
  /** Share of patients whose condition is well controlled. */
  controlledShare: number;
  followUp: {
    /** Plain words for the visit reason, as in "Follow-up: diabetes". */
    label: string;
    controlledMonths: number;
    uncontrolledMonths: number;
    /** Panels drawn at each follow-up visit and once a year. */
    panels: readonly LabPanelId[];
    yearlyPanels: readonly LabPanelId[];
    /** Seen by the behavioral health team rather than primary care. */
    behavioralHealth: boolean;
  };
  /** Result ranges that the condition moves away from typical values. */
  labs: Partial<Record<LabTestId, { controlled: NumberRange; uncontrolled: NumberRange }>>;
  regimens: { controlled: readonly Regimen[]; uncontrolled: readonly Regimen[] };
}

const band = (min: number, max: number, female: number, male: number): PrevalenceBand => ({
  ages: [min, max],
  female,
  male,
});

export type ConditionId =
  | 'obesity'
  | 'typeTwoDiabetes'
  | 'hypertension'
  | 'hyperlipidemia'
  | 'chronicKidneyDisease'
  | 'hypothyroidism'
  | 'asthma'
  | 'gerd'
  | 'depression'
  | 'anxiety';

// The order matters: a condition can only name conditions above it as risk factors.
// prettier-ignore
export const CONDITIONS: Record<ConditionId, ConditionRule> = {
  obesity: {
    name: 'Obesity',
    snomed: '414916001',
    icd10: 'E66.9',
    sensitivity: 'normal',
    prevalence: [band(6, 17, 0.12, 0.14), band(18, 120, 0.3, 0.28)],
    minOnsetAge: 6,
    controlledShare: 0.3,
    followUp: { label: 'weight', controlledMonths: 12, uncontrolledMonths: 6, panels: [], yearlyPanels: [], behavioralHealth: false },
    labs: { triglycerides: { controlled: [80, 150], uncontrolled: [120, 230] } },
    regimens: { controlled: [{ take: [] }], uncontrolled: [{ take: [] }] },
  },
  typeTwoDiabetes: {
    name: 'Type 2 diabetes',
    snomed: '44054006',
    icd10: 'E11.9',
    sensitivity: 'normal',
    prevalence: [band(10, 17, 0.002, 0.002), band(18, 44, 0.03, 0.035), band(45, 64, 0.12, 0.15), band(65, 120, 0.2, 0.24)],
    riskFactors: { obesity: 2.5 },
    minOnsetAge: 10,
    controlledShare: 0.55,
    followUp: { label: 'diabetes', controlledMonths: 6, uncontrolledMonths: 3, panels: ['a1c'], yearlyPanels: ['kidneyUrine'], behavioralHealth: false },
    labs: {
      hba1c: { controlled: [6.5, 7.4], uncontrolled: [7.8, 10.0] },
      glucose: { controlled: [104, 150], uncontrolled: [160, 290] },
    },
    regimens: {
      controlled: [{ take: ['metformin'] }],
      uncontrolled: [{ take: ['metformin', 'canagliflozin'] }, { take: ['metformin', 'liraglutide'] }, { take: ['metformin', 'insulin7030'] }],
    },
  },
  hypertension: {
    name: 'High blood pressure (hypertension)',
    snomed: '59621000',
    icd10: 'I10',
    sensitivity: 'normal',
    prevalence: [band(18, 39, 0.05, 0.08), band(40, 59, 0.25, 0.32), band(60, 120, 0.55, 0.58)],
    riskFactors: { obesity: 1.6, typeTwoDiabetes: 1.5 },
    minOnsetAge: 18,
    controlledShare: 0.5,
    followUp: { label: 'blood pressure', controlledMonths: 6, uncontrolledMonths: 3, panels: [], yearlyPanels: ['bmp'], behavioralHealth: false },
    labs: {},
    regimens: {
      controlled: [{ take: ['lisinopril'] }, { take: ['amlodipine'] }, { take: ['losartan'], stopped: ['lisinopril'] }],
      uncontrolled: [{ take: ['lisinopril', 'amlodipine'] }, { take: ['losartan', 'hydrochlorothiazide'] }],
    },
  },
  hyperlipidemia: {
    name: 'High cholesterol (hyperlipidemia)',
    snomed: '55822004',
    icd10: 'E78.5',
    sensitivity: 'normal',
    prevalence: [band(18, 39, 0.04, 0.06), band(40, 64, 0.22, 0.27), band(65, 120, 0.38, 0.4)],
    riskFactors: { typeTwoDiabetes: 1.8 },
    minOnsetAge: 18,
    controlledShare: 0.6,
    followUp: { label: 'cholesterol', controlledMonths: 12, uncontrolledMonths: 6, panels: ['lipid'], yearlyPanels: [], behavioralHealth: false },
    labs: {
      ldl: { controlled: [70, 99], uncontrolled: [140, 195] },
      triglycerides: { controlled: [80, 149], uncontrolled: [160, 320] },
    },
    regimens: {
      controlled: [{ take: ['simvastatin'] }, { take: ['atorvastatin'] }],
      uncontrolled: [{ take: ['simvastatin'] }, { take: [] }],
    },
  },
  chronicKidneyDisease: {
    name: 'Chronic kidney disease, stage 3',
    snomed: '433144002',
    icd10: 'N18.30',
    sensitivity: 'normal',
    prevalence: [band(30, 44, 0.005, 0.005), band(45, 64, 0.04, 0.04), band(65, 120, 0.15, 0.14)],
    riskFactors: { typeTwoDiabetes: 2.5, hypertension: 2 },
    minOnsetAge: 30,
    controlledShare: 0.6,
    followUp: { label: 'kidney function', controlledMonths: 6, uncontrolledMonths: 3, panels: ['bmp'], yearlyPanels: ['kidneyUrine', 'cbc'], behavioralHealth: false },
    labs: {
      egfr: { controlled: [45, 58], uncontrolled: [31, 44] },
      potassium: { controlled: [4.0, 5.0], uncontrolled: [4.6, 5.6] },
      bun: { controlled: [18, 28], uncontrolled: [24, 40] },
      urineAlbuminRatio: { controlled: [30, 120], uncontrolled: [120, 500] },
    },
    regimens: { controlled: [{ take: ['lisinopril'] }, { take: ['losartan'] }], uncontrolled: [{ take: ['losartan'] }] },
  },
  hypothyroidism: {
    name: 'Underactive thyroid (hypothyroidism)',
    snomed: '40930008',
    icd10: 'E03.9',
    sensitivity: 'normal',
    prevalence: [band(1, 17, 0.003, 0.002), band(18, 44, 0.04, 0.01), band(45, 64, 0.08, 0.02), band(65, 120, 0.12, 0.04)],
    minOnsetAge: 1,
    controlledShare: 0.7,
    followUp: { label: 'thyroid', controlledMonths: 12, uncontrolledMonths: 4, panels: ['thyroid'], yearlyPanels: [], behavioralHealth: false },
    labs: {
      tsh: { controlled: [0.8, 4.0], uncontrolled: [5.5, 12] },
      freeT4: { controlled: [0.9, 1.5], uncontrolled: [0.55, 0.78] },
    },
    regimens: { controlled: [{ take: ['levothyroxine'] }], uncontrolled: [{ take: ['levothyroxine'] }] },
  },
  asthma: {
    name: 'Asthma',
    snomed: '195967001',
    icd10: 'J45.909',
    sensitivity: 'normal',
    prevalence: [band(2, 17, 0.06, 0.08), band(18, 120, 0.1, 0.06)],
    minOnsetAge: 2,
    controlledShare: 0.6,
    followUp: { label: 'asthma', controlledMonths: 12, uncontrolledMonths: 4, panels: [], yearlyPanels: [], behavioralHealth: false },
    labs: {},
    regimens: { controlled: [{ take: ['albuterol'] }], uncontrolled: [{ take: ['albuterol', 'fluticasone'] }] },
  },
  gerd: {
    name: 'Acid reflux (GERD)',
    snomed: '235595009',
    icd10: 'K21.9',
    sensitivity: 'normal',
    prevalence: [band(18, 44, 0.08, 0.08), band(45, 120, 0.15, 0.15)],
    minOnsetAge: 18,
    controlledShare: 0.7,
    followUp: { label: 'acid reflux', controlledMonths: 12, uncontrolledMonths: 6, panels: [], yearlyPanels: [], behavioralHealth: false },
    labs: {},
    regimens: { controlled: [{ take: ['omeprazole'] }], uncontrolled: [{ take: ['omeprazole'] }] },
  },
  depression: {
    name: 'Depression',
    snomed: '35489007',
    icd10: 'F32.A',
    sensitivity: 'mental-health',
    prevalence: [band(12, 17, 0.12, 0.05), band(18, 64, 0.12, 0.07), band(65, 120, 0.08, 0.05)],
    minOnsetAge: 12,
    controlledShare: 0.55,
    followUp: { label: 'depression', controlledMonths: 3, uncontrolledMonths: 1, panels: ['phq9'], yearlyPanels: [], behavioralHealth: true },
    labs: { phq9: { controlled: [2, 8], uncontrolled: [10, 19] } },
    regimens: {
      controlled: [{ take: ['sertraline'] }, { take: ['fluoxetine'] }],
      uncontrolled: [{ take: ['sertraline'] }, { take: ['fluoxetine'] }, { take: [] }],
    },
  },
  anxiety: {
    name: 'Generalized anxiety disorder',
    snomed: '21897009',
    icd10: 'F41.1',
    sensitivity: 'mental-health',
    prevalence: [band(12, 17, 0.08, 0.04), band(18, 120, 0.09, 0.05)],
    minOnsetAge: 12,
    controlledShare: 0.55,
    followUp: { label: 'anxiety', controlledMonths: 3, uncontrolledMonths: 1, panels: ['gad7'], yearlyPanels: [], behavioralHealth: true },
    labs: { gad7: { controlled: [2, 7], uncontrolled: [10, 17] } },
    regimens: {
      controlled: [{ take: ['sertraline'] }, { take: [] }],
      uncontrolled: [{ take: ['sertraline'] }, { take: ['fluoxetine'] }],
    },
  },
};

export const CONDITION_IDS = Object.keys(CONDITIONS) as ConditionId[];

/** Returns the chance that a person of this age and sex has the condition, before risk factors. */
export function baseChance(rule: ConditionRule, age: number, sex: 'female' | 'male'): number {
  const match = rule.prevalence.find(({ ages }) => age >= ages[0] && age <= ages[1]);
  return match ? match[sex] : 0;
}
