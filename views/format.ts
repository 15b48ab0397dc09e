// Date and time formatting for people, in US English and in the clinic's time zone.

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const STYLES = {
  date: { year: 'numeric', month: 'long', day: 'numeric' },
  dateTime: {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
  },
} satisfies Record<string, Intl.DateTimeFormatOptions>;

type Style = keyof typeof STYLES;

// Building a DateTimeFormat loads locale and time zone data, so each one is built once
// per isolate and reused by every request.
const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * Formats a calendar date or an instant as a date, for example "February 29, 2012".
 *
 * A calendar date ("YYYY-MM-DD", such as a date of birth) is shown as written, whatever
 * the time zone, because it names a day and not a moment. An instant (a full ISO 8601
 * timestamp) is shown as the day it fell on in `timeZone`, an IANA name such as
 * "America/Chicago". Throws a RangeError on any other string.
 */
export function formatDate(value: string, timeZone: string): string {
  const calendarDate = parseCalendarDate(value);
  if (calendarDate) {
    return formatterFor('date', 'UTC').format(calendarDate);
  }
  return formatterFor('date', timeZone).format(parseInstant(value));
}

/**
 * Formats an instant as a date and time in `timeZone` with the zone's abbreviation,
 * for example "March 4, 2025 at 2:30 PM CST". Throws a RangeError on an invalid instant.
 */
export function formatDateTime(value: string, timeZone: string): string {
  return formatterFor('dateTime', timeZone).format(parseInstant(value));
}

// A calendar date becomes midnight UTC and is formatted in UTC, so no time zone offset
// can move it to the day before or after.
function parseCalendarDate(value: string): Date | null {
  const match = CALENDAR_DATE.exec(value);
  if (!match) {
    return null;
  }

  const year = Number(match[1]);
  const monthIndex = Number(match[2]) - 1;
  const day = Number(match[3]);
  const date = new Date(Date.UTC(year, monthIndex, day));
  if (date.getUTCMonth() !== monthIndex || date.getUTCDate() !== day) {
    throw invalidDate();
  }
  return date;
}

function parseInstant(value: string): Date {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) {
    throw invalidDate();
  }
  return date;
}

// The message leaves out the value because a date in a chart may be PHI.
function invalidDate(): RangeError {
  return new RangeError('Invalid date: expected YYYY-MM-DD or an ISO 8601 instant');
}

function formatterFor(style: Style, timeZone: string): Intl.DateTimeFormat {
  const key = `${style} ${timeZone}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', { ...STYLES[style], timeZone });
    formatters.set(key, formatter);
  }
  return formatter;
}
