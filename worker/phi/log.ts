// The worker's one logger: a JSON line per event, with PHI removed before anything is written.

type Level = 'info' | 'warn' | 'error';
type Fields = Record<string, string | number | boolean | null | undefined>;

// Fields that may carry PHI or secrets are dropped by name whatever their value, compared
// without regard to case. Free text (a message body, a note, the reason typed for break-glass,
// an error message that may quote input) is dropped whole, because no pattern can find every
// name or condition inside it.
const REDACTED_FIELDS = new Set(
  [
    'email',
    'name',
    'givenName',
    'familyName',
    'displayName',
    'preferredName',
    'birthDate',
    'dateOfBirth',
    'dob',
    'address',
    'addressLine',
    'city',
    'postalCode',
    'phone',
    'mrn',
    'ssn',
    'body',
    'text',
    'note',
    'notes',
    'reviewNote',
    'reasonText',
    'comment',
    'description',
    'instructions',
    'message',
    'subject',
    'draft',
    'content',
    'query',
    'params',
    'code',
    'token',
    'value',
  ].map((name) => name.toLowerCase()),
);

// Any field whose name ends like these is dropped too, for example patientName or contactEmail.
const REDACTED_SUFFIXES = ['name', 'email', 'phone', 'address', 'birthdate'];

// A date: ISO 8601 (2026-01-31, optionally with a time) or US style M/D/YYYY. Dates tied to a
// person are PHI, so every date inside a value is masked. Ids such as UUIDs are left alone.
const DATE = String.raw`(?:\d{4}-\d{2}-\d{2}(?:T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?|\d{1,2}/\d{1,2}/\d{4})`;
// One to three capitalized words, such as "Ada Quill" or "O'Brien-Núñez, José".
const NAME = String.raw`\p{Lu}[\p{L}'’.-]*(?:,?\s+\p{Lu}[\p{L}'’.-]*){0,2}`;
// Words that often join a name and a date: "Ada Quill, born 1/2/1980", "Quill DOB 1980-01-02".
const JOIN = String.raw`(?:,?\s+(?:born|DOB|dob|b\.|date of birth)?:?\s*|\s*\(\s*)`;

// Values that look like PHI are masked wherever they appear, in this order: a name beside a date
// before the date alone, so that the name goes with it.
const REDACTED_PATTERNS: [RegExp, string][] = [
  [/[^\s@"']+@[^\s@"']+\.[A-Za-z]{2,}/g, '[email]'],
  [new RegExp(`(?<![\\w-])${NAME}${JOIN}${DATE}(?![\\w-])`, 'gu'), '[name] [date]'],
  [new RegExp(`(?<![\\w-])${DATE}\\)?\\s+${NAME}`, 'gu'), '[date] [name]'],
  [new RegExp(`(?<![\\w/-])${DATE}(?![\\w/-])`, 'g'), '[date]'],
  // North American phone numbers in their usual spellings; ids such as UUIDs are left alone.
  [/(?<![\w-])(?:\+?1[\s.-]?)?\(?\d{3}\)?[\s.-]?\d{3}[\s.-]?\d{4}(?![\w-])/g, '[phone]'],
  [/\bSYN-[\w-]+\b/g, '[mrn]'],
];

/**
 * Writes one structured log line. Pass ids, never PHI: fields named for PHI or free text are
 * dropped, and emails, phone numbers, MRNs, dates and names beside dates are masked inside the
 * other values.
 */
export function log(level: Level, event: string, fields: Fields = {}) {
  const line: Record<string, unknown> = { level, event, at: new Date().toISOString() };
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    line[key] = isRedactedField(key) ? '[redacted]' : redactText(value);
  }
  const text = JSON.stringify(line);
  if (level === 'error') console.error(text);
  else if (level === 'warn') console.warn(text);
  else console.log(text);
}

/** Masks the PHI patterns inside one value. Exported for the tests of the patterns. */
export function redactText(value: string | number | boolean | null) {
  if (typeof value !== 'string') return value;
  return REDACTED_PATTERNS.reduce((text, [pattern, mask]) => text.replace(pattern, mask), value);
}

function isRedactedField(key: string) {
  const lower = key.toLowerCase();
  return REDACTED_FIELDS.has(lower) || REDACTED_SUFFIXES.some((suffix) => lower.endsWith(suffix));
}
