import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { growthMedianAt } from '../../seed/clinical/vitals.ts';
import { ageOn, parseIsoDate } from '../../seed/dates.ts';
import {
  CANARY_HOUSEHOLDS,
  canaryValue,
  emptyRows,
  generatePopulation,
  renderSeedSql,
  resetDatabase,
  seedDatabase,
  type PlantedCanary,
  type SeedRows,
} from '../../seed/index.ts';

const OPTIONS = { seed: 5, referenceDate: '2026-11-03', patients: 300 };
const LOINC = {
  systolic: '8480-6',
  diastolic: '8462-4',
  weight: '29463-7',
  height: '8302-2',
  bmi: '39156-5',
  head: '9843-4',
};
const HYPERTENSION_SNOMED = '59621000';
const OBESITY_SNOMED = '414916001';

// Every batch of a population merged into one set of rows, for checks across households.
function mergedRows(options: typeof OPTIONS): SeedRows {
  const all = emptyRows();
  for (const batch of generatePopulation(options)) {
    for (const key of Object.keys(all) as (keyof SeedRows)[]) {
      (all[key] as unknown[]).push(...batch[key]);
    }
  }
  return all;
}

function mean(values: number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

let rows: SeedRows;
let birthDates: Map<string, string>;

beforeAll(() => {
  rows = mergedRows(OPTIONS);
  birthDates = new Map(rows.patients.map((p) => [p.id, p.birthDate]));
});

function ageAtReading(vital: SeedRows['vitals'][number]): number {
  return ageOn(birthDates.get(vital.patientId)!, vital.takenAt.slice(0, 10));
}

function patientsWith(snomed: string): Set<string> {
  return new Set(rows.problems.filter((p) => p.snomedCode === snomed).map((p) => p.patientId));
}

describe('vitals', () => {
  it('taken only at in-person visits', () => {
    const kinds = new Map(rows.visits.map((visit) => [visit.id, visit.kind]));
    expect(rows.vitals.length).toBeGreaterThan(1000);
    for (const vital of rows.vitals) {
      expect(['office', 'annual', 'urgent', 'well-child']).toContain(kinds.get(vital.visitId!));
    }
  });

  it('blood pressure higher with hypertension', () => {
    const hypertensive = patientsWith(HYPERTENSION_SNOMED);
    const adultSystolic = rows.vitals.filter(
      (v) => v.loincCode === LOINC.systolic && ageAtReading(v) >= 18,
    );
    const withCondition = adultSystolic.filter((v) => hypertensive.has(v.patientId));
    const without = adultSystolic.filter((v) => !hypertensive.has(v.patientId));
    expect(withCondition.length).toBeGreaterThan(20);
    expect(mean(withCondition.map((v) => v.value))).toBeGreaterThan(
      mean(without.map((v) => v.value)) + 5,
    );
  });

  it('systolic above diastolic in every reading', () => {
    const diastolic = new Map(
      rows.vitals
        .filter((v) => v.loincCode === LOINC.diastolic)
        .map((v) => [`${v.visitId}|${v.takenAt}`, v.value]),
    );
    const systolic = rows.vitals.filter((v) => v.loincCode === LOINC.systolic);
    expect(systolic.length).toBe(diastolic.size);
    for (const reading of systolic) {
      expect(reading.value).toBeGreaterThan(
        diastolic.get(`${reading.visitId}|${reading.takenAt}`)!,
      );
    }
  });

  it('no blood pressure under 3 years', () => {
    for (const vital of rows.vitals.filter((v) => v.loincCode === LOINC.systolic)) {
      expect(ageAtReading(vital)).toBeGreaterThanOrEqual(3);
    }
  });

  it('head circumference only under 3 years', () => {
    const heads = rows.vitals.filter((v) => v.loincCode === LOINC.head);
    expect(heads.length).toBeGreaterThan(0);
    for (const head of heads) expect(ageAtReading(head)).toBeLessThan(3);
  });

  it('BMI only for adults', () => {
    for (const bmi of rows.vitals.filter((v) => v.loincCode === LOINC.bmi)) {
      expect(ageAtReading(bmi)).toBeGreaterThanOrEqual(18);
    }
  });

  it('obesity means a BMI of 30 or more', () => {
    const obese = patientsWith(OBESITY_SNOMED);
    const bmis = rows.vitals.filter((v) => v.loincCode === LOINC.bmi && obese.has(v.patientId));
    expect(bmis.length).toBeGreaterThan(0);
    for (const bmi of bmis) expect(bmi.value).toBeGreaterThanOrEqual(29.5);
  });

  it('BMI matches weight and height', () => {
    const heights = new Map(
      rows.vitals.filter((v) => v.loincCode === LOINC.height).map((v) => [v.visitId, v.value]),
    );
    const weights = new Map(
      rows.vitals.filter((v) => v.loincCode === LOINC.weight).map((v) => [v.visitId, v.value]),
    );
    let compared = 0;
    for (const bmi of rows.vitals.filter((v) => v.loincCode === LOINC.bmi)) {
      const height = heights.get(bmi.visitId);
      if (height === undefined) continue;
      const weight = weights.get(bmi.visitId)!;
      expect(Math.abs(weight / (height / 100) ** 2 - bmi.value)).toBeLessThan(0.2);
      compared += 1;
    }
    expect(compared).toBeGreaterThan(20);
  });

  it('child weights follow the growth curve', () => {
    const sexes = new Map(rows.patients.map((p) => [p.id, p.sexAtBirth]));
    const childWeights = rows.vitals.filter(
      (v) => v.loincCode === LOINC.weight && ageAtReading(v) < 18,
    );
    expect(childWeights.length).toBeGreaterThan(100);
    for (const weight of childWeights) {
      const birthDay = parseIsoDate(birthDates.get(weight.patientId)!);
      const months = (parseIsoDate(weight.takenAt.slice(0, 10)) - birthDay) / 30.4375;
      const median = growthMedianAt(sexes.get(weight.patientId)!, months).weightKg;
      // Within about 3 standard deviations: children with obesity sit above the 97th percentile.
      expect(weight.value / median).toBeGreaterThan(0.65);
      expect(weight.value / median).toBeLessThan(1.4);
    }
  });
});

describe('sensitivity', () => {
  it('confidential visits reach appointments and bills', () => {
    const sensitiveVisits = rows.visits.filter(
      (visit) => visit.sensitivity === 'sexual-reproductive-health',
    );
    expect(sensitiveVisits.length).toBeGreaterThan(0);
    for (const visit of sensitiveVisits) {
      const appointment = rows.appointments.find(
        (a) => a.patientId === visit.patientId && a.startsAt === visit.startedAt,
      );
      expect(appointment?.sensitivity, visit.id).toBe(visit.sensitivity);
    }
    const lines = rows.statementLines.filter((l) => l.sensitivity === 'sexual-reproductive-health');
    expect(lines.length).toBeGreaterThan(0);
    const booked = rows.appointments.filter(
      (a) => a.status === 'booked' && a.sensitivity === 'sexual-reproductive-health',
    );
    expect(booked.length).toBeGreaterThan(0);
  });

  it('statement lines keep their visit sensitivity', () => {
    const visitDays = new Map<string, Set<string>>();
    // The clinic's calendar date: 6 hours behind UTC lands every clinic hour on its own day,
    // in standard and in daylight time, since visits run from 8:00 to 20:00.
    const clinicDate = (instant: string) =>
      new Date(Date.parse(instant) - 6 * 3_600_000).toISOString().slice(0, 10);
    for (const visit of rows.visits) {
      const key = `${visit.patientId}|${clinicDate(visit.startedAt)}`;
      visitDays.set(key, (visitDays.get(key) ?? new Set()).add(visit.sensitivity));
    }
    for (const line of rows.statementLines) {
      const sensitivities = visitDays.get(`${line.patientId}|${line.serviceOn}`);
      expect(sensitivities?.has(line.sensitivity ?? 'normal'), line.id).toBe(true);
    }
  });
});

describe('canaries', () => {
  function plant(options: typeof OPTIONS): { rows: SeedRows[]; planted: PlantedCanary[] } {
    const run = generatePopulation({ ...options, canaries: true });
    const batches: SeedRows[] = [];
    let step = run.next();
    for (; !step.done; step = run.next()) batches.push(step.value);
    return { rows: batches, planted: step.value };
  }

  it('plants one value per household', () => {
    const { planted } = plant(OPTIONS);
    const values = [...new Set(planted.map((canary) => canary.value))];
    expect(values).toEqual(
      Array.from({ length: CANARY_HOUSEHOLDS }, (_, index) => canaryValue(OPTIONS.seed, index + 1)),
    );
    for (const value of values) expect(value).toMatch(/^CANARY[0-9a-f]{16}$/);
    const places = new Set(planted.map((canary) => `${canary.table}.${canary.column}`));
    expect([...places].sort()).toEqual([
      'appointments.reason',
      'messages.body',
      'patients.preferred_name',
      'people.display_name',
      'visits.reason',
    ]);
  });

  it('puts each value in its row', () => {
    const { rows: batches, planted } = plant(OPTIONS);
    const text = JSON.stringify(batches);
    for (const canary of planted) expect(text).toContain(canary.value);
    const patient = batches.flatMap((b) => b.patients).find((p) => p.id === planted[0]!.rowId);
    expect(patient?.preferredName).toBe(planted[0]!.value);
  });

  it('plants nothing by default', () => {
    expect(renderSeedSql({ ...OPTIONS, patients: 40 })).not.toContain('CANARY');
  });

  it('seedDatabase writes them and lists them', async () => {
    await resetDatabase(env.DB);
    const summary = await seedDatabase(env.DB, { ...OPTIONS, patients: 40, canaries: true });
    expect(summary.canaries.length).toBeGreaterThanOrEqual(CANARY_HOUSEHOLDS * 4);
    const stored = await env.DB.prepare(
      "SELECT preferred_name FROM patients WHERE preferred_name LIKE 'CANARY%' ORDER BY preferred_name",
    ).all<{ preferred_name: string }>();
    expect(stored.results.map((row) => row.preferred_name)).toEqual(
      [...new Set(summary.canaries.map((canary) => canary.value))].sort(),
    );
  });
});
