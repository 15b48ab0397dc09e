import type { LabPanelId } from '../clinical/labs.ts';
import { previousWeekday } from '../dates.ts';
import { chance, intBetween, newId } from '../random.ts';
import type { ChartContext, ChartPatient, PlannedVisit } from './types.ts';
import {
  activeOn,
  clinicMinutes,
  distinctPanels,
  intervalMonths,
  primaryCare,
} from './visit-builders.ts';

export function planFollowUps(
  context: ChartContext,
  patient: ChartPatient,
  windowStart: number,
  preventive: PlannedVisit[],
): PlannedVisit[] {
  const { faker, referenceDay } = context;
  const conditions = patient.conditions.filter((c) => !c.rule.followUp.behavioralHealth);
  if (conditions.length === 0) return [];

  const intervalDays = Math.min(...conditions.map(intervalMonths)) * 30;
  const firstOnset = Math.min(...conditions.map((c) => c.onsetDay));
  const visits: PlannedVisit[] = [];

  for (
    let due = referenceDay - intBetween(faker, 5, intervalDays);
    due >= Math.max(windowStart, firstOnset);
    due -= intervalDays + intBetween(faker, -10, 10)
  ) {
    const day = previousWeekday(due);
    const active = activeOn(conditions, day, false);
    const nearPreventive = preventive.some((visit) => Math.abs(visit.day - day) < 30);
    if (active.length === 0 || nearPreventive) continue;

    const telehealth = chance(faker, 0.25);
    const panels = telehealth ? [] : distinctPanels(active.flatMap((c) => c.rule.followUp.panels));
    const complex = active.length > 1 || active.some((c) => !c.controlled);
    const reason = `Follow-up: ${active.map((c) => c.rule.followUp.label).join(', ')}`;
    visits.push(
      primaryCare(
        context,
        patient,
        day,
        telehealth ? 'telehealth' : 'office',
        reason,
        panels,
        complex ? '99214' : '99213',
      ),
    );
  }
  return visits;
}

export function planBehavioralHealth(
  context: ChartContext,
  patient: ChartPatient,
  windowStart: number,
): PlannedVisit[] {
  const { faker, referenceDay } = context;
  const conditions = patient.conditions.filter((c) => c.rule.followUp.behavioralHealth);
  const team = patient.behavioralTeam;
  if (conditions.length === 0 || !team) return [];

  // Therapy visits are frequent, so only the last 18 months are kept.
  const start = Math.max(
    windowStart,
    referenceDay - 540,
    Math.min(...conditions.map((c) => c.onsetDay)),
  );
  const intervalDays = Math.min(...conditions.map(intervalMonths)) * 30;
  const visits: PlannedVisit[] = [];

  for (
    let due = referenceDay - intBetween(faker, 3, intervalDays);
    due >= start;
    due -= intervalDays + intBetween(faker, -5, 5)
  ) {
    const day = previousWeekday(due);
    const active = activeOn(conditions, day, true);
    if (active.length === 0) continue;
    visits.push({
      id: newId(faker),
      day,
      minutes: clinicMinutes(context, 16),
      kind: chance(faker, 0.5) ? 'telehealth' : 'office',
      reason: `Counseling and medication check: ${active.map((c) => c.rule.followUp.label).join(', ')}`,
      department: team.department,
      team,
      clinician: team.clinicians[0] ?? null,
      sensitivity: 'mental-health',
      panels: distinctPanels(active.flatMap((c) => c.rule.followUp.panels)),
      visitCpt: '99214',
      acute: null,
    });
  }
  return visits;
}

// Lab work in the last two weeks, so that some results are new on the dashboard.
export function planRecentLabs(context: ChartContext, patient: ChartPatient): PlannedVisit[] {
  const { faker, referenceDay } = context;
  if (patient.age < 18) return [];

  const conditionPanels = distinctPanels(
    patient.conditions.flatMap((c) =>
      c.rule.followUp.behavioralHealth ? [] : c.rule.followUp.panels,
    ),
  );
  const panels: LabPanelId[] =
    conditionPanels.length > 0 && chance(faker, 0.45)
      ? conditionPanels
      : chance(faker, 0.12)
        ? ['cmp']
        : [];
  if (panels.length === 0) return [];

  const day = previousWeekday(referenceDay - intBetween(faker, 2, 12));
  return [primaryCare(context, patient, day, 'lab', 'Lab work', panels, null)];
}
