import { isoDate } from '../dates.ts';
import { newId } from '../random.ts';
import { addAppointments } from './appointments.ts';
import { addVisitsAndResults } from './encounters.ts';
import { addImmunizations } from './immunizations.ts';
import { addMedications } from './medications.ts';
import { addMessageThreads } from './messages.ts';
import { addProblemsAndAllergies } from './profile.ts';
import { addStatements } from './statements.ts';
import type { ChartContext, ChartPatient, PlannedVisit } from './types.ts';
import { planVisits } from './visits.ts';
import { addVitals } from './vitals.ts';

// An acute problem stays on the active list for two weeks after the visit.
const ACUTE_ACTIVE_DAYS = 14;

/** Generates one patient's chart into the context's rows. */
export function generateChart(context: ChartContext, patient: ChartPatient): void {
  addProblemsAndAllergies(context, patient);

  const visits = planVisits(context, patient);
  const panels = addVisitsAndResults(context, patient, visits);
  addVitals(context, patient, visits);
  addAcuteProblems(context, patient, visits);
  const medications = addMedications(context, patient, visits);
  addImmunizations(context, patient);

  const upcoming = addAppointments(context, patient, visits);
  const statements = addStatements(context, patient, visits);
  addMessageThreads(context, patient, { medications, panels, upcoming, statements });
}

function addAcuteProblems(
  context: ChartContext,
  patient: ChartPatient,
  visits: PlannedVisit[],
): void {
  for (const visit of visits) {
    if (!visit.acute) continue;
    const resolved = visit.day < context.referenceDay - ACUTE_ACTIVE_DAYS;
    context.rows.problems.push({
      id: newId(context.faker),
      patientId: patient.id,
      snomedCode: visit.acute.snomed,
      icd10Code: visit.acute.icd10,
      name: visit.acute.name,
      onsetOn: isoDate(visit.day),
      status: resolved ? 'resolved' : 'active',
      sensitivity: visit.sensitivity,
    });
  }
}
