import { ACUTE_EPISODES } from '../clinical/acute.ts';
import type { LabPanelId } from '../clinical/labs.ts';
import { ageOn, isoDate, previousWeekday } from '../dates.ts';
import { chance, intBetween } from '../random.ts';
import { planBehavioralHealth, planFollowUps, planRecentLabs } from './condition-visits.ts';
import { planAnnual, planWellChild } from './preventive-visits.ts';
import type { ChartContext, ChartPatient, PlannedVisit } from './types.ts';
import { HISTORY_DAYS, clinicMinutes, primaryCare } from './visit-builders.ts';

/** Plans every past visit of a patient, oldest first. */
export function planVisits(context: ChartContext, patient: ChartPatient): PlannedVisit[] {
  const windowStart = Math.max(
    context.referenceDay - HISTORY_DAYS,
    patient.recordStartDay,
    patient.birthDay,
  );
  const preventive =
    patient.age < 18
      ? planWellChild(context, patient, windowStart)
      : planAnnual(context, patient, windowStart);
  const visits = [
    ...preventive,
    ...planFollowUps(context, patient, windowStart, preventive),
    ...planBehavioralHealth(context, patient, windowStart),
    ...planAcute(context, patient, windowStart),
    ...planConfidential(context, patient, windowStart),
    ...planRecentLabs(context, patient),
  ];
  return visits.sort((a, b) => a.day - b.day || a.minutes - b.minutes);
}

function planAcute(
  context: ChartContext,
  patient: ChartPatient,
  windowStart: number,
): PlannedVisit[] {
  const { faker, referenceDay } = context;
  const weights = patient.age < 12 ? [3, 4, 3, 1] : [5, 4, 2];
  const count = faker.helpers.weightedArrayElement(
    weights.map((weight, value) => ({ weight, value })),
  );
  const visits: PlannedVisit[] = [];

  for (let n = 0; n < count; n += 1) {
    const day = previousWeekday(intBetween(faker, windowStart, referenceDay - 1));
    const age = ageOn(patient.birthDate, isoDate(day));
    const eligible = ACUTE_EPISODES.filter(
      (e) => age >= e.ages[0] && age <= e.ages[1] && (!e.sex || e.sex === patient.sex),
    );
    if (day < windowStart || eligible.length === 0) continue;

    const episode = faker.helpers.weightedArrayElement(
      eligible.map((value) => ({ weight: value.weight, value })),
    );
    const urgent = chance(faker, 0.35);
    const visit = primaryCare(
      context,
      patient,
      day,
      urgent ? 'urgent' : 'office',
      episode.reason,
      [],
      '99213',
    );
    if (urgent) {
      // Walk-in urgent care: staffed by clinicians outside the patient's care teams.
      Object.assign(visit, {
        department: 'Urgent Care',
        team: null,
        clinician: null,
        minutes: clinicMinutes(context, 36),
      });
    }
    visit.acute = episode;
    visits.push(visit);
  }
  return visits;
}

function planConfidential(
  context: ChartContext,
  patient: ChartPatient,
  windowStart: number,
): PlannedVisit[] {
  const { faker, referenceDay } = context;
  if (!patient.confidentialVisit || patient.age < 13 || patient.age >= 18) return [];

  const day = previousWeekday(Math.max(windowStart, referenceDay - intBetween(faker, 20, 300)));
  const female = patient.sex === 'female';
  const reason = female
    ? 'Confidential visit: birth control and sexual health'
    : 'Confidential visit: sexual health check';
  const panels: LabPanelId[] = female ? ['sti', 'pregnancy'] : ['sti'];
  const visit = primaryCare(context, patient, day, 'office', reason, panels, '99213');
  visit.sensitivity = 'sexual-reproductive-health';
  return [visit];
}
