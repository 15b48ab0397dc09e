// Writes the synthetic population as numbered SQL files for `wrangler d1 execute --file`.
import { readdir, mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  SQL_FILE_NAME,
  SummaryCollector,
  generateSqlFiles,
  validateSeedOptions,
  type SeedOptions,
  type SeedSummary,
} from '../seed/index.ts';

export interface SqlFilesResult {
  summary: SeedSummary;
  /** File names in the order to run them. */
  files: string[];
  bytes: number;
  /** Numbered files of an earlier run that were deleted first. */
  replaced: number;
}

/**
 * Generates the population into `outDir` as 0001.sql, 0002.sql, ..., one file written before
 * the next is rendered. Numbered files of an earlier run are deleted first, because a stale
 * 0042.sql left after a smaller run would be applied with the new ones.
 */
export async function writeSqlFiles(
  options: SeedOptions,
  outDir: string,
  onPatients?: (patientsDone: number) => void,
): Promise<SqlFilesResult> {
  const valid = validateSeedOptions(options);
  await mkdir(outDir, { recursive: true });
  const stale = (await readdir(outDir)).filter((name) => SQL_FILE_NAME.test(name));
  for (const name of stale) await rm(join(outDir, name));

  const collector = new SummaryCollector(valid.referenceDate);
  let patientsDone = 0;
  const onBatch = (batch: Parameters<SummaryCollector['add']>[0]) => {
    collector.add(batch);
    patientsDone += batch.patients.length;
    onPatients?.(patientsDone);
  };

  const files: string[] = [];
  let bytes = 0;
  for (const file of generateSqlFiles(valid, onBatch)) {
    const data = Buffer.from(file.text, 'utf8');
    await writeFile(join(outDir, file.name), data);
    files.push(file.name);
    bytes += data.byteLength;
  }

  return { summary: collector.summary(valid.seed), files, bytes, replaced: stale.length };
}
