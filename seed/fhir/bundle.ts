import type { SeedRows } from '../rows.ts';
import { DIASTOLIC_LOINC, SYSTOLIC_LOINC } from './codes.ts';
import {
  allergyResource,
  appointmentResource,
  bloodPressureResource,
  conditionResource,
  encounterResource,
  immunizationResource,
  labResource,
  medicationRequestResource,
  patientResource,
  vitalResource,
  type Resource,
} from './resources.ts';

/** One patient's transaction Bundle and the MRN that names its file. */
export interface PatientBundle {
  patientId: string;
  mrn: string;
  bundle: Resource;
}

type ChartTables =
  | 'patientContacts'
  | 'problems'
  | 'visits'
  | 'results'
  | 'vitals'
  | 'medications'
  | 'allergies'
  | 'immunizations'
  | 'appointments';

const CHART_TABLES: readonly ChartTables[] = [
  'patientContacts',
  'problems',
  'visits',
  'results',
  'vitals',
  'medications',
  'allergies',
  'immunizations',
  'appointments',
];

type Chart = { [K in ChartTables]: SeedRows[K] };

/**
 * Builds one FHIR R4 transaction Bundle per patient of a row batch: Patient, Encounter,
 * Condition, Observation (laboratory and vital signs), MedicationRequest, AllergyIntolerance,
 * Immunization and Appointment. Each entry is POSTed under a urn:uuid full URL made from the
 * row's id, so the same rows always give the same JSON. Staff, proxies, messages and
 * statements are not exported.
 */
export function patientBundles(batch: SeedRows): PatientBundle[] {
  const charts = new Map<string, Chart>();
  for (const patient of batch.patients) charts.set(patient.id, emptyChart());
  for (const table of CHART_TABLES) {
    for (const row of batch[table]) {
      (charts.get(row.patientId)?.[table] as { patientId: string }[] | undefined)?.push(row);
    }
  }

  return batch.patients.map((patient) => {
    const chart = charts.get(patient.id)!;
    const id = patient.id;
    const entries: [string, Resource][] = [[id, patientResource(patient, chart.patientContacts)]];
    for (const row of chart.visits) entries.push([row.id, encounterResource(row, id)]);
    for (const row of chart.problems) entries.push([row.id, conditionResource(row, id)]);
    for (const row of chart.results) entries.push([row.id, labResource(row, id)]);
    entries.push(...vitalEntries(chart.vitals, id));
    for (const row of chart.medications) entries.push([row.id, medicationRequestResource(row, id)]);
    for (const row of chart.allergies) entries.push([row.id, allergyResource(row, id)]);
    for (const row of chart.immunizations) entries.push([row.id, immunizationResource(row, id)]);
    for (const row of chart.appointments) entries.push([row.id, appointmentResource(row, id)]);

    const bundle: Resource = {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: entries.map(([entryId, resource]) => ({
        fullUrl: `urn:uuid:${entryId}`,
        resource,
        request: { method: 'POST', url: resource.resourceType },
      })),
    };
    return { patientId: id, mrn: patient.mrn, bundle };
  });
}

function emptyChart(): Chart {
  return {
    patientContacts: [],
    problems: [],
    visits: [],
    results: [],
    vitals: [],
    medications: [],
    allergies: [],
    immunizations: [],
    appointments: [],
  };
}

// Systolic and diastolic rows of one reading (same visit and time) become one blood pressure
// Observation with two components, as US Core requires.
function vitalEntries(rows: SeedRows['vitals'], patientId: string): [string, Resource][] {
  const entries: [string, Resource][] = [];
  const diastolicByReading = new Map<string, SeedRows['vitals'][number]>();
  for (const row of rows) {
    if (row.loincCode === DIASTOLIC_LOINC) diastolicByReading.set(readingKey(row), row);
  }
  for (const row of rows) {
    if (row.loincCode === DIASTOLIC_LOINC) continue;
    if (row.loincCode === SYSTOLIC_LOINC) {
      const diastolic = diastolicByReading.get(readingKey(row));
      if (diastolic) entries.push([row.id, bloodPressureResource(row, diastolic, patientId)]);
      continue;
    }
    entries.push([row.id, vitalResource(row, patientId)]);
  }
  return entries;
}

function readingKey(row: SeedRows['vitals'][number]): string {
  return `${row.visitId ?? ''}|${row.takenAt}`;
}

/** Names of the files `--format fhir` writes: the patient's MRN, as in SYN-000042.json. */
export const FHIR_FILE_NAME = /^SYN-\d+\.json$/;

export function fhirFileName(mrn: string): string {
  return `${mrn}.json`;
}

/**
 * Serializes a Bundle as the bytes of its file: compact JSON and a final newline. Indentation
 * would double the size, and a 100,000-patient export is already many gigabytes.
 */
export function renderBundle(bundle: Resource): string {
  return `${JSON.stringify(bundle)}\n`;
}
