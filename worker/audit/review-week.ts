// The calendar weeks of the weekly audit review: Monday to Sunday in the clinic's time zone.

const DAY_MS = 86_400_000;

/** A review week: its Monday and the next Monday as dates, and the UTC instants they start at. */
export interface ReviewWeek {
  periodStart: string;
  // Exclusive: the Monday after the week.
  periodEnd: string;
  startsAt: string;
  endsAt: string;
}

/** Returns the last week that has ended by `now` in `timeZone`. */
export function lastCompleteWeek(now: Date, timeZone: string): ReviewWeek {
  const today = dateIn(now, timeZone);
  // getUTCDay() counts from Sunday (0), so the days since Monday are (day + 6) % 7.
  const sinceMonday = (new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7;
  return reviewWeek(addDays(today, -sinceMonday - 7), timeZone);
}

/** Returns the week that starts on `monday`, a YYYY-MM-DD date that must be a Monday. */
export function reviewWeek(monday: string, timeZone: string): ReviewWeek {
  const periodEnd = addDays(monday, 7);
  return {
    periodStart: monday,
    periodEnd,
    startsAt: startOfDay(monday, timeZone).toISOString(),
    endsAt: startOfDay(periodEnd, timeZone).toISOString(),
  };
}

/** Tells whether a string is a valid YYYY-MM-DD date that falls on a Monday. */
export function isMonday(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return (
    !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value) && date.getUTCDay() === 1
  );
}

/** Returns the instant at which a calendar date starts in a time zone. */
export function startOfDay(date: string, timeZone: string): Date {
  const midnightUtc = Date.parse(`${date}T00:00:00Z`);
  // The first pass uses the zone's offset at UTC midnight. The second pass corrects a guess that
  // fell on the other side of a daylight-saving change.
  let instant = midnightUtc - offsetAt(midnightUtc, timeZone);
  instant = midnightUtc - offsetAt(instant, timeZone);
  return new Date(instant);
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Returns the calendar date (YYYY-MM-DD) of an instant in a time zone. */
export function dateIn(instant: Date, timeZone: string): string {
  // The en-CA locale formats dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(instant);
}

// Milliseconds the zone's wall clock is ahead of UTC at an instant.
function offsetAt(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(new Date(instant));
  const part = (type: string) => Number(parts.find((entry) => entry.type === type)?.value);
  const wall = Date.UTC(
    part('year'),
    part('month') - 1,
    part('day'),
    part('hour'),
    part('minute'),
    part('second'),
  );
  return wall - Math.floor(instant / 1000) * 1000;
}
