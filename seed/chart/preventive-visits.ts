import { preventiveVisitCpt } from '../clinical/billing.ts';
import type { LabPanelId } from '../clinical/labs.ts';
import { addMonths, ageOn, isoDate, previousWeekday } from '../dates.ts';
import { chance, intBetween } from '../random.ts';
import type { ChartContext, ChartPatient, PlannedVisit } from './types.ts';
import { activeOn, distinctPanels, primaryCare } from './visit-builders.ts';

// Well-child visits by age in months, from the AAP periodicity schedule.
const WELL_CHILD_MONTHS = [
  0,
  1,
  2,
  4,
  6,
  9,
  12,
  15,
  18,
  24,
  30,
  ...Array.from({ length: 15 }, (_, i) => 36 + i * 12),
];

export function planWellChild(
  context: ChartContext,
  patient: ChartPatient,
  windowStart: number,
): PlannedVisit[] {
  const { faker, referenceDay } = context;
  const visits: PlannedVisit[] = [];

  for (const months of WELL_CHILD_MONTHS) {
    const due =
      addMonths(patient.birthDay, months) +
      (months === 0 ? intBetween(faker, 3, 5) : intBetween(faker, 0, 14));
    const day = previousWeekday(due);
    if (day < windowStart || day >= referenceDay || day <= patient.birthDay) continue;

    const ageYears = ageOn(patient.birthDate, isoDate(day));
    const reason =
      months === 0
        ? 'Newborn check'
        : months < 24
          ? `Well-child visit, ${months} months`
          : `Well-child visit, ${months / 12} years`;
    const panels: LabPanelId[] = months === 12 || months === 24 ? ['lead'] : [];
    visits.push(
      primaryCare(
        context,
        patient,
        day,
        'well-child',
        reason,
        panels,
        preventiveVisitCpt(ageYears, months),
      ),
    );
  }
  return visits;
}

export function planAnnual(
  context: ChartContext,
  patient: ChartPatient,
  windowStart: number,
): PlannedVisit[] {
  const { faker, referenceDay } = context;
  const keepsUp = patient.conditions.length > 0 || patient.age >= 65 || chance(faker, 0.85);
  if (!keepsUp) return [];

  const visits: PlannedVisit[] = [];
  for (
    let due = referenceDay - intBetween(faker, 20, 330);
    due >= windowStart;
    due -= 365 + intBetween(faker, -20, 20)
  ) {
    const day = previousWeekday(due);
    const ageYears = ageOn(patient.birthDate, isoDate(day));
    const panels: LabPanelId[] = ['cmp', 'cbc'];
    if (ageYears >= 20) panels.push('lipid');
    if (ageYears >= 45 || patient.conditions.some((c) => c.id === 'obesity')) panels.push('a1c');
    if (patient.sex === 'male' && ageYears >= 50 && chance(faker, 0.5)) panels.push('psa');
    for (const condition of activeOn(patient.conditions, day, false)) {
      panels.push(...condition.rule.followUp.panels, ...condition.rule.followUp.yearlyPanels);
    }
    visits.push(
      primaryCare(
        context,
        patient,
        day,
        'annual',
        'Yearly physical',
        distinctPanels(panels),
        preventiveVisitCpt(ageYears, ageYears * 12),
      ),
    );
  }
  return visits;
}
