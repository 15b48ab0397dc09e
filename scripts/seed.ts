// `npm run seed -- [options]`: fill the local D1 that `wrangler dev` uses with synthetic
// patients. Keeps existing data unless --reset is given, and rejects production targets.
// Exit codes: 0 seeded or kept, 1 rejected or failed, 2 invalid command line.
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { drizzle } from 'drizzle-orm/d1';
import { Miniflare, convertV4MiniflareOptions } from 'miniflare';
import { unstable_readConfig } from 'wrangler';
import {
  DEFAULT_PATIENTS,
  DEFAULT_SEED,
  countPatients,
  resetDatabase,
  summarizeDatabase,
  validateSeedOptions,
  writePopulation,
  type SeedOptions,
  type SignInExamples,
  type Statement,
} from '../seed/index.ts';

const USAGE =
  'Usage: npm run seed -- [--patients N] [--seed S] [--reference-date YYYY-MM-DD] [--reset] [--persist-to DIR]';

const HELP = `${USAGE}

Fills the local D1 database (binding DB in wrangler.toml) with synthetic patients.

  --patients N                 patients to generate, 1 to 100000 (default ${DEFAULT_PATIENTS})
  --seed S                     random seed, a whole number (default ${DEFAULT_SEED})
  --reference-date YYYY-MM-DD  the "today" of the data (default: today's date in UTC)
  --reset                      delete all rows first, except the audit trail
  --persist-to DIR             wrangler's local state directory (default .wrangler/state)

The same seed and reference date always give the same data.`;

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
// start.mjs reads this file to print where to sign in.
// The worker that runs the INSERTs. From Node, each prepare() and bind() on a D1 binding is a
// round trip to workerd, measured at about 4 ms, which made 200 patients take over 10 s.
// This worker receives whole groups of bound statements and runs each group as one D1 batch.
const BATCH_WORKER = `export default {
  async fetch(request, env) {
    const statements = await request.json();
    try {
      await env.DB.batch(statements.map(({ sql, params }) => env.DB.prepare(sql).bind(...params)));
      return new Response(null, { status: 204 });
    } catch (error) {
      return new Response(String(error && error.stack || error), { status: 500 });
    }
  },
};`;

interface CommandLine {
  options: SeedOptions;
  referenceDateFromClock: boolean;
  reset: boolean;
  persistTo: string;
}

class UsageError extends Error {}

