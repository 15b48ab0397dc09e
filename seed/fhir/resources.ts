// Builders of FHIR R4 resources from generated rows. Each builder reads one row and returns
// one resource; references point at other entries of the same transaction Bundle by their
// urn:uuid full URL.

import type { SeedRows } from '../rows.ts';
import { allergyRuleOf } from '../clinical/allergies.ts';
import {
  APPOINTMENT_STATUS,
  BLOOD_PRESSURE_PANEL,
  DATA_ABSENT_REASON,
  ENCOUNTER_CLASS,
  ENCOUNTER_TYPE,
  EXTENSION,
  INTERPRETATION,
  PROFILE,
  SECURITY_LABEL,
  SYNTHETIC_MRN_SYSTEM,
  SYNTHETIC_STAFF_SYSTEM,
  SYSTEM,
  VITAL_PROFILE_BY_LOINC,
} from './codes.ts';

/** A FHIR resource as plain JSON. */
export interface Resource {
  resourceType: string;
  [element: string]: unknown;
}

type Row<K extends keyof SeedRows> = SeedRows[K][number];

export function reference(id: string): { reference: string } {
  return { reference: `urn:uuid:${id}` };
}

function meta(profile: string, sensitivity?: string | null): Record<string, unknown> {
  const label = sensitivity ? SECURITY_LABEL[sensitivity] : undefined;
  return label
    ? { profile: [profile], security: [{ system: SYSTEM.actCode, ...label }] }
    : { profile: [profile] };
}

function coding(system: string, code: string, display?: string) {
  return display ? { system, code, display } : { system, code };
}

function category(system: string, code: string, display: string) {
  return [{ coding: [coding(system, code, display)] }];
}

/**
 * Builds the Patient. Birth sex comes from the record. The generator does not model race or
 * ethnicity, so both extensions carry the null flavor ASKU ("asked but no answer"), which the
 * US Core value sets allow.
 */
export function patientResource(
  patient: Row<'patients'>,
  contacts: Row<'patientContacts'>[],
): Resource {
  const askedNoAnswer = {
    url: 'ombCategory',
    valueCoding: coding(SYSTEM.nullFlavor, 'ASKU', 'Asked but no answer'),
  };
  const names: Record<string, unknown>[] = [
    { use: 'official', family: patient.familyName, given: patient.givenName.split(' ') },
  ];
  if (patient.preferredName) names.push({ use: 'usual', given: [patient.preferredName] });
  return {
    resourceType: 'Patient',
    meta: { profile: [PROFILE.patient], tag: [{ code: 'synthetic', display: 'Synthetic data' }] },
    extension: [
      { url: EXTENSION.race, extension: [askedNoAnswer, { url: 'text', valueString: 'Unknown' }] },
      {
        url: EXTENSION.ethnicity,
        extension: [askedNoAnswer, { url: 'text', valueString: 'Unknown' }],
      },
      { url: EXTENSION.birthSex, valueCode: patient.sexAtBirth === 'female' ? 'F' : 'M' },
    ],
    identifier: [
      {
        use: 'usual',
        type: { coding: [coding(SYSTEM.identifierType, 'MR', 'Medical record number')] },
        system: SYNTHETIC_MRN_SYSTEM,
        value: patient.mrn,
      },
    ],
    name: names,
    telecom: contacts.map((contact) => ({
      system: contact.kind,
      value: contact.value,
      use: contact.kind === 'phone' ? 'mobile' : 'home',
    })),
    gender: patient.sexAtBirth,
    birthDate: patient.birthDate,
    address: [
      {
        use: 'home',
        line: [patient.addressLine],
        city: patient.city,
        state: patient.state,
        postalCode: patient.postalCode,
        country: 'US',
      },
    ],
  };
}

