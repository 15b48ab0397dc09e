import { Faker, en, en_US } from '@faker-js/faker';
import { DAY_MS } from './dates.ts';

/**
 * Creates the one Faker instance a generation run uses. Relative dates are anchored to the
 * reference date, so nothing in Faker reads the host clock.
 */
export function createFaker(referenceDay: number): Faker {
  const referenceMs = referenceDay * DAY_MS;
  return new Faker({
    locale: [en_US, en],
    config: { defaultRefDate: () => new Date(referenceMs) },
  });
}

/**
 * Restarts the random sequence for one stream (the clinic, or one household). Each household
 * draws from its own stream, so a change in one household's rules leaves the others unchanged.
 */
export function seedStream(faker: Faker, seed: number, stream: number): void {
  faker.seed([seed, stream]);
}

export function chance(faker: Faker, probability: number): boolean {
  return faker.datatype.boolean({ probability });
}

export function intBetween(faker: Faker, min: number, max: number): number {
  return faker.number.int({ min, max });
}

export function floatBetween(faker: Faker, min: number, max: number, decimals: number): number {
  const value = faker.number.float({ min, max });
  const scale = 10 ** decimals;
  return Math.round(value * scale) / scale;
}

export function pick<T>(faker: Faker, items: readonly T[]): T {
  return faker.helpers.arrayElement(items);
}

/** Draws a UUID-shaped id from the seeded sequence. */
export function newId(faker: Faker): string {
  return faker.string.uuid();
}
