import { getTableColumns, getTableName, type Table } from 'drizzle-orm';

/**
 * How much a column reveals about a patient, from least to most:
 * - none: no PHI (flags, codes, timestamps of system events)
 * - identifier: a key that links to a person but says nothing alone (internal ids, MRN)
 * - limited: dates, places and contact points (the HIPAA limited data set)
 * - full: names, clinical facts and free text written about a patient
 * - sensitive: categories with extra protection (mental health, sexual and reproductive
 *   health, substance use) and secrets such as code hashes
 */
export const PHI_CLASSES = ['none', 'identifier', 'limited', 'full', 'sensitive'] as const;
export type PhiClass = (typeof PHI_CLASSES)[number];

/** The system a table's data comes from, for the PHI data map. */
export type SourceSystem = 'ehr' | 'portal' | 'billing' | 'scheduling';

export interface PhiTableClassification {
  table: string;
  source: SourceSystem;
  columns: Record<string, PhiClass>;
}

/**
 * Declares the PHI class of every column of a table. The type requires one entry per column,
 * so adding a column without a class fails the type check. A test also checks it at run time.
 *
 * @example
 * export const visitsPhi = classifyColumns(visits, 'ehr', { id: 'identifier', reason: 'full' });
 */
export function classifyColumns<T extends Table>(
  table: T,
  source: SourceSystem,
  columns: { [K in keyof T['_']['columns']]: PhiClass },
): PhiTableClassification {
  return { table: getTableName(table), source, columns: columns as Record<string, PhiClass> };
}

/** Lists the SQL column names of a table that have no PHI class in its classification. */
export function unclassifiedColumns(table: Table, classification: PhiTableClassification) {
  return Object.keys(getTableColumns(table)).filter((key) => !(key in classification.columns));
}
