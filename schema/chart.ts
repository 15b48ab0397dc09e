import { sqliteTable, text, integer, real, index } from 'drizzle-orm/sqlite-core';
import { classifyColumns } from './phi.ts';
import { patients } from './patients.ts';
import { staff } from './care.ts';

/**
 * Sensitivity category of a chart item. "normal" items follow the ordinary rules; the others
 * may be hidden from parental proxies of adolescents by the jurisdiction policy.
 */
export const SENSITIVITY = [
  'normal',
  'mental-health',
  'sexual-reproductive-health',
  'substance-use',
] as const;
export type Sensitivity = (typeof SENSITIVITY)[number];

/** A visit (an encounter). */
export const visits = sqliteTable(
  'visits',
  {
    id: text('id').primaryKey(),
    patientId: text('patient_id')
      .notNull()
      .references(() => patients.id),
    startedAt: text('started_at').notNull(),
    kind: text('kind', {
      enum: ['office', 'annual', 'telehealth', 'lab', 'urgent', 'well-child'],
    }).notNull(),
    reason: text('reason').notNull(),
    clinicianStaffId: text('clinician_staff_id').references(() => staff.id),
    department: text('department').notNull(),
    sensitivity: text('sensitivity', { enum: SENSITIVITY }).notNull(),
  },
  (t) => [index('visits_patient_idx').on(t.patientId, t.startedAt)],
);

export const visitsPhi = classifyColumns(visits, 'ehr', {
  id: 'identifier',
  patientId: 'identifier',
  startedAt: 'limited',
  kind: 'full',
  reason: 'full',
  clinicianStaffId: 'identifier',
  department: 'full',
  sensitivity: 'sensitive',
});

// "abnormal" is for text results outside their expected answer, for example a positive culture.
export const RESULT_FLAGS = [
  'normal',
  'low',
  'high',
  'critical-low',
  'critical-high',
  'abnormal',
] as const;
export type ResultFlag = (typeof RESULT_FLAGS)[number];

/** A result (an observation): one LOINC-coded value with its UCUM unit and reference range. */
export const results = sqliteTable(
  'results',
  {
    id: text('id').primaryKey(),
    patientId: text('patient_id')
      .notNull()
      .references(() => patients.id),
    visitId: text('visit_id').references(() => visits.id),
    // The panel this result was ordered in, for grouping, for example "Lipid panel".
    panel: text('panel').notNull(),
    loincCode: text('loinc_code').notNull(),
    name: text('name').notNull(),
    valueNumeric: real('value_numeric'),
    valueText: text('value_text'),
    unit: text('unit'),
    referenceLow: real('reference_low'),
    referenceHigh: real('reference_high'),
    flag: text('flag', { enum: RESULT_FLAGS }).notNull(),
    observedAt: text('observed_at').notNull(),
    releasedAt: text('released_at').notNull(),
    // When the patient first opened it; null marks it as new on the dashboard.
    viewedAt: text('viewed_at'),
    sensitivity: text('sensitivity', { enum: SENSITIVITY }).notNull(),
  },
  (t) => [index('results_patient_idx').on(t.patientId, t.observedAt)],
);

export const resultsPhi = classifyColumns(results, 'ehr', {
  id: 'identifier',
  patientId: 'identifier',
  visitId: 'identifier',
  panel: 'full',
  loincCode: 'full',
  name: 'full',
  valueNumeric: 'full',
  valueText: 'full',
  unit: 'none',
  referenceLow: 'none',
  referenceHigh: 'none',
  flag: 'full',
  observedAt: 'limited',
  releasedAt: 'limited',
  viewedAt: 'none',
  sensitivity: 'sensitive',
});

export const medications = sqliteTable(
  'medications',
  {
    id: text('id').primaryKey(),
    patientId: text('patient_id')
      .notNull()
      .references(() => patients.id),
    rxnormCode: text('rxnorm_code').notNull(),
    name: text('name').notNull(),
    instructions: text('instructions').notNull(),
    startedOn: text('started_on').notNull(),
    endedOn: text('ended_on'),
    status: text('status', { enum: ['active', 'stopped'] }).notNull(),
    prescriberStaffId: text('prescriber_staff_id').references(() => staff.id),
    sensitivity: text('sensitivity', { enum: SENSITIVITY }).notNull(),
  },
  (t) => [index('medications_patient_idx').on(t.patientId)],
);

export const medicationsPhi = classifyColumns(medications, 'ehr', {
  id: 'identifier',
  patientId: 'identifier',
  rxnormCode: 'full',
  name: 'full',
  instructions: 'full',
  startedOn: 'limited',
  endedOn: 'limited',
  status: 'full',
  prescriberStaffId: 'identifier',
  sensitivity: 'sensitive',
});

