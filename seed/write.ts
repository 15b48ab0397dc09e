import type { D1Database } from '@cloudflare/workers-types';
import { getTableColumns, getTableName, type Table } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { drizzle, type DrizzleD1Database } from 'drizzle-orm/d1';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import { generatePopulation } from './generate.ts';
import { validateSeedOptions, type SeedOptions } from './options.ts';
import { SEED_TABLES, type SeedRows } from './rows.ts';
import { SummaryCollector, type SeedSummary } from './summary.ts';
import { tablesInDeleteOrder } from './tables.ts';

/** D1 rejects a statement with more than 100 bound parameters. */
export const MAX_BOUND_PARAMETERS = 100;

/** Statements per `batch()` call; each batch runs as one transaction. */
export const STATEMENTS_PER_BATCH = 50;

/** An INSERT that runs in a D1 batch and renders as SQL with its bound parameters. */
export type Statement = BatchItem<'sqlite'> & { toSQL(): { sql: string; params: unknown[] } };

/**
 * Rows per multi-row INSERT for a table. drizzle binds one parameter for every column of the
 * table in every row, defaults and nulls included, so the table's column count decides the
 * chunk, not the keys of a row object.
 */
export function rowsPerStatement(table: Table): number {
  const columnCount = Object.keys(getTableColumns(table)).length;
  return Math.max(1, Math.floor(MAX_BOUND_PARAMETERS / columnCount));
}

/** Splits rows into chunks that each fit in one INSERT under the bound-parameter limit. */
export function chunkRows<T>(table: Table, rows: readonly T[]): T[][] {
  const size = rowsPerStatement(table);
  const chunks: T[][] = [];
  for (let start = 0; start < rows.length; start += size) {
    chunks.push(rows.slice(start, start + size));
  }
  return chunks;
}

/** Builds the INSERT statements for one row batch, parents before children. */
export function buildInserts(db: DrizzleD1Database, batch: SeedRows): Statement[] {
  const statements: Statement[] = [];
  for (const { key, table } of SEED_TABLES) {
    for (const chunk of chunkRows<object>(table, batch[key])) {
      statements.push(db.insert(table as SQLiteTable).values(chunk as never));
    }
  }
  return statements;
}

/**
 * Generates a synthetic population and inserts it into a D1 database whose migrations are
 * applied. Statements go out in batches in generation order, so foreign keys hold at every
 * step; a failure leaves the batches before it written.
 *
 * @example
 * const summary = await seedDatabase(env.DB, { seed: 1, referenceDate: '2026-11-03', patients: 40 });
 */
export async function seedDatabase(d1: D1Database, options: SeedOptions): Promise<SeedSummary> {
  const db = drizzle(d1);
  return writePopulation(db, options, async (group) => {
    const [first, ...rest] = group;
    if (first) await db.batch([first, ...rest]);
  });
}

/**
 * Generates the population and hands its INSERT statements to `send` in groups of at most
 * STATEMENTS_PER_BATCH, in an order that keeps foreign keys valid. seedDatabase sends each
 * group as one D1 batch; a caller outside workerd can ship the groups to a worker instead.
 * `onPatients` receives the running count of patients generated, for a progress display.
 */
export async function writePopulation(
  db: DrizzleD1Database,
  options: SeedOptions,
  send: (group: Statement[]) => Promise<void>,
  onPatients?: (patientsDone: number) => void,
): Promise<SeedSummary> {
  const valid = validateSeedOptions(options);
  const collector = new SummaryCollector(valid.referenceDate);
  let pending: Statement[] = [];
  let patientsDone = 0;

  const run = generatePopulation(valid);
  let step = run.next();
  for (; !step.done; step = run.next()) {
    const rows = step.value;
    collector.add(rows);
    pending.push(...buildInserts(db, rows));
    while (pending.length >= STATEMENTS_PER_BATCH) {
      await send(pending.slice(0, STATEMENTS_PER_BATCH));
      pending = pending.slice(STATEMENTS_PER_BATCH);
    }
    patientsDone += rows.patients.length;
    onPatients?.(patientsDone);
  }
  if (pending.length > 0) await send(pending);

  return { ...collector.summary(valid.seed), canaries: step.value };
}

/**
 * Tables a reset keeps. The audit trail is append-only: deleting it would break its chain and
 * erase the record of who used the development portal, so re-seeding leaves it in place.
 */
export const KEPT_ON_RESET: ReadonlySet<string> = new Set(['audit_events', 'audit_chain_heads']);

/**
 * Deletes every row of every table in the schema except the audit trail, children before
 * parents, in one transaction.
 */
export async function resetDatabase(d1: D1Database): Promise<void> {
  const deletes = tablesInDeleteOrder()
    .map((table) => getTableName(table))
    .filter((name) => !KEPT_ON_RESET.has(name))
    .map((name) => d1.prepare(`DELETE FROM "${name}"`));
  await d1.batch(deletes);
}
