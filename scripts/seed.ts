// `npm run seed -- [options]`: fill the local D1 that `wrangler dev` uses with synthetic
// patients, or write them as SQL files (--format sql). Keeps existing data unless --reset is
// given, and rejects production targets.
// Exit codes: 0 seeded or kept, 1 rejected or failed, 2 invalid command line.
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { drizzle } from 'drizzle-orm/d1';
import { Miniflare, convertV4MiniflareOptions } from 'miniflare';
import { unstable_readConfig } from 'wrangler';
import {
  countPatients,
  productionRejection,
  resetDatabase,
  summarizeDatabase,
  writePopulation,
  type Statement,
} from '../seed/index.ts';
import { HELP, USAGE, UsageError, parseCommandLine, type CommandLine } from './seed-args.ts';
import { printSignIn, printSummary, progressOnStdout } from './seed-report.ts';
import { writeFhirFiles } from './seed-fhir.ts';
import { writeSqlFiles } from './seed-sql.ts';

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
  const commandLine = parseCommandLine(argv, ROOT);
  const { options } = commandLine;

  const target = readDatabaseTarget();
  const rejection = productionRejection({
    databaseName: target.name,
    configEnvironment: target.environment,
    shellEnvironment: process.env.ENVIRONMENT,
  });
  if (rejection) {
    console.error(`seed: rejected: ${rejection}`);
    return 1;
  }

  if (commandLine.format === 'sql') return writeSql(commandLine);
  if (commandLine.format === 'fhir') return writeFhir(commandLine);

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
  const progress = progressOnStdout(options.patients);
  const summary = await writePopulation(
    drizzle(d1),
    options,
    (group) => sendToWorker(miniflare, group),
    (done) => progress.update(done),
  );
  progress.finish();
  const seconds = Number(((performance.now() - startedAt) / 1000).toFixed(2));

  await writeSummary(commandLine.persistTo, { ...summary, seconds });
  printSummary(summary, seconds);
  printSignIn(summary.signInExamples);
  console.log(`Summary written to ${relative(process.cwd(), summaryPath(commandLine.persistTo))}`);
  return 0;
}

async function writeSql(commandLine: CommandLine): Promise<number> {
  const { options } = commandLine;
  const outDir = resolve(commandLine.outDir!);
  const clockNote = commandLine.referenceDateFromClock ? " (today's date in UTC)" : '';
  console.log(`Reference date: ${options.referenceDate}${clockNote}`);
  console.log(
    `Writing ${options.patients} synthetic patients with seed ${options.seed} as SQL files to ${relative(process.cwd(), outDir) || '.'} ...`,
  );

  const startedAt = performance.now();
  const progress = progressOnStdout(options.patients);
  const result = await writeSqlFiles(options, outDir, (done) => progress.update(done));
  progress.finish();
  const seconds = Number(((performance.now() - startedAt) / 1000).toFixed(2));

  if (result.replaced > 0) {
    console.log(`Deleted ${result.replaced} numbered SQL files of an earlier run first.`);
  }
  printSummary(result.summary, seconds);
  const megabytes = (result.bytes / 1_000_000).toFixed(1);
  console.log(
    `Wrote ${result.files.length} files (${megabytes} MB), ${result.files[0]} to ${result.files.at(-1)}.`,
  );
  console.log(
    `Run them in name order on a migrated database: npx wrangler d1 execute DB --local --file ${join(relative(process.cwd(), outDir) || '.', result.files[0]!)} (and so on)`,
  );
  return 0;
}

async function writeFhir(commandLine: CommandLine): Promise<number> {
  const { options } = commandLine;
  const outDir = resolve(commandLine.outDir!);
  const clockNote = commandLine.referenceDateFromClock ? " (today's date in UTC)" : '';
  console.log(`Reference date: ${options.referenceDate}${clockNote}`);
  console.log(
    `Writing ${options.patients} synthetic patients with seed ${options.seed} as FHIR R4 Bundles to ${relative(process.cwd(), outDir) || '.'} ...`,
  );

  const startedAt = performance.now();
  const progress = progressOnStdout(options.patients);
  const result = await writeFhirFiles(options, outDir, (done) => progress.update(done));
  progress.finish();
  const seconds = Number(((performance.now() - startedAt) / 1000).toFixed(2));

  if (result.replaced > 0) {
    console.log(`Deleted ${result.replaced} bundle files of an earlier run first.`);
  }
  printSummary(result.summary, seconds);
  const megabytes = (result.bytes / 1_000_000).toFixed(1);
  console.log(`Wrote ${result.files} transaction Bundles (${megabytes} MB), one per patient.`);
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

// The summary sits beside the database it describes, so each state directory has its own.
function summaryPath(persistTo: string): string {
  return join(resolve(persistTo), 'seed-summary.json');
}

async function writeSummary(persistTo: string, summary: object): Promise<void> {
  const path = summaryPath(persistTo);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, `${JSON.stringify(summary, null, 2)}\n`);
}
