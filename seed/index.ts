// The synthetic chart generator: a deterministic population of patients, proxies, staff and
// charts for development and staging databases. Runtime-neutral: it runs in Node and workerd.

export {
  HARD_CASE_IDS,
  HardCaseDetector,
  MIN_PATIENTS_FOR_HARD_CASES,
  type HardCaseStatus,
} from './cases.ts';
export {
  CANARY_HOUSEHOLDS,
  CANARY_PREFIX,
  canaryValue,
  plantCanary,
  type PlantedCanary,
} from './canaries.ts';
export { countPatients, summarizeDatabase, type ExistingSummary } from './existing.ts';
export {
  FHIR_FILE_NAME,
  fhirFileName,
  patientBundles,
  renderBundle,
  type PatientBundle,
} from './fhir/bundle.ts';
export type { Resource as FhirResource } from './fhir/resources.ts';
export { generatePopulation } from './generate.ts';
export {
  DEFAULT_PATIENTS,
  DEFAULT_SEED,
  MAX_PATIENTS,
  validateSeedOptions,
  type SeedOptions,
} from './options.ts';
export { SEED_TABLES, emptyRows, type SeedRows, type SeedTableKey } from './rows.ts';
export { formatDuration, ProgressReporter, type ProgressOutput } from './progress.ts';
export {
  MAX_SQL_STATEMENT_BYTES,
  generateSeedSql,
  renderBatch,
  renderInserts,
  renderSeedSql,
  sqlLiteral,
  utf8Length,
} from './sql.ts';
export {
  MAX_SQL_FILE_BYTES,
  SQL_FILE_NAME,
  generateSqlFiles,
  splitIntoFiles,
  sqlFileName,
  type SqlFile,
} from './sql-files.ts';
export { productionRejection, type SeedTarget } from './target.ts';
export { RoleExampleFinder, type RoleExample } from './sign-in.ts';
export { SummaryCollector, type SeedSummary, type SignInExamples } from './summary.ts';
export { parentsFirst, referencedTableNames, tablesInDeleteOrder } from './tables.ts';
export {
  KEPT_ON_RESET,
  MAX_BOUND_PARAMETERS,
  buildInserts,
  chunkRows,
  resetDatabase,
  rowsPerStatement,
  seedDatabase,
  writePopulation,
  type Statement,
} from './write.ts';