export function conditionResource(problem: Row<'problems'>, patientId: string): Resource {
  return {
    resourceType: 'Condition',
    meta: meta(PROFILE.condition, problem.sensitivity),
    clinicalStatus: { coding: [coding(SYSTEM.conditionClinical, problem.status)] },
    verificationStatus: { coding: [coding(SYSTEM.conditionVerification, 'confirmed')] },
    category: category(SYSTEM.conditionCategory, 'problem-list-item', 'Problem List Item'),
    code: {
      coding: [
        coding(SYSTEM.snomed, problem.snomedCode, problem.name),
        coding(SYSTEM.icd10cm, problem.icd10Code),
      ],
      text: problem.name,
    },
    subject: reference(patientId),
    onsetDateTime: problem.onsetOn,
  };
}

/** Builds a laboratory result: a UCUM quantity, or a string for results reported as text. */
export function labResource(result: Row<'results'>, patientId: string): Resource {
  const value =
    result.valueNumeric !== null && result.valueNumeric !== undefined
      ? {
          valueQuantity: {
            value: result.valueNumeric,
            unit: result.unit!,
            system: SYSTEM.ucum,
            code: result.unit!,
          },
        }
      : { valueString: result.valueText ?? '' };
  const range: Record<string, unknown> = {};
  const unit = result.unit ?? undefined;
  if (unit && result.referenceLow != null) range.low = quantity(result.referenceLow, unit);
  if (unit && result.referenceHigh != null) range.high = quantity(result.referenceHigh, unit);
  const interpretation = INTERPRETATION[result.flag]!;
  return {
    resourceType: 'Observation',
    meta: meta(PROFILE.labResult, result.sensitivity),
    status: 'final',
    category: category(SYSTEM.observationCategory, 'laboratory', 'Laboratory'),
    code: { coding: [coding(SYSTEM.loinc, result.loincCode, result.name)], text: result.name },
    subject: reference(patientId),
    ...(result.visitId ? { encounter: reference(result.visitId) } : {}),
    effectiveDateTime: result.observedAt,
    issued: result.releasedAt,
    ...value,
    interpretation: [
      { coding: [coding(SYSTEM.interpretation, interpretation.code, interpretation.display)] },
    ],
    ...(Object.keys(range).length > 0 ? { referenceRange: [range] } : {}),
  };
}

function quantity(value: number, unit: string) {
  return { value, unit, system: SYSTEM.ucum, code: unit };
}

function vitalBase(row: Row<'vitals'>, patientId: string, profile: string) {
  return {
    resourceType: 'Observation',
    meta: meta(profile),
    status: 'final',
    category: category(SYSTEM.observationCategory, 'vital-signs', 'Vital Signs'),
    subject: reference(patientId),
    ...(row.visitId ? { encounter: reference(row.visitId) } : {}),
    effectiveDateTime: row.takenAt,
  };
}

/** Builds one vital sign other than blood pressure, under its US Core vital-sign profile. */
export function vitalResource(row: Row<'vitals'>, patientId: string): Resource {
  return {
    ...vitalBase(row, patientId, VITAL_PROFILE_BY_LOINC[row.loincCode]!),
    code: { coding: [coding(SYSTEM.loinc, row.loincCode, row.name)], text: row.name },
    valueQuantity: quantity(row.value, row.unit),
  };
}

/** Builds one blood pressure Observation from the systolic and diastolic rows of a reading. */
export function bloodPressureResource(
  systolic: Row<'vitals'>,
  diastolic: Row<'vitals'>,
  patientId: string,
): Resource {
  const component = (row: Row<'vitals'>) => ({
    code: { coding: [coding(SYSTEM.loinc, row.loincCode, row.name)] },
    valueQuantity: quantity(row.value, row.unit),
  });
  return {
    ...vitalBase(systolic, patientId, PROFILE.bloodPressure),
    code: {
      coding: [coding(SYSTEM.loinc, BLOOD_PRESSURE_PANEL.code, BLOOD_PRESSURE_PANEL.display)],
      text: 'Blood pressure',
    },
    component: [component(systolic), component(diastolic)],
  };
}

/**
 * Returns a logical reference to a clinician by synthetic staff identifier, because staff are
 * not exported. Without a recorded clinician, a data-absent-reason extension fills the element.
 */
