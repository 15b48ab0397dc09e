import { parseIsoDate } from './dates.ts';

export interface SeedOptions {
  /** Any integer; the same seed and reference date give the same rows, byte for byte. */
  seed: number;
  /** The day the population is "as of", 'YYYY-MM-DD': visits before it, bookings after it. */
  referenceDate: string;
  /** How many patients to generate; the staff come on top. */
  patients: number;
  /**
   * Plants canary values (seed/canaries.ts) in the first few households, for tests that check
   * that PHI does not leak. Off by default; the `npm run seed` command line has no option for it.
   */
  canaries?: boolean;
}

export const DEFAULT_PATIENTS = 200;
export const DEFAULT_SEED = 1;
export const MAX_PATIENTS = 100_000;

/** Checks seed options and throws a RangeError that names the invalid value and the fix. */
export function validateSeedOptions(options: SeedOptions): SeedOptions {
  const { seed, referenceDate, patients, canaries } = options;
  if (!Number.isSafeInteger(seed) || seed < 0) {
    throw new RangeError(
      `Invalid seed ${seed}: use a whole number from 0 to ${Number.MAX_SAFE_INTEGER}`,
    );
  }
  if (!Number.isSafeInteger(patients) || patients < 1 || patients > MAX_PATIENTS) {
    throw new RangeError(
      `Invalid patient count ${patients}: use a whole number from 1 to ${MAX_PATIENTS}`,
    );
  }
  const year = Number(referenceDate.slice(0, 4));
  parseIsoDate(referenceDate);
  if (year < 2000 || year > 2200) {
    throw new RangeError(
      `Invalid reference date ${referenceDate}: use a date between 2000 and 2200`,
    );
  }
  return canaries ? { seed, referenceDate, patients, canaries } : { seed, referenceDate, patients };
}