try {
  const exitCode = await main(process.argv.slice(2));
  process.exitCode = exitCode;
} catch (error) {
  if (error instanceof UsageError) {
    console.error(`seed: ${error.message}\n${USAGE}`);
    process.exitCode = 2;
  } else {
    console.error(
      `seed: failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    process.exitCode = 1;
  }
}

async function main(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(HELP);
    return 0;
  }
  const commandLine = parseCommandLine(argv);
  const { options } = commandLine;

  const target = readDatabaseTarget();
  const refusal = productionRefusal(target);
  if (refusal) {
    console.error(`seed: rejected: ${refusal}`);
    return 1;
  }

  // Miniflare 5 replaced v4's d1Persist with one resourcePersistencePath whose d1/ folder
  // contains the databases. `wrangler d1 execute --local` opens the same path the same way.
  const resourcePersistencePath = join(resolve(commandLine.persistTo), 'v3');
  const clockNote = commandLine.referenceDateFromClock ? " (today's date in UTC)" : '';
  console.log(`Reference date: ${options.referenceDate}${clockNote}`);
  console.log(
    `Database: local D1 "${target.name}" (${target.id}) in ${relative(process.cwd(), join(resourcePersistencePath, 'd1'))}`,
  );

  const miniflare = new Miniflare(
    convertV4MiniflareOptions({
      modules: true,
      script: BATCH_WORKER,
      d1Databases: { DB: target.id },
      resourcePersistencePath,
    }),
  );
  try {
    const d1 = await miniflare.getD1Database('DB');
    return await seedOrKeep(miniflare, d1, commandLine);
  } finally {
    await miniflare.dispose();
  }
}

type LocalD1 = Awaited<ReturnType<Miniflare['getD1Database']>>;

async function seedOrKeep(
  miniflare: Miniflare,
  d1: LocalD1,
  commandLine: CommandLine,
): Promise<number> {
  const { options, reset } = commandLine;
  const tables = await d1
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'patients'")
    .all();
  if (tables.results.length === 0) {
    console.error(
      'seed: the local database has no tables yet. Apply the migrations first: ' +
        `npx wrangler d1 migrations apply DB --local --persist-to ${commandLine.persistTo}`,
    );
    return 1;
  }

  const existing = await countPatients(d1);
  if (existing > 0 && !reset) {
    console.log(
      `The database already has ${existing} patients; keeping them. Run with --reset to replace them.`,
    );
    if (!existsSync(summaryPath(commandLine.persistTo))) {
      const summary = await summarizeDatabase(d1, options.referenceDate);
      await writeSummary(commandLine.persistTo, {
        seed: null,
        referenceDate: null,
        seconds: null,
        ...summary,
      });
      printSignIn(summary.signInExamples);
    }
    return 0;
  }

  if (reset) {
    console.log('Deleting all rows except the audit trail (--reset) ...');
    await resetDatabase(d1);
  }

  console.log(`Seeding ${options.patients} synthetic patients with seed ${options.seed} ...`);
  const startedAt = performance.now();
  const summary = await writePopulation(drizzle(d1), options, (group) =>
    sendToWorker(miniflare, group),
  );
  const seconds = Number(((performance.now() - startedAt) / 1000).toFixed(2));

  await writeSummary(commandLine.persistTo, { ...summary, seconds });
  console.log(`Seeded ${summary.patients} patients in ${seconds} s. Rows by table:`);
  for (const [table, count] of Object.entries(summary.rows)) {
    console.log(`  ${table.padEnd(20)} ${String(count).padStart(7)}`);
  }
  printSignIn(summary.signInExamples);
  console.log(`Summary written to ${relative(process.cwd(), summaryPath(commandLine.persistTo))}`);
  return 0;
}

// Sends one group of INSERTs, with their bound parameters, to run as one D1 batch in workerd.
async function sendToWorker(miniflare: Miniflare, group: Statement[]): Promise<void> {
  const statements = group.map((statement) => statement.toSQL());
  const response = await miniflare.dispatchFetch('http://localhost/', {
    method: 'POST',
    body: JSON.stringify(statements),
  });
  if (!response.ok) {
    throw new Error(`D1 batch of ${statements.length} statements failed: ${await response.text()}`);
  }
  await response.arrayBuffer();
}

function parseCommandLine(argv: string[]): CommandLine {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        patients: { type: 'string' },
        seed: { type: 'string' },
        'reference-date': { type: 'string' },
        reset: { type: 'boolean', default: false },
        'persist-to': { type: 'string' },
      },
    }).values;
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }

  const referenceDate = parsed['reference-date'] ?? new Date().toISOString().slice(0, 10);
  const options = {
    patients: wholeNumber('--patients', parsed.patients, DEFAULT_PATIENTS),
    seed: wholeNumber('--seed', parsed.seed, DEFAULT_SEED),
    referenceDate,
  };
  try {
    validateSeedOptions(options);
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }

  return {
    options,
    referenceDateFromClock: parsed['reference-date'] === undefined,
    reset: parsed.reset ?? false,
    // Like wrangler's --persist-to: a given path is relative to the working directory.
    persistTo: parsed['persist-to'] ?? join(ROOT, '.wrangler', 'state'),
  };
}

function wholeNumber(flag: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  if (!/^\d+$/.test(text)) {
    throw new UsageError(`${flag} must be a whole number, got "${text}"`);
  }
  return Number(text);
}

interface DatabaseTarget {
  name: string;
  id: string;
  environment: string | undefined;
}

// Reads the DB binding the way `wrangler d1 ... --local` does, so both open the same file.
function readDatabaseTarget(): DatabaseTarget {
  const config = unstable_readConfig({ config: join(ROOT, 'wrangler.toml') });
  const binding = config.d1_databases.find(
    (database: { binding: string }) => database.binding === 'DB',
  );
  if (!binding) {
    throw new Error('wrangler.toml has no [[d1_databases]] entry with binding = "DB"');
  }
  const id = binding.preview_database_id ?? binding.database_id ?? binding.binding;
  return {
    name: binding.database_name ?? binding.binding,
    id,
    environment: config.vars.ENVIRONMENT as string | undefined,
  };
}

// Synthetic rows must never reach production, where they would mix with real patients.
function productionRefusal(target: DatabaseTarget): string | null {
  if (process.env.ENVIRONMENT === 'production') {
    return 'ENVIRONMENT is "production". The seeder only writes to development and staging databases.';
  }
  if (target.environment === 'production') {
    return 'wrangler.toml sets ENVIRONMENT = "production". The seeder only writes to development and staging databases.';
  }
  if (/prod/i.test(target.name)) {
    return `the database name "${target.name}" in wrangler.toml looks like a production database.`;
  }
  return null;
}

// The summary sits beside the database it describes, so each state directory has its own.
function summaryPath(persistTo: string): string {
  return join(resolve(persistTo), 'seed-summary.json');
}

async function writeSummary(persistTo: string, summary: object): Promise<void> {
  const path = summaryPath(persistTo);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, `${JSON.stringify(summary, null, 2)}\n`);
}

function printSignIn(examples: SignInExamples): void {
  console.log('Sign in with:');
  console.log(`  a patient:               ${examples.patientEmail ?? '(none: too few patients)'}`);
  const children =
    examples.parentChildren.length > 0 ? ` (${examples.parentChildren.join(', ')})` : '';
  console.log(
    `  a parent with children:  ${examples.parentEmail ?? '(none: too few patients)'}${children}`,
  );
  console.log(`  a staff member:          ${examples.staffEmail ?? '(none)'}`);
}
