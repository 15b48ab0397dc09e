// Writes the synthetic population as FHIR R4: one transaction Bundle per patient, one file each.
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  FHIR_FILE_NAME,
  SummaryCollector,
  fhirFileName,
  generatePopulation,
  patientBundles,
  renderBundle,
  validateSeedOptions,
  type SeedOptions,
  type SeedSummary,
} from '../seed/index.ts';

export interface FhirFilesResult {
  summary: SeedSummary;
  files: number;
  bytes: number;
  /** Bundle files of an earlier run that were deleted first. */
  replaced: number;
}

/**
 * Generates the population into `outDir` as SYN-000001.json, SYN-000002.json, ..., writing each
 * household's bundles before the next household is generated, so memory stays flat. Bundle
 * files of an earlier run are deleted first, so a smaller run leaves no stale patients behind.
 */
export async function writeFhirFiles(
  options: SeedOptions,
  outDir: string,
  onPatients?: (patientsDone: number) => void,
): Promise<FhirFilesResult> {
  const valid = validateSeedOptions(options);
  await mkdir(outDir, { recursive: true });
  const stale = (await readdir(outDir)).filter((name) => FHIR_FILE_NAME.test(name));
  for (const name of stale) await rm(join(outDir, name));

  const collector = new SummaryCollector(valid.referenceDate);
  let files = 0;
  let bytes = 0;
  for (const batch of generatePopulation(valid)) {
    collector.add(batch);
    for (const { mrn, bundle } of patientBundles(batch)) {
      const data = Buffer.from(renderBundle(bundle), 'utf8');
      await writeFile(join(outDir, fhirFileName(mrn)), data);
      files += 1;
      bytes += data.byteLength;
    }
    onPatients?.(files);
  }

  return { summary: collector.summary(valid.seed), files, bytes, replaced: stale.length };
}
