import { Faker, en, en_US, generateMersenne53Randomizer, type Randomizer } from '@faker-js/faker';
import { DAY_MS } from './dates.ts';

// The randomizer behind each Faker instance, for newId, which needs raw numbers quickly.
const randomizers = new WeakMap<Faker, Randomizer>();

/**
 * Creates the one Faker instance a generation run uses. Relative dates are anchored to the
 * reference date, so nothing in Faker reads the host clock.
 */
export function createFaker(referenceDay: number): Faker {
  const referenceMs = referenceDay * DAY_MS;
  // The same kind of randomizer Faker creates by default, kept so newId can draw from it.
  const randomizer = generateMersenne53Randomizer();
  const faker = new Faker({
    locale: [en_US, en],
    randomizer,
    config: { defaultRefDate: () => new Date(referenceMs) },
  });
  randomizers.set(faker, randomizer);
  return faker;
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

/**
 * Draws a version 4 UUID from the seeded sequence. Four 32-bit draws from the randomizer
 * replace faker.string.uuid(), which draws each of the 32 hex digits on its own and took about
 * a quarter of the generator's time.
 */
export function newId(faker: Faker): string {
  const randomizer = randomizers.get(faker);
  if (!randomizer) return faker.string.uuid();
  const a = word(randomizer);
  const b = word(randomizer);
  const c = word(randomizer);
  const d = word(randomizer);
  // Version 4 in the 13th hex digit; variant 10xx in the 17th.
  const version = ((b >>> 16) & 0x0fff) | 0x4000;
  const variant = ((c >>> 16) & 0x3fff) | 0x8000;
  return `${hex32(a)}-${hex16(b)}-${hex16(version)}-${hex16(variant)}-${hex16(c)}${hex32(d)}`;
}

function word(randomizer: Randomizer): number {
  return Math.floor(randomizer.next() * 0x1_0000_0000) >>> 0;
}

const BYTE_HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

function hex16(value: number): string {
  return BYTE_HEX[(value >>> 8) & 0xff]! + BYTE_HEX[value & 0xff]!;
}

function hex32(value: number): string {
  return hex16(value >>> 16) + hex16(value);
}
