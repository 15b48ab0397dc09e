import { generatePopulation } from './generate.ts';
import type { SeedOptions } from './options.ts';
import { renderSizedBatch, utf8Length, type SizedStatement } from './sql.ts';
import type { SeedRows } from './rows.ts';

/**
 * Bytes of SQL per file. `wrangler d1 execute --file` reads a whole file into memory and runs it
 * as one import. A 4 MB file took 4 to 8 s to run on a local D1, and 100,000 patients still fit
 * in under a thousand files.
 */
export const MAX_SQL_FILE_BYTES = 4_000_000;

/** One SQL file: its name in the output folder and its text, statements ending in ";\n". */
export interface SqlFile {
  name: string;
  text: string;
}

/** A callback that receives each row batch before it is rendered, for progress and summaries. */
export type BatchListener = (batch: SeedRows) => void;

/**
 * Renders the population as SQL files of at most `maxBytes` bytes each, numbered 0001.sql,
 * 0002.sql, ... in generation order. Statements never straddle two files and every file starts
 * after the rows its foreign keys refer to, so running the files in name order keeps every
 * foreign key valid. Only one file's text is held at a time, so memory stays flat however many
 * patients there are.
 *
 * @example
 * for (const file of generateSqlFiles({ seed: 1, referenceDate: '2026-11-03', patients: 200 })) {
 *   writeFileSync(join(dir, file.name), file.text);
 * }
 */
export function* generateSqlFiles(
  options: SeedOptions,
  onBatch?: BatchListener,
  maxBytes: number = MAX_SQL_FILE_BYTES,
): Generator<SqlFile> {
  yield* splitSizedIntoFiles(renderStatements(options, onBatch), maxBytes);
}

function* renderStatements(
  options: SeedOptions,
  onBatch?: BatchListener,
): Generator<SizedStatement> {
  for (const batch of generatePopulation(options)) {
    onBatch?.(batch);
    yield* renderSizedBatch(batch);
  }
}

/** Groups statements into numbered files of at most `maxBytes` bytes, each statement whole. */
export function* splitIntoFiles(
  statements: Iterable<string>,
  maxBytes: number = MAX_SQL_FILE_BYTES,
): Generator<SqlFile> {
  yield* splitSizedIntoFiles(measure(statements), maxBytes);
}

function* measure(statements: Iterable<string>): Generator<SizedStatement> {
  for (const text of statements) yield { text, bytes: utf8Length(text) };
}

function* splitSizedIntoFiles(
  statements: Iterable<SizedStatement>,
  maxBytes: number,
): Generator<SqlFile> {
  let parts: string[] = [];
  let bytes = 0;
  let number = 0;

  for (const statement of statements) {
    const lineBytes = statement.bytes + 1;
    if (lineBytes > maxBytes) {
      throw new RangeError(
        `An SQL statement of ${lineBytes} bytes does not fit in a file of at most ${maxBytes} bytes`,
      );
    }
    if (parts.length > 0 && bytes + lineBytes > maxBytes) {
      number += 1;
      yield { name: sqlFileName(number), text: parts.join('') };
      parts = [];
      bytes = 0;
    }
    parts.push(statement.text, '\n');
    bytes += lineBytes;
  }

  if (parts.length > 0) {
    number += 1;
    yield { name: sqlFileName(number), text: parts.join('') };
  }
}

/** Names file `number` (from 1) with four digits or more, so names sort in running order. */
export function sqlFileName(number: number): string {
  return `${String(number).padStart(4, '0')}.sql`;
}

/** Matches the names sqlFileName makes, so a rerun can find and replace an older run's files. */
export const SQL_FILE_NAME = /^\d{4,}\.sql$/;
