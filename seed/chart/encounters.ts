import {
  LAB_PANELS,
  LAB_TESTS,
  referenceRangeFor,
  type LabPanelId,
  type LabTest,
} from '../clinical/labs.ts';
import {
  DAY_MS,
  HOUR_MS,
  MINUTE_MS,
  ageOn,
  clinicInstantMs,
  isoDate,
  isoInstant,
} from '../dates.ts';
import { chance, intBetween, newId } from '../random.ts';
import { drawPanelValues, flagFor, textFlagFor } from './lab-values.ts';
import type { ChartContext, ChartPatient, PlannedVisit } from './types.ts';

/** Results of one panel, kept for the message threads that ask about them. */
export interface PanelResult {
  visit: PlannedVisit;
  panel: LabPanelId;
  releasedMs: number;
  /** The test furthest out of range, or the first test when all are in range. */
  highlight: { name: string; value: number | string; unit: string | null; flag: string };
}

// Results released in this window and not yet opened show as new on the dashboard.
const NEW_RESULT_DAYS = 14;

/** Adds the visits and the results drawn at them; returns the results by panel. */
export function addVisitsAndResults(
  context: ChartContext,
  patient: ChartPatient,
  visits: PlannedVisit[],
): PanelResult[] {
  const { rows } = context;
  const panelResults: PanelResult[] = [];

  for (const visit of visits) {
    const startMs = clinicInstantMs(visit.day, visit.minutes);
    rows.visits.push({
      id: visit.id,
      patientId: patient.id,
      startedAt: isoInstant(startMs),
      kind: visit.kind,
      reason: visit.reason,
      clinicianStaffId: visit.clinician?.staffId ?? null,
      department: visit.department,
      sensitivity: visit.sensitivity,
    });

    for (const panel of visit.panels) {
      panelResults.push(addPanel(context, patient, visit, panel, startMs));
    }
  }
  return panelResults;
}

function addPanel(
  context: ChartContext,
  patient: ChartPatient,
  visit: PlannedVisit,
  panel: LabPanelId,
  startMs: number,
): PanelResult {
  const { faker, rows, referenceMs } = context;
  const age = ageOn(patient.birthDate, isoDate(visit.day));
  const values = drawPanelValues(faker, panel, {
    age,
    sex: patient.sex,
    conditions: patient.conditions,
  });

  const observedMs = startMs + intBetween(faker, 5, 40) * MINUTE_MS;
  const releasedMs = Math.min(
    observedMs + intBetween(faker, 3, 50) * HOUR_MS,
    referenceMs - HOUR_MS,
  );
  const viewedAt = viewedAtFor(context, patient, releasedMs);
  const observedAt = isoInstant(observedMs);
  const releasedAt = isoInstant(releasedMs);

  let highlight: PanelResult['highlight'] | null = null;
  for (const id of LAB_PANELS[panel].tests) {
    const test: LabTest = LAB_TESTS[id];
    const value = values.get(id)!;
    const range = referenceRangeFor(test, patient.sex);
    const numeric = typeof value === 'number';
    const flag = numeric ? flagFor(value, range, test.critical) : textFlagFor(value, test);

    rows.results.push({
      id: newId(faker),
      patientId: patient.id,
      visitId: visit.id,
      panel: LAB_PANELS[panel].name,
      loincCode: test.loinc,
      name: test.name,
      valueNumeric: numeric ? value : null,
      valueText: numeric ? null : value,
      unit: test.unit,
      referenceLow: range.low,
      referenceHigh: range.high,
      flag,
      observedAt,
      releasedAt,
      viewedAt,
      sensitivity: visit.sensitivity,
    });

    if (!highlight || (highlight.flag === 'normal' && flag !== 'normal')) {
      highlight = { name: test.name, value, unit: test.unit, flag };
    }
  }

  return { visit, panel, releasedMs, highlight: highlight! };
}

/**
 * Returns when the patient side first opened a result, or null. Results released in the last
 * two weeks are mostly unopened, so the dashboard has new results to show. Older ones are
 * opened, so "new" keeps its meaning, unless no patient or proxy account exists to open them.
 */
function viewedAtFor(
  context: ChartContext,
  patient: ChartPatient,
  releasedMs: number,
): string | null {
  const { faker, referenceMs } = context;
  const readers = [patient.accountCreatedMs, ...patient.proxies.map((proxy) => proxy.sinceMs)];
  const portalSinceMs = Math.min(...readers.filter((ms) => ms !== null));
  const recent = releasedMs >= referenceMs - NEW_RESULT_DAYS * DAY_MS;
  if (!Number.isFinite(portalSinceMs) || (recent && chance(faker, 0.7))) return null;

  const earliest = Math.max(releasedMs, portalSinceMs);
  const latest = Math.min(earliest + 6 * DAY_MS, referenceMs - MINUTE_MS);
  if (latest <= earliest) return null;
  return isoInstant(
    earliest + intBetween(faker, 0, Math.floor((latest - earliest) / MINUTE_MS)) * MINUTE_MS,
  );
}
