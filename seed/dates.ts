// Calendar arithmetic on whole days, so the generator never depends on the host clock or time
// zone. A "day" is the number of days since 1970-01-01 (UTC).

export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;
export const MINUTE_MS = 60_000;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses 'YYYY-MM-DD' into a day number; throws a RangeError on a malformed or impossible date. */
export function parseIsoDate(text: string): number {
  const match = ISO_DATE.exec(text);
  if (!match) {
    throw new RangeError(`Invalid date "${text}": expected YYYY-MM-DD, for example 2026-11-03`);
  }
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, day);
  if (isoDate(ms / DAY_MS) !== text) {
    throw new RangeError(`Invalid date "${text}": that day does not exist in the calendar`);
  }
  return ms / DAY_MS;
}

// Formatted dates by day number. A population spans about 110 years of days, so the cache
// stays under 50,000 short strings. Formatting each date through Date took a tenth of the
// generator's time in a CPU profile of 3,000 patients.
const isoDates = new Map<number, string>();

/** Formats a day number as 'YYYY-MM-DD'. */
export function isoDate(day: number): string {
  let text = isoDates.get(day);
  if (text === undefined) {
    text = new Date(day * DAY_MS).toISOString().slice(0, 10);
    isoDates.set(day, text);
  }
  return text;
}

/** Formats epoch milliseconds as an ISO UTC instant with milliseconds, '2026-11-03T14:30:00.000Z'. */
export function isoInstant(ms: number): string {
  const day = Math.floor(ms / DAY_MS);
  let rest = ms - day * DAY_MS;
  const hours = Math.floor(rest / HOUR_MS);
  rest -= hours * HOUR_MS;
  const minutes = Math.floor(rest / MINUTE_MS);
  rest -= minutes * MINUTE_MS;
  const seconds = Math.floor(rest / 1000);
  const millis = rest - seconds * 1000;
  const fraction = millis === 0 ? '000' : String(millis).padStart(3, '0');
  return `${isoDate(day)}T${TWO_DIGITS[hours]}:${TWO_DIGITS[minutes]}:${TWO_DIGITS[seconds]}.${fraction}Z`;
}

// '00' to '59', looked up rather than padded: every visit, result and message has instants.
const TWO_DIGITS = Array.from({ length: 60 }, (_, value) => String(value).padStart(2, '0'));

export function yearOf(day: number): number {
  return new Date(day * DAY_MS).getUTCFullYear();
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/**
 * Adds whole years to a date. A 29 February birthday falls on 1 March in common years, the rule
 * most US states use to decide when a person born on a leap day comes of age.
 */
export function addYears(date: string, years: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return isoDate(Date.UTC(year + years, month - 1, day) / DAY_MS);
}

/** Adds calendar months, clamping to the last day of a shorter month (31 Jan + 1 month = 28 Feb). */
export function addMonths(day: number, months: number): number {
  const date = new Date(day * DAY_MS);
  const target = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0));
  target.setUTCDate(Math.min(date.getUTCDate(), lastDay.getUTCDate()));
  return target.getTime() / DAY_MS;
}

/** Full years of age on a date, counting a birthday as reached on the day itself. */
export function ageOn(birthDate: string, onDate: string): number {
  const years = Number(onDate.slice(0, 4)) - Number(birthDate.slice(0, 4));
  // 'MM-DD' strings compare in calendar order.
  const hadBirthday = onDate.slice(5, 10) >= birthDate.slice(5, 10);
  return hadBirthday ? years : years - 1;
}

// 1970-01-01 was a Thursday; 0 is Sunday as in Date#getUTCDay.
export function weekday(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** Moves a Saturday or Sunday forward to the next Monday, because the clinics close at weekends. */
export function nextWeekday(day: number): number {
  const dayOfWeek = weekday(day);
  if (dayOfWeek === 6) return day + 2;
  if (dayOfWeek === 0) return day + 1;
  return day;
}

/** Moves a Saturday or Sunday back to the Friday before. */
export function previousWeekday(day: number): number {
  const dayOfWeek = weekday(day);
  if (dayOfWeek === 6) return day - 1;
  if (dayOfWeek === 0) return day - 2;
  return day;
}

/**
 * Converts a wall-clock time at the clinic (America/Chicago) to epoch milliseconds. Daylight
 * saving time follows the US rule in force since 2007: from the second Sunday of March to the
 * first Sunday of November. The rule is computed here rather than read from the runtime's time
 * zone data, so Node and workerd give the same bytes.
 */
export function clinicInstantMs(day: number, minutesAfterMidnight: number): number {
  const offsetHours = isCentralDaylightTime(day) ? 5 : 6;
  return day * DAY_MS + offsetHours * HOUR_MS + minutesAfterMidnight * MINUTE_MS;
}

function isCentralDaylightTime(day: number): boolean {
  const year = yearOf(day);
  const start = nthSunday(year, 2, 2);
  const end = nthSunday(year, 10, 1);
  return day >= start && day < end;
}

function nthSunday(year: number, monthIndex: number, n: number): number {
  const first = Date.UTC(year, monthIndex, 1) / DAY_MS;
  const firstSunday = first + ((7 - weekday(first)) % 7);
  return firstSunday + (n - 1) * 7;
}
