import { CANARY_HOUSEHOLDS, canaryValue, plantCanary, type PlantedCanary } from './canaries.ts';
import { clinicInstantMs, parseIsoDate } from './dates.ts';
import { validateSeedOptions, type SeedOptions } from './options.ts';
import { generateClinic } from './population/clinic.ts';
import { materializeHousehold } from './population/household.ts';
import { randomHousehold, type HouseholdPlan, type PlanContext } from './population/plans.ts';
import { SCENARIOS } from './population/scenarios.ts';
import { createFaker, seedStream } from './random.ts';
import type { SeedRows } from './rows.ts';

// Ages of successive children across the population. Every age from 0 to 17 appears once per
// cycle, and neighbours differ, so siblings are not all the same age.
const CHILD_AGE_CYCLE = [7, 0, 15, 3, 11, 16, 1, 9, 13, 5, 17, 2, 10, 6, 14, 4, 12, 8];

/**
 * Generates the synthetic population as row batches: first the clinic (staff and care teams),
 * then one batch per household, so a caller can write each batch before the next is made.
 * The output depends only on the options: nothing reads the clock.
 *
 * With `canaries: true`, the first CANARY_HOUSEHOLDS households each carry one value
 * `CANARY` + 16 hex digits in a patient's preferred name, the account's display name, a
 * message body, a visit reason and an appointment reason. The generator's return value lists
 * them; `canaryValue(seed, household)` computes the same values without generating.
 *
 * @example
 * for (const rows of generatePopulation({ seed: 1, referenceDate: '2026-11-03', patients: 40 })) {
 *   console.log(rows.patients.length);
 * }
 * @example
 * const run = generatePopulation({ seed: 1, referenceDate: '2026-11-03', patients: 40, canaries: true });
 * let step = run.next();
 * while (!step.done) step = run.next(); // or write step.value to the database
 * const planted = step.value; // PlantedCanary[]: value, table, column, rowId, patientId
 */
export function* generatePopulation(
  options: SeedOptions,
): Generator<SeedRows, PlantedCanary[], undefined> {
  const { seed, referenceDate, patients, canaries } = validateSeedOptions(options);
  const planted: PlantedCanary[] = [];
  const referenceDay = parseIsoDate(referenceDate);
  const faker = createFaker(referenceDay);

  seedStream(faker, seed, 0);
  const { clinic, rows: clinicRows } = generateClinic(faker, referenceDay);
  yield clinicRows;

  let sequence = 0;
  let children = 0;
  const nextChildAge = () => CHILD_AGE_CYCLE[children++ % CHILD_AGE_CYCLE.length]!;
  const householdContext = {
    faker,
    referenceDate,
    referenceDay,
    referenceMs: clinicInstantMs(referenceDay, 0),
    clinic,
    nextSequence: () => ++sequence,
  };

  for (let household = 1; sequence < patients; household += 1) {
    seedStream(faker, seed, household);
    const planContext: PlanContext = { faker, referenceDate, nextChildAge };
    const scenario = SCENARIOS[household - 1];
    const plan = scenario ? scenario(planContext) : randomHousehold(planContext);
    const rows = materializeHousehold(householdContext, keepFirst(plan, patients - sequence));
    if (canaries && household <= CANARY_HOUSEHOLDS) {
      planted.push(...plantCanary(rows, canaryValue(seed, household)));
    }
    yield rows;
  }
  return planted;
}

// Adults come first in a plan, so cutting the tail never leaves a child without a parent.
function keepFirst(plan: HouseholdPlan, count: number): HouseholdPlan {
  if (plan.members.length <= count) return plan;
  return {
    members: plan.members.slice(0, count),
    relationships: plan.relationships.filter((r) => r.proxy < count && r.patient < count),
  };
}
