import type { Sensitivity } from '../../schema/chart.ts';
import { PENICILLIN_ALTERNATIVE } from '../clinical/acute.ts';
import type { Regimen } from '../clinical/conditions.ts';
import { MEDICATIONS, type MedicationId } from '../clinical/medications.ts';
import { ageOn, isoDate } from '../dates.ts';
import { chance, intBetween, newId, pick } from '../random.ts';
import type { StaffMember } from '../population/clinic.ts';
import type { ChartContext, ChartPatient, PlannedVisit } from './types.ts';

/** A medication on the list, kept for refill messages. */
export interface ListedMedication {
  id: MedicationId;
  active: boolean;
  sensitivity: Sensitivity;
}

interface Prescription {
  id: MedicationId;
  startDay: number;
  endDay: number | null;
  prescriber: StaffMember | null;
  sensitivity: Sensitivity;
}

/**
 * Adds the medication list: the regimen of each chronic condition (with any medication tried
 * before), short courses from acute visits, an epinephrine auto-injector for severe allergies,
 * and birth control from a confidential visit.
 */
export function addMedications(
  context: ChartContext,
  patient: ChartPatient,
  visits: PlannedVisit[],
): ListedMedication[] {
  const { faker, referenceDay } = context;
  const prescriptions: Prescription[] = [];
  const taken = new Set<MedicationId>();

  for (const condition of patient.conditions) {
    const regimen = chooseRegimen(
      context,
      patient,
      condition.controlled
        ? condition.rule.regimens.controlled
        : condition.rule.regimens.uncontrolled,
    );
    const prescriber = condition.rule.followUp.behavioralHealth
      ? (patient.behavioralTeam?.clinicians[0] ?? patient.clinician)
      : patient.clinician;
    let startDay = Math.min(condition.onsetDay + intBetween(faker, 0, 45), referenceDay - 1);

    for (const id of regimen.stopped ?? []) {
      if (taken.has(id)) continue;
      const endDay = Math.min(startDay + intBetween(faker, 60, 400), referenceDay - 2);
      prescriptions.push({
        id,
        startDay,
        endDay,
        prescriber,
        sensitivity: condition.rule.sensitivity,
      });
      startDay = endDay + 1;
    }
    for (const id of regimen.take) {
      if (taken.has(id)) continue;
      taken.add(id);
      prescriptions.push({
        id,
        startDay,
        endDay: null,
        prescriber,
        sensitivity: condition.rule.sensitivity,
      });
    }
  }

  for (const visit of visits) {
    const course = courseFor(patient, visit);
    if (course) {
      const endDay = visit.day + (MEDICATIONS[course].courseDays ?? 7);
      prescriptions.push({
        id: course,
        startDay: visit.day,
        endDay,
        prescriber: visit.clinician,
        sensitivity: 'normal',
      });
    }
    const female = patient.sex === 'female';
    if (visit.sensitivity === 'sexual-reproductive-health' && female && chance(faker, 0.7)) {
      prescriptions.push({
        id: 'levora',
        startDay: visit.day,
        endDay: null,
        prescriber: visit.clinician,
        sensitivity: visit.sensitivity,
      });
    }
  }

  const severe = patient.allergies.find((allergy) => allergy.needsEpinephrine);
  if (severe && patient.age >= MEDICATIONS.epinephrine.minAge) {
    prescriptions.push({
      id: 'epinephrine',
      startDay: Math.max(patient.recordStartDay, referenceDay - intBetween(faker, 30, 700)),
      endDay: null,
      prescriber: patient.clinician,
      sensitivity: 'normal',
    });
  }

  return prescriptions.map((prescription) => addRow(context, patient, prescription));
}

function addRow(
  context: ChartContext,
  patient: ChartPatient,
  prescription: Prescription,
): ListedMedication {
  const rule = MEDICATIONS[prescription.id];
  // A course that ends on or after the reference date is still being taken.
  const stopped = prescription.endDay !== null && prescription.endDay < context.referenceDay;
  context.rows.medications.push({
    id: newId(context.faker),
    patientId: patient.id,
    rxnormCode: rule.rxnorm,
    name: rule.name,
    instructions: rule.instructions,
    startedOn: isoDate(prescription.startDay),
    endedOn: stopped ? isoDate(prescription.endDay!) : null,
    status: stopped ? 'stopped' : 'active',
    prescriberStaffId: prescription.prescriber?.staffId ?? null,
    sensitivity: prescription.sensitivity,
  });
  return { id: prescription.id, active: !stopped, sensitivity: prescription.sensitivity };
}

// Picks among the regimens whose medications suit the patient's age; a regimen can be empty.
function chooseRegimen(
  context: ChartContext,
  patient: ChartPatient,
  regimens: readonly Regimen[],
): Regimen {
  const suitable = regimens.filter((regimen) =>
    [...regimen.take, ...(regimen.stopped ?? [])].every(
      (id) => patient.age >= MEDICATIONS[id].minAge,
    ),
  );
  return suitable.length > 0 ? pick(context.faker, suitable) : { take: [] };
}

function courseFor(patient: ChartPatient, visit: PlannedVisit): MedicationId | null {
  if (!visit.acute) return null;
  const age = ageOn(patient.birthDate, isoDate(visit.day));
  const penicillinAllergy = patient.allergies.some((allergy) => allergy.penicillinClass);

  for (const id of visit.acute.treatments) {
    const candidate =
      penicillinAllergy && id.startsWith('amoxicillin') ? PENICILLIN_ALTERNATIVE : id;
    if (age >= MEDICATIONS[candidate].minAge) return candidate;
  }
  return null;
}
