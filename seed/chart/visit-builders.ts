import type { LabPanelId } from '../clinical/labs.ts';
import { intBetween, newId } from '../random.ts';
import type { ChartContext, ChartPatient, ConditionState, PlannedVisit } from './types.ts';

/** How far back visits go. Older history would add rows without adding test cases. */
export const HISTORY_DAYS = 3 * 365;

/** Plans a visit with the patient's primary care team and clinician, in clinic hours. */
export function primaryCare(
  context: ChartContext,
  patient: ChartPatient,
  day: number,
  kind: PlannedVisit['kind'],
  reason: string,
  panels: LabPanelId[],
  visitCpt: string | null,
): PlannedVisit {
  return {
    id: newId(context.faker),
    day,
    minutes: clinicMinutes(context, 24),
    kind,
    reason,
    department: patient.team.department,
    team: patient.team,
    clinician: patient.clinician,
    sensitivity: 'normal',
    panels,
    visitCpt,
    acute: null,
  };
}

/** Draws the start of a 20-minute slot, in minutes after midnight: 8:00 plus up to `slots - 1` slots. */
export function clinicMinutes(context: ChartContext, slots: number): number {
  return 8 * 60 + 20 * intBetween(context.faker, 0, slots - 1);
}

export function intervalMonths(condition: ConditionState): number {
  const { controlledMonths, uncontrolledMonths } = condition.rule.followUp;
  return condition.controlled ? controlledMonths : uncontrolledMonths;
}

/** Conditions diagnosed by the day, either the behavioral health ones or the others. */
export function activeOn(
  conditions: ConditionState[],
  day: number,
  behavioralHealth: boolean,
): ConditionState[] {
  return conditions.filter(
    (c) => c.onsetDay <= day && c.rule.followUp.behavioralHealth === behavioralHealth,
  );
}

export function distinctPanels(panels: readonly LabPanelId[]): LabPanelId[] {
  const unique = [...new Set(panels)];
  // A comprehensive panel already contains every test of the basic one.
  return unique.includes('cmp') ? unique.filter((panel) => panel !== 'bmp') : unique;
}
