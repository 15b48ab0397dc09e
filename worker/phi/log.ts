// The worker's one logger: a JSON line per event, with PHI removed before anything is written.

type Level = 'info' | 'warn' | 'error';
type Fields = Record<string, string | number | boolean | null | undefined>;

// Fields that may carry PHI or secrets are dropped by name whatever their value.
const REDACTED_FIELDS = new Set([
  'email',
  'name',
  'givenName',
  'familyName',
  'birthDate',
  'address',
  'phone',
  'body',
  'code',
  'token',
  'value',
  'mrn',
]);

// Values that look like contact points or record numbers are masked wherever they appear.
const REDACTED_PATTERNS: [RegExp, string][] = [
  [/[^\s@"']+@[^\s@"']+\.[A-Za-z]{2,}/g, '[email]'],
  // North American phone numbers in their usual spellings; ids such as UUIDs are left alone.
  [/(?<![\w-])(?:\+?1[\s.-]?)?\(?\d{3}\)?[\s.-]?\d{3}[\s.-]?\d{4}(?![\w-])/g, '[phone]'],
  [/\bSYN-\d+\b/g, '[mrn]'],
];

/** Writes one structured log line. Pass ids, never PHI; PHI that slips in is redacted. */
export function log(level: Level, event: string, fields: Fields = {}) {
  const line: Record<string, unknown> = { level, event, at: new Date().toISOString() };
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    line[key] = REDACTED_FIELDS.has(key) ? '[redacted]' : redactText(value);
  }
  const text = JSON.stringify(line);
  if (level === 'error') console.error(text);
  else if (level === 'warn') console.warn(text);
  else console.log(text);
}

function redactText(value: string | number | boolean | null) {
  if (typeof value !== 'string') return value;
  return REDACTED_PATTERNS.reduce((text, [pattern, mask]) => text.replace(pattern, mask), value);
}
