// The synthetic chart generator: a deterministic population of patients, proxies, staff and
// charts for development and staging databases. Runtime-neutral: it runs in Node and workerd.

export { countPatients, summarizeDatabase, type ExistingSummary } from './existing.ts';
export { generatePopulation } from './generate.ts';
export {
  DEFAULT_PATIENTS,
  DEFAULT_SEED,
  MAX_PATIENTS,
  validateSeedOptions,
  type SeedOptions,
} from './options.ts';
export { SEED_TABLES, emptyRows, type SeedRows, type SeedTableKey } from './rows.ts';
export { generateSeedSql, renderInserts, renderSeedSql, sqlLiteral } from './sql.ts';
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
