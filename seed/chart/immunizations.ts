import {
  ADULT_VACCINES,
  CHILDHOOD_SERIES,
  INFLUENZA_MIN_AGE_MONTHS,
  INFLUENZA_PRODUCTS,
  productOn,
  type VaccineProduct,
} from '../clinical/immunizations.ts';
import { addMonths, addYears, isoDate, parseIsoDate, yearOf } from '../dates.ts';
import { chance, intBetween, newId } from '../random.ts';
import type { ChartContext, ChartPatient } from './types.ts';

// Share of children with one series stopped early: a realistic gap for the portal to show.
const INCOMPLETE_SERIES_CHANCE = 0.15;
const FLU_SEASONS = 3;

/**
 * Adds vaccines given before the reference date. Children follow the CDC schedule from birth,
 * a little late at times, with declined series and series left unfinished. Adults have flu
 * shots and the boosters their age calls for, but not their childhood doses.
 */
export function addImmunizations(context: ChartContext, patient: ChartPatient): void {
  const { faker } = context;
  addFluShots(context, patient);
  if (patient.age >= 19) addAdultVaccines(context, patient);
  // Childhood doses of adults are not carried over from their pediatric records.
  if (patient.age >= 18) return;

  const incompleteSeries = chance(faker, INCOMPLETE_SERIES_CHANCE)
    ? intBetween(faker, 0, CHILDHOOD_SERIES.length - 1)
    : -1;

  CHILDHOOD_SERIES.forEach((series, index) => {
    if (chance(faker, series.declineChance)) return;
    const stopAfter =
      index === incompleteSeries
        ? intBetween(faker, 1, Math.max(1, series.doseAgesMonths.length - 1))
        : Infinity;

    series.doseAgesMonths.forEach((months, doseIndex) => {
      if (doseIndex >= stopAfter) return;
      const delay = months === 0 ? intBetween(faker, 0, 1) : intBetween(faker, 0, 21);
      give(
        context,
        patient,
        series.products,
        addMonths(patient.birthDay, months) + delay,
        doseIndex + 1,
      );
    });
  });
}

function addFluShots(context: ChartContext, patient: ChartPatient): void {
  const { faker, referenceDay } = context;
  const eligibleFrom = addMonths(patient.birthDay, INFLUENZA_MIN_AGE_MONTHS);
  let takeChance = 0.45;
  if (patient.age < 18) takeChance = 0.55;
  if (patient.age >= 65) takeChance = 0.7;

  for (let season = 0; season < FLU_SEASONS; season += 1) {
    // Flu shots are given from mid-September to the end of November.
    const year = yearOf(referenceDay) - season;
    const day = parseIsoDate(`${year}-09-15`) + intBetween(faker, 0, 76);
    if (day >= eligibleFrom && chance(faker, takeChance))
      give(context, patient, INFLUENZA_PRODUCTS, day, 1);
  }
}

function addAdultVaccines(context: ChartContext, patient: ChartPatient): void {
  const { faker, referenceDay } = context;
  const adultFrom = parseIsoDate(addYears(patient.birthDate, 19));

  if (chance(faker, 0.6)) {
    const day = Math.max(adultFrom, referenceDay - intBetween(faker, 30, 3650));
    give(context, patient, ADULT_VACCINES.tdapBooster, day, 1);
  }
  if (patient.age >= 50 && chance(faker, 0.4)) {
    const first = Math.max(
      parseIsoDate(addYears(patient.birthDate, 50)),
      referenceDay - intBetween(faker, 200, 1500),
    );
    give(context, patient, ADULT_VACCINES.shingles, first, 1);
    give(context, patient, ADULT_VACCINES.shingles, first + intBetween(faker, 60, 180), 2);
  }
  if (patient.age >= 65 && chance(faker, 0.6)) {
    const day = Math.max(
      parseIsoDate(addYears(patient.birthDate, 65)),
      referenceDay - intBetween(faker, 30, 1200),
    );
    give(context, patient, ADULT_VACCINES.pneumococcal, day, 1);
  }
}

// Doses that would fall on or after the reference date are not given yet, so they are skipped.
function give(
  context: ChartContext,
  patient: ChartPatient,
  products: readonly VaccineProduct[],
  day: number,
  doseNumber: number,
): void {
  if (day >= context.referenceDay || day < patient.birthDay) return;
  const givenOn = isoDate(day);
  const product = productOn(products, givenOn);
  context.rows.immunizations.push({
    id: newId(context.faker),
    patientId: patient.id,
    cvxCode: product.cvx,
    name: product.name,
    givenOn,
    doseNumber,
  });
}
