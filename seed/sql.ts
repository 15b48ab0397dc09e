import { getTableColumns, getTableName, type Column, type Table } from 'drizzle-orm';
import { generatePopulation } from './generate.ts';
import type { SeedOptions } from './options.ts';
import { SEED_TABLES, type SeedRows } from './rows.ts';

/** Rows per INSERT in SQL text. Literal values bind no parameters, so only size limits apply. */
export const SQL_ROWS_PER_STATEMENT = 50;

/**
 * Bytes of UTF-8 per INSERT, head included. D1 rejects SQL statements longer than 100,000
 * bytes, and half of that keeps every statement well inside the limit.
 */
export const MAX_SQL_STATEMENT_BYTES = 50_000;

/**
 * Renders the population as INSERT statements with literal values, parents before children,
 * for `wrangler d1 execute --file` and for comparing runs byte for byte.
 */
export function* generateSeedSql(options: SeedOptions): Generator<string> {
  for (const batch of generatePopulation(options)) {
    yield* renderBatch(batch);
  }
}

/** Renders the whole population as one SQL script. */
export function renderSeedSql(options: SeedOptions): string {
  return [...generateSeedSql(options)].join('\n');
}

/** Renders one row batch as INSERT statements, parents before children. */
export function* renderBatch(batch: SeedRows): Generator<string> {
  for (const statement of renderSizedBatch(batch)) yield statement.text;
}

/** Renders rows of one table as INSERT statements, each within the row and size limits. */
export function* renderInserts(
  table: Table,
  rows: readonly Record<string, unknown>[],
): Generator<string> {
  for (const statement of renderSizedInserts(table, rows)) yield statement.text;
}

/** An INSERT statement with its length in UTF-8 bytes, the ";" included. */
export interface SizedStatement {
  text: string;
  bytes: number;
}

/**
 * Renders one row batch as renderBatch does, with each statement's size counted from its rows,
 * so a caller that splits statements into files by size does not scan each statement again.
 */
export function* renderSizedBatch(batch: SeedRows): Generator<SizedStatement> {
  for (const { key, table } of SEED_TABLES) {
    yield* renderSizedInserts(table, batch[key]);
  }
}

function* renderSizedInserts(
  table: Table,
  rows: readonly Record<string, unknown>[],
): Generator<SizedStatement> {
  const { head, headBytes, keys, columns } = insertShape(table);
  const values: string[] = new Array<string>(keys.length);
  let tuples: string[] = [];
  // The head, then each tuple with the ",\n" after it. The last tuple ends in ";" instead,
  // one byte less.
  let bytes = headBytes;

  for (const row of rows) {
    // One array serves every row, because a new array per row was a large share of the garbage
    // in a CPU profile. join() gives a flat string, which utf8Length scans fastest.
    for (let index = 0; index < keys.length; index += 1) {
      const column = columns[index]!;
      const fromRow = row[keys[index]!];
      const value = fromRow === undefined ? column.default : fromRow;
      values[index] =
        value === undefined || value === null ? 'NULL' : sqlLiteral(column.mapToDriverValue(value));
    }
    const tuple = `  (${values.join(', ')})`;
    const tupleBytes = utf8Length(tuple) + 2;
    if (
      tuples.length > 0 &&
      (tuples.length >= SQL_ROWS_PER_STATEMENT || bytes + tupleBytes > MAX_SQL_STATEMENT_BYTES)
    ) {
      yield { text: `${head}${tuples.join(',\n')};`, bytes: bytes - 1 };
      tuples = [];
      bytes = headBytes;
    }
    tuples.push(tuple);
    bytes += tupleBytes;
  }
  if (tuples.length > 0) yield { text: `${head}${tuples.join(',\n')};`, bytes: bytes - 1 };
}

interface InsertShape {
  head: string;
  headBytes: number;
  /** Property names of the row objects, in column order. */
  keys: string[];
  columns: Column[];
}

// Worked out once per table instead of once per batch: a population has a batch per household.
const insertShapes = new WeakMap<Table, InsertShape>();

function insertShape(table: Table): InsertShape {
  let shape = insertShapes.get(table);
  if (shape === undefined) {
    const entries = Object.entries(getTableColumns(table));
    const head = `INSERT INTO "${getTableName(table)}" (${entries.map(([, column]) => `"${column.name}"`).join(', ')}) VALUES\n`;
    shape = {
      head,
      headBytes: utf8Length(head),
      keys: entries.map(([key]) => key),
      columns: entries.map(([, column]) => column),
    };
    insertShapes.set(table, shape);
  }
  return shape;
}

const NON_ASCII = /[\u0080-\uffff]/;

/** Counts the bytes of a string in UTF-8 without encoding it. Lone surrogates count as 3, like U+FFFD. */
export function utf8Length(text: string): number {
  // Most SQL text is ASCII, one byte per character, and the regular expression engine finds
  // that out far faster than the loop below.
  if (!NON_ASCII.test(text)) return text.length;
  let bytes = 0;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && isLowSurrogate(text.charCodeAt(index + 1))) {
      bytes += 4;
      index += 1;
    } else bytes += 3;
  }
  return bytes;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** Writes a value as an SQLite literal. Strings double their single quotes; nothing else escapes. */
export function sqlLiteral(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`Cannot write ${value} as an SQL literal`);
    return String(value);
  }
  if (typeof value === 'string') {
    // SQLite ends a string at a NUL character, which would silently cut the value.
    if (value.includes('\u0000'))
      throw new TypeError('Cannot write a string containing NUL as an SQL literal');
    // Most values have no quote, so they skip the replacement.
    if (!value.includes("'")) return `'${value}'`;
    return `'${value.replaceAll("'", "''")}'`;
  }
  throw new TypeError(`Cannot write a value of type ${typeof value} as an SQL literal`);
}
