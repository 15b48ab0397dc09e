import { formatDate, formatDateTime } from '../format.ts';

/**
 * Shows a calendar date or an instant as a date, for example "February 29, 2012", inside
 * a machine-readable `<time>` element.
 */
export function DateText({ value, timeZone }: { value: string; timeZone: string }) {
  return <time datetime={value}>{formatDate(value, timeZone)}</time>;
}

/** Shows an instant as a date and time in the clinic's time zone, inside `<time>`. */
export function DateTimeText({ value, timeZone }: { value: string; timeZone: string }) {
  return <time datetime={value}>{formatDateTime(value, timeZone)}</time>;
}
