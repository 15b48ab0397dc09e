import { getTableName, type Table } from 'drizzle-orm';
import { getTableConfig, type SQLiteTable } from 'drizzle-orm/sqlite-core';
import { classifiedTables } from '../schema/index.ts';

/** Names of the tables a table references through its foreign keys, itself excluded. */
export function referencedTableNames(table: Table): string[] {
  const { foreignKeys, name } = getTableConfig(table as SQLiteTable);
  const names = foreignKeys.map((foreignKey) => getTableName(foreignKey.reference().foreignTable));
  return [...new Set(names)].filter((referenced) => referenced !== name);
}

/**
 * Orders tables so that every table comes after the tables it references (a topological sort
 * over the foreign keys). Ties keep the input order, so the result is stable.
 */
export function parentsFirst(tables: readonly Table[]): Table[] {
  const byName = new Map(tables.map((table) => [getTableName(table), table]));
  const ordered: Table[] = [];
  const placed = new Set<string>();
  const visiting = new Set<string>();

  const visit = (table: Table) => {
    const name = getTableName(table);
    if (placed.has(name)) return;
    if (visiting.has(name)) {
      throw new Error(`Foreign keys form a cycle through table ${name}; cannot order inserts`);
    }
    visiting.add(name);
    for (const referenced of referencedTableNames(table)) {
      const parent = byName.get(referenced);
      if (parent) visit(parent);
    }
    visiting.delete(name);
    placed.add(name);
    ordered.push(table);
  };

  tables.forEach(visit);
  return ordered;
}

/** Lists every table in the schema, children before parents: the order in which to delete rows. */
export function tablesInDeleteOrder(): Table[] {
  return parentsFirst(classifiedTables.map(({ table }) => table)).reverse();
}