/** A problem (a condition) on the patient's problem list, coded in SNOMED CT and ICD-10-CM. */
export const problems = sqliteTable(
  'problems',
  {
    id: text('id').primaryKey(),
    patientId: text('patient_id')
      .notNull()
      .references(() => patients.id),
    snomedCode: text('snomed_code').notNull(),
    icd10Code: text('icd10_code').notNull(),
    name: text('name').notNull(),
    onsetOn: text('onset_on').notNull(),
    status: text('status', { enum: ['active', 'resolved'] }).notNull(),
    sensitivity: text('sensitivity', { enum: SENSITIVITY }).notNull(),
  },
  (t) => [index('problems_patient_idx').on(t.patientId)],
);

export const problemsPhi = classifyColumns(problems, 'ehr', {
  id: 'identifier',
  patientId: 'identifier',
  snomedCode: 'full',
  icd10Code: 'full',
  name: 'full',
  onsetOn: 'limited',
  status: 'full',
  sensitivity: 'sensitive',
});

export const allergies = sqliteTable(
  'allergies',
  {
    id: text('id').primaryKey(),
    patientId: text('patient_id')
      .notNull()
      .references(() => patients.id),
    substance: text('substance').notNull(),
    reaction: text('reaction').notNull(),
    severity: text('severity', { enum: ['mild', 'moderate', 'severe'] }).notNull(),
    recordedOn: text('recorded_on').notNull(),
  },
  (t) => [index('allergies_patient_idx').on(t.patientId)],
);

export const allergiesPhi = classifyColumns(allergies, 'ehr', {
  id: 'identifier',
  patientId: 'identifier',
  substance: 'full',
  reaction: 'full',
  severity: 'full',
  recordedOn: 'limited',
});

export const immunizations = sqliteTable(
  'immunizations',
  {
    id: text('id').primaryKey(),
    patientId: text('patient_id')
      .notNull()
      .references(() => patients.id),
    cvxCode: text('cvx_code').notNull(),
    name: text('name').notNull(),
    givenOn: text('given_on').notNull(),
    doseNumber: integer('dose_number').notNull(),
  },
  (t) => [index('immunizations_patient_idx').on(t.patientId)],
);

export const immunizationsPhi = classifyColumns(immunizations, 'ehr', {
  id: 'identifier',
  patientId: 'identifier',
  cvxCode: 'full',
  name: 'full',
  givenOn: 'limited',
  doseNumber: 'full',
});

export const appointments = sqliteTable(
  'appointments',
  {
    id: text('id').primaryKey(),
    patientId: text('patient_id')
      .notNull()
      .references(() => patients.id),
    startsAt: text('starts_at').notNull(),
    durationMinutes: integer('duration_minutes').notNull(),
    kind: text('kind', { enum: ['office', 'annual', 'telehealth', 'lab', 'well-child'] }).notNull(),
    reason: text('reason').notNull(),
    location: text('location').notNull(),
    clinicianStaffId: text('clinician_staff_id').references(() => staff.id),
    status: text('status', { enum: ['booked', 'completed', 'cancelled', 'no-show'] }).notNull(),
    sensitivity: text('sensitivity', { enum: SENSITIVITY }).notNull().default('normal'),
  },
  (t) => [index('appointments_patient_idx').on(t.patientId, t.startsAt)],
);

export const appointmentsPhi = classifyColumns(appointments, 'scheduling', {
  id: 'identifier',
  patientId: 'identifier',
  startsAt: 'limited',
  durationMinutes: 'none',
  kind: 'full',
  reason: 'full',
  location: 'limited',
  clinicianStaffId: 'identifier',
  status: 'full',
  sensitivity: 'sensitive',
});

/**
 * A vital sign taken at a visit: one LOINC-coded value with its UCUM unit. Blood pressure is two
 * rows, systolic and diastolic. Children get length or height, weight and head size.
 */
export const vitals = sqliteTable(
  'vitals',
  {
    id: text('id').primaryKey(),
    patientId: text('patient_id')
      .notNull()
      .references(() => patients.id),
    visitId: text('visit_id').references(() => visits.id),
    loincCode: text('loinc_code').notNull(),
    name: text('name').notNull(),
    value: real('value').notNull(),
    unit: text('unit').notNull(),
    takenAt: text('taken_at').notNull(),
  },
  (t) => [index('vitals_patient_idx').on(t.patientId, t.takenAt)],
);

export const vitalsPhi = classifyColumns(vitals, 'ehr', {
  id: 'identifier',
  patientId: 'identifier',
  visitId: 'identifier',
  loincCode: 'full',
  name: 'full',
  value: 'full',
  unit: 'none',
  takenAt: 'limited',
});