function staffReference(staffId: string | null | undefined): Record<string, unknown> {
  return staffId
    ? { type: 'Practitioner', identifier: { system: SYNTHETIC_STAFF_SYSTEM, value: staffId } }
    : { extension: [{ url: DATA_ABSENT_REASON, valueCode: 'unknown' }] };
}

export function medicationRequestResource(row: Row<'medications'>, patientId: string): Resource {
  return {
    resourceType: 'MedicationRequest',
    meta: meta(PROFILE.medicationRequest, row.sensitivity),
    status: row.status === 'active' ? 'active' : 'stopped',
    intent: 'order',
    medicationCodeableConcept: {
      coding: [coding(SYSTEM.rxnorm, row.rxnormCode, row.name)],
      text: row.name,
    },
    subject: reference(patientId),
    authoredOn: row.startedOn,
    requester: staffReference(row.prescriberStaffId),
    dosageInstruction: [{ text: row.instructions }],
  };
}

// The allergy table stores the substance as text; the code comes from the clinical table.
export function allergyResource(row: Row<'allergies'>, patientId: string): Resource {
  const rule = allergyRuleOf(row.substance);
  return {
    resourceType: 'AllergyIntolerance',
    meta: meta(PROFILE.allergy),
    clinicalStatus: { coding: [coding(SYSTEM.allergyClinical, 'active', 'Active')] },
    verificationStatus: { coding: [coding(SYSTEM.allergyVerification, 'confirmed', 'Confirmed')] },
    ...(rule ? { category: [rule.category] } : {}),
    code: rule
      ? {
          coding: [coding(SYSTEM[rule.code.system], rule.code.code, rule.code.display)],
          text: row.substance,
        }
      : { text: row.substance },
    patient: reference(patientId),
    recordedDate: row.recordedOn,
    reaction: [{ manifestation: [{ text: row.reaction }], severity: row.severity }],
  };
}

export function immunizationResource(row: Row<'immunizations'>, patientId: string): Resource {
  return {
    resourceType: 'Immunization',
    meta: meta(PROFILE.immunization),
    status: 'completed',
    vaccineCode: { coding: [coding(SYSTEM.cvx, row.cvxCode, row.name)], text: row.name },
    patient: reference(patientId),
    occurrenceDateTime: row.givenOn,
    primarySource: true,
    protocolApplied: [{ doseNumberPositiveInt: row.doseNumber }],
  };
}

export function encounterResource(row: Row<'visits'>, patientId: string): Resource {
  const encounterClass = ENCOUNTER_CLASS[row.kind] ?? ENCOUNTER_CLASS.default!;
  const type = ENCOUNTER_TYPE[row.kind];
  return {
    resourceType: 'Encounter',
    meta: meta(PROFILE.encounter, row.sensitivity),
    status: 'finished',
    class: coding(SYSTEM.actCode, encounterClass.code, encounterClass.display),
    type: [
      {
        ...(type ? { coding: [coding(SYSTEM.snomed, type.code, type.display)] } : {}),
        text: `${row.department}: ${row.kind} visit`,
      },
    ],
    subject: reference(patientId),
    ...(row.clinicianStaffId
      ? { participant: [{ individual: staffReference(row.clinicianStaffId) }] }
      : {}),
    period: { start: row.startedAt },
    reasonCode: [{ text: row.reason }],
  };
}

export function appointmentResource(row: Row<'appointments'>, patientId: string): Resource {
  const startMs = Date.parse(row.startsAt);
  return {
    resourceType: 'Appointment',
    ...(row.sensitivity && row.sensitivity !== 'normal'
      ? { meta: metaSecurity(row.sensitivity) }
      : {}),
    status: APPOINTMENT_STATUS[row.status]!,
    description: row.reason,
    start: row.startsAt,
    end: new Date(startMs + row.durationMinutes * 60_000).toISOString(),
    minutesDuration: row.durationMinutes,
    participant: [{ actor: reference(patientId), status: 'accepted' }],
  };
}

function metaSecurity(sensitivity: string) {
  const label = SECURITY_LABEL[sensitivity];
  return label ? { security: [{ system: SYSTEM.actCode, ...label }] } : {};
}
