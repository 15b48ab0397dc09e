// Recomputes the audit trail's hash chain in the local D1 that `wrangler dev` uses and names the
// first broken sequence number. Output names sequence numbers only, never an event's contents.
//
//   npm run audit:verify [-- --persist-to DIR]
//
// Exit status: 0 when the chain verifies, 1 when it is broken or the database cannot be read,
// 2 for invalid arguments.

import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { convertV4MiniflareOptions, Miniflare } from 'miniflare';
import { CANONICAL_COLUMNS, type ChainedEvent } from '../worker/audit/chain.ts';
import { ChainVerifier } from '../worker/audit/verify.ts';

const USAGE =
  'Usage: npm run audit:verify -- [--persist-to DIR]\n' +
  '  --persist-to DIR  the state directory given to wrangler dev --persist-to (default: .wrangler/state)';
const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));
const DEFAULT_STATE_DIR = join(PROJECT_ROOT, '.wrangler', 'state');
const WRANGLER_CONFIG = join(PROJECT_ROOT, 'wrangler.toml');
// Rows per query, so memory use stays flat however long the trail is.
const PAGE_SIZE = 5000;

// Every column under the field name ChainedEvent uses, so rows feed the verifier unchanged.
const SELECT_EVENTS =
  'select ' +
  [...CANONICAL_COLUMNS, ['hash', 'hash'] as const]
    .map(([column, field]) => `${column} as "${field}"`)
    .join(', ') +
  ' from audit_events where seq > ? order by seq limit ?';

const stateDir = readStateDir(process.argv.slice(2));
const d1Dir = join(stateDir, 'v3', 'd1');
if (!existsSync(d1Dir)) {
  fail(`No local D1 database found in ${d1Dir}. Apply the migrations or run wrangler dev first.`);
}
const databaseId = readDatabaseId();

// The options follow those that `wrangler d1 execute --local` passes in wrangler 4.164, so
// Miniflare 5 finds D1 under <state>/v3/d1, the folder wrangler dev writes.
// convertV4MiniflareOptions() turns them into Miniflare 5's shape and leaves the dev registry
// off. cf: false uses a placeholder Request.cf object instead of fetching one from Cloudflare.
const mf = new Miniflare(
  convertV4MiniflareOptions({
    modules: true,
    script: 'export default { fetch() { return new Response(null, { status: 404 }); } };',
    d1Databases: { DB: databaseId },
    resourcePersistencePath: join(stateDir, 'v3'),
    cf: false,
  }),
);
try {
  process.exitCode = await verifyTrail(await mf.getD1Database('DB'));
} catch (error) {
  console.error(`Could not read audit_events in ${d1Dir}: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  await mf.dispose();
}

async function verifyTrail(db: Awaited<ReturnType<Miniflare['getD1Database']>>): Promise<number> {
  const verifier = new ChainVerifier();
  let lastSeq = 0;
  for (;;) {
    const { results } = await db
      .prepare(SELECT_EVENTS)
      .bind(lastSeq, PAGE_SIZE)
      .all<ChainedEvent>();
    if (results.length === 0 || !(await verifier.add(results))) break;
    lastSeq = results[results.length - 1]!.seq;
  }

  const verdict = verifier.verdict();
  if (!verdict.ok) {
    console.log(`Audit chain broken at sequence number ${verdict.brokenAt}: ${verdict.why}`);
    return 1;
  }
  console.log(`Audit chain verified: ${verdict.count} events`);
  return 0;
}

function readStateDir(args: string[]): string {
  try {
    const { values } = parseArgs({
      args,
      options: { 'persist-to': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false,
    });
    if (values.help) {
      console.log(USAGE);
      process.exit(0);
    }
    // npm runs scripts in the project root and keeps the caller's directory in INIT_CWD.
    const persistTo = values['persist-to'];
    return persistTo
      ? resolve(process.env.INIT_CWD ?? process.cwd(), persistTo)
      : DEFAULT_STATE_DIR;
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    process.exit(2);
  }
}

// Reads the id under which wrangler 4.164 stores the local database of the binding DB: its
// preview_database_id, else its database_id, else the binding name itself.
function readDatabaseId(): string {
  const config = readFileSync(WRANGLER_CONFIG, 'utf8');
  for (const block of config.split(/^\[\[d1_databases\]\]\s*$/m).slice(1)) {
    const table = block.split(/^\[/m)[0]!;
    const value = (key: string) => table.match(new RegExp(`^${key}\\s*=\\s*"([^"]+)"`, 'm'))?.[1];
    if (value('binding') !== 'DB') continue;
    return value('preview_database_id') ?? value('database_id') ?? 'DB';
  }
  return fail(`No D1 database with binding "DB" in ${WRANGLER_CONFIG}.`);
}

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}
