// Access to the local D1 that `wrangler dev` uses and to the development signing key, option
// parsing, and the wording of seq ranges, shared by the audit:verify, audit:export and audit:prune
// scripts.
// npm runs these scripts with node --experimental-strip-types on the Node 22 that the `node`
// devDependency puts first on PATH, so the system Node 20 never runs them.

import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, parseEnv, type ParseArgsOptionsConfig } from 'node:util';
import { convertV4MiniflareOptions, Miniflare } from 'miniflare';
import type { ChainedEvent } from '../worker/audit/chain.ts';
import type { SignedHead } from '../worker/audit/heads.ts';
import { SELECT_EVENTS } from '../worker/audit/prune.ts';
import {
  readSigningKey,
  readVerificationKey,
  verificationKeyOf,
  type SigningKey,
  type VerificationKey,
} from '../worker/audit/signing-key.ts';

export type LocalD1 = Awaited<ReturnType<Miniflare['getD1Database']>>;

const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));
const DEFAULT_STATE_DIR = join(PROJECT_ROOT, '.wrangler', 'state');
const WRANGLER_CONFIG = join(PROJECT_ROOT, 'wrangler.toml');
const DEV_VARS = join(PROJECT_ROOT, '.dev.vars');
// Rows per query, so memory use stays flat however long the trail is.
const PAGE_SIZE = 5000;

const SELECT_HEADS =
  'select seq, hash, signed_at as "signedAt", jws, key_id as "keyId" from audit_chain_heads' +
  ' where seq >= ? and seq <= ? order by seq';

/** Thrown for a problem the user can fix; scripts print its message and exit 1. */
export class ScriptError extends Error {
  name = 'ScriptError';
}

type ParsedValues<T extends ParseArgsOptionsConfig> = ReturnType<
  typeof parseArgs<{ args: string[]; options: T; strict: true; allowPositionals: false }>
>['values'];

/**
 * Parses a script's command-line options, with --help added, and returns what `check` makes of
 * them. Prints `usage` and exits 0 for --help. Prints the error and `usage` and exits 2 when an
 * option is unknown or invalid, or `check` throws.
 */
export function readScriptOptions<T extends ParseArgsOptionsConfig, R>(
  args: string[],
  usage: string,
  options: T,
  check: (values: ParsedValues<T>) => R,
): R {
  try {
    const { values } = parseArgs({
      args,
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false,
    });
    // The generic options type hides the added flag from parseArgs's result type.
    if ((values as { help?: boolean }).help) {
      console.log(usage);
      process.exit(0);
    }
    return check(values as ParsedValues<T>);
  } catch (error) {
    console.error(`${(error as Error).message}\n${usage}`);
    process.exit(2);
  }
}

/** Resolves a path given on the command line against the directory npm was started in. */
export function resolveFromCaller(path: string): string {
  // npm runs scripts in the project root and keeps the caller's directory in INIT_CWD.
  return resolve(process.env.INIT_CWD ?? process.cwd(), path);
}

/** Returns the directory given to wrangler dev --persist-to, or the default .wrangler/state. */
export function stateDirFrom(persistTo: string | undefined): string {
  return persistTo ? resolveFromCaller(persistTo) : DEFAULT_STATE_DIR;
}

/**
 * Opens the local D1 of the binding DB under `stateDir`, runs `body` with it and disposes of the
 * Miniflare instance afterwards.
 */
export async function withLocalD1<T>(stateDir: string, body: (db: LocalD1) => Promise<T>) {
  const d1Dir = join(stateDir, 'v3', 'd1');
  if (!existsSync(d1Dir)) {
    throw new ScriptError(
      `No local D1 database found in ${d1Dir}. Apply the migrations or run wrangler dev first.`,
    );
  }

  // The options follow those that `wrangler d1 execute --local` passes in wrangler 4.164, so
  // Miniflare 5 finds D1 under <state>/v3/d1, the folder wrangler dev writes.
  // convertV4MiniflareOptions() turns them into Miniflare 5's shape and leaves the dev registry
  // off. cf: false uses a placeholder Request.cf object instead of fetching one from Cloudflare.
  const mf = new Miniflare(
    convertV4MiniflareOptions({
      modules: true,
      script: 'export default { fetch() { return new Response(null, { status: 404 }); } };',
      d1Databases: { DB: readDatabaseId() },
      resourcePersistencePath: join(stateDir, 'v3'),
      cf: false,
    }),
  );
  try {
    return await body(await mf.getD1Database('DB'));
  } finally {
    await mf.dispose();
  }
}

