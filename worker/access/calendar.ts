// Calendar arithmetic for access rules. Ages and relationship dates are calendar dates in the
// clinic's time zone, never instants, so a birthday starts at local midnight.

/** The birthday of a person born on 29 February in a year that has no 29 February. */
export type LeapDayBirthday = 'march-1' | 'february-28';

// Building a formatter costs far more than using one, and every access decision needs one.
const DATE_FORMATS = new Map<string, Intl.DateTimeFormat>();

/** Returns the calendar date (YYYY-MM-DD) of an instant in a time zone. */
export function calendarDate(instant: Date, timeZone: string): string {
  let format = DATE_FORMATS.get(timeZone);
  if (!format) {
    // The en-CA locale formats dates as YYYY-MM-DD.
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    DATE_FORMATS.set(timeZone, format);
  }
  return format.format(instant);
}

/**
 * Computes a person's age in whole years on a calendar date. A person born on 29 February
 * turns a year older on 1 March or on 28 February in a year without that day, as the policy
 * sets.
 */
export function ageOn(birthDate: string, today: string, leapDayBirthday: LeapDayBirthday): number {
  const birthYear = Number(birthDate.slice(0, 4));
  const year = Number(today.slice(0, 4));
  const birthday = birthdayIn(year, birthDate.slice(5, 10), leapDayBirthday);
  const hadBirthday = today.slice(5, 10) >= birthday;
  return year - birthYear - (hadBirthday ? 0 : 1);
}

/** Returns the calendar date on which a person born on birthDate reaches an age. */
export function dateOfAge(
  birthDate: string,
  age: number,
  leapDayBirthday: LeapDayBirthday,
): string {
  const year = Number(birthDate.slice(0, 4)) + age;
  return `${String(year).padStart(4, '0')}-${birthdayIn(year, birthDate.slice(5, 10), leapDayBirthday)}`;
}

/**
 * Adds whole calendar months to a date (YYYY-MM-DD), clamping the day to the end of a shorter
 * month: 2026-08-31 plus 6 months is 2027-02-28.
 */
export function addMonths(date: string, months: number): string {
  const year = Number(date.slice(0, 4));
  const monthIndex = Number(date.slice(5, 7)) - 1 + months;
  const targetYear = year + Math.floor(monthIndex / 12);
  const targetMonth = (((monthIndex % 12) + 12) % 12) + 1;
  const day = Math.min(Number(date.slice(8, 10)), daysInMonth(targetYear, targetMonth));
  return `${String(targetYear).padStart(4, '0')}-${pad(targetMonth)}-${pad(day)}`;
}

function birthdayIn(year: number, monthDay: string, leapDayBirthday: LeapDayBirthday): string {
  if (monthDay !== '02-29' || isLeapYear(year)) return monthDay;
  return leapDayBirthday === 'march-1' ? '03-01' : '02-28';
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}
