// Command-line parsing of `npm run seed`.
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  DEFAULT_PATIENTS,
  DEFAULT_SEED,
  validateSeedOptions,
  type SeedOptions,
} from '../seed/index.ts';

export const USAGE =
  'Usage: npm run seed -- [--format d1|sql|fhir] [--out DIR] [--patients N] [--seed S] [--reference-date YYYY-MM-DD] [--reset] [--persist-to DIR] [--canaries]';

export const HELP = `${USAGE}

Fills the local D1 database (binding DB in wrangler.toml) with synthetic patients, or writes
them as numbered SQL files to run in name order with \`wrangler d1 execute DB --file\`, or as
one FHIR R4 transaction Bundle per patient.

  --format d1|sql|fhir         d1: insert into the local D1 (default); sql: write SQL files;
                               fhir: write one FHIR Bundle per patient, named by MRN
  --out DIR                    folder for the files, required with --format sql or fhir;
                               numbered .sql files or SYN-*.json bundles already in it are
                               deleted first
  --patients N                 patients to generate, 1 to 100000 (default ${DEFAULT_PATIENTS})
  --seed S                     random seed, a whole number (default ${DEFAULT_SEED})
  --reference-date YYYY-MM-DD  the "today" of the data (default: today's date in UTC)
  --reset                      delete all rows first, except the audit trail
  --persist-to DIR             wrangler's local state directory (default .wrangler/state)
  --canaries                   plant canary values (CANARY and 16 hex digits) in a few names,
                               messages and visit reasons, for tests that check logs for PHI

The same seed and reference date always give the same data.`;

export interface CommandLine {
  format: 'd1' | 'sql' | 'fhir';
  outDir: string | null;
  options: SeedOptions;
  referenceDateFromClock: boolean;
  reset: boolean;
  persistTo: string;
}

export class UsageError extends Error {}

export function parseCommandLine(argv: string[], root: string): CommandLine {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        format: { type: 'string', default: 'd1' },
        out: { type: 'string' },
        patients: { type: 'string' },
        seed: { type: 'string' },
        'reference-date': { type: 'string' },
        reset: { type: 'boolean', default: false },
        'persist-to': { type: 'string' },
        canaries: { type: 'boolean', default: false },
      },
    }).values;
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }

  const format = parsed.format;
  if (format !== 'd1' && format !== 'sql' && format !== 'fhir') {
    throw new UsageError(`--format must be d1, sql or fhir, got "${format}"`);
  }
  if (format !== 'd1' && !parsed.out) {
    throw new UsageError(`--format ${format} needs --out DIR, the folder for the files`);
  }
  if (format === 'd1' && parsed.out) {
    throw new UsageError('--out is only used with --format sql or --format fhir');
  }

  const referenceDate = parsed['reference-date'] ?? new Date().toISOString().slice(0, 10);
  const options: SeedOptions = {
    patients: wholeNumber('--patients', parsed.patients, DEFAULT_PATIENTS),
    seed: wholeNumber('--seed', parsed.seed, DEFAULT_SEED),
    referenceDate,
    ...(parsed.canaries ? { canaries: true } : {}),
  };
  try {
    validateSeedOptions(options);
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }

  return {
    format,
    outDir: parsed.out ?? null,
    options,
    referenceDateFromClock: parsed['reference-date'] === undefined,
    reset: parsed.reset ?? false,
    // Like wrangler's --persist-to: a given path is relative to the working directory.
    persistTo: parsed['persist-to'] ?? join(root, '.wrangler', 'state'),
  };
}

function wholeNumber(flag: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  if (!/^\d+$/.test(text)) {
    throw new UsageError(`${flag} must be a whole number, got "${text}"`);
  }
  return Number(text);
}