/** Reads the events with afterSeq < seq <= toSeq, one page at a time, in ascending seq order. */
export async function* readEventPages(
  db: LocalD1,
  afterSeq: number,
  toSeq: number = Number.MAX_SAFE_INTEGER,
): AsyncGenerator<ChainedEvent[]> {
  for (let last = afterSeq; last < toSeq;) {
    const { results } = await db
      .prepare(SELECT_EVENTS)
      .bind(last, toSeq, PAGE_SIZE)
      .all<ChainedEvent>();
    if (results.length === 0) return;
    yield results;
    last = results[results.length - 1]!.seq;
  }
}

/**
 * Returns whether the audit_chain_heads table exists. A database migrated before signed heads
 * existed lacks it, and its hash chain can still be verified.
 */
export async function hasHeadsTable(db: LocalD1): Promise<boolean> {
  return hasTable(db, 'audit_chain_heads');
}

/** Returns whether a table exists, for databases migrated before it was added. */
export async function hasTable(db: LocalD1, name: string): Promise<boolean> {
  const row = await db
    .prepare("select 1 as found from sqlite_master where type = 'table' and name = ?")
    .bind(name)
    .first<{ found: number }>();
  return row !== null;
}

/** Reads the signed heads with fromSeq <= seq <= toSeq in ascending seq order. */
export async function readHeads(
  db: LocalD1,
  fromSeq = 0,
  toSeq: number = Number.MAX_SAFE_INTEGER,
): Promise<SignedHead[]> {
  const { results } = await db.prepare(SELECT_HEADS).bind(fromSeq, toSeq).all<SignedHead>();
  return results;
}

/**
 * Returns the public key to check heads with: the JWK in `publicKeyFile` when given, else the
 * public part of AUDIT_SIGNING_KEY in .dev.vars, else null. Never prints the private key, and
 * the errors it throws do not contain it.
 */
export async function readPublicKey(publicKeyFile?: string): Promise<VerificationKey | null> {
  if (publicKeyFile) {
    const path = resolveFromCaller(publicKeyFile);
    if (!existsSync(path)) throw new ScriptError(`The public key file ${path} does not exist.`);
    return readVerificationKey(readFileSync(path, 'utf8'), path);
  }
  if (!existsSync(DEV_VARS)) return null;

  const secret = parseEnv(readFileSync(DEV_VARS, 'utf8')).AUDIT_SIGNING_KEY;
  if (!secret) return null;
  return verificationKeyOf(await readSigningKey(secret));
}

/**
 * Reads the private signing key from AUDIT_SIGNING_KEY in .dev.vars. Throws ScriptError when it is
 * missing, and the error never contains the key.
 */
export async function readDevSigningKey(): Promise<SigningKey> {
  const secret = existsSync(DEV_VARS)
    ? parseEnv(readFileSync(DEV_VARS, 'utf8')).AUDIT_SIGNING_KEY
    : undefined;
  if (!secret) {
    throw new ScriptError(
      'AUDIT_SIGNING_KEY is missing from .dev.vars. Run npm start once to create it.',
    );
  }
  return readSigningKey(secret);
}

/** Returns a variable from the [vars] table of wrangler.toml, or undefined. */
export function readWranglerVar(name: string): string | undefined {
  const config = readFileSync(WRANGLER_CONFIG, 'utf8');
  const vars = config.split(/^\[vars\]\s*$/m)[1]?.split(/^\[/m)[0] ?? '';
  return vars.match(new RegExp(`^${name}\\s*=\\s*"([^"]*)"`, 'm'))?.[1];
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
  throw new ScriptError(`No D1 database with binding "DB" in ${WRANGLER_CONFIG}.`);
}

/** Words a seq range as the subject of a sentence: "event 6 is" or "events 4 to 6 are". */
export function eventsPhrase(fromSeq: number, toSeq: number): string {
  return fromSeq === toSeq ? `event ${fromSeq} is` : `events ${fromSeq} to ${toSeq} are`;
}

/** Words a count with its noun: "1 signed head", "2 signed heads". */
export function countPhrase(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
