import { getTableColumns, getTableName } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { classifiedTables } from '../../schema/index.ts';
import { PHI_CLASSES, unclassifiedColumns } from '../../schema/phi.ts';

describe('PHI classification', () => {
  it('gives every column of every table a PHI class', () => {
    for (const { table, phi } of classifiedTables) {
      expect(unclassifiedColumns(table, phi), getTableName(table)).toEqual([]);
      for (const [column, phiClass] of Object.entries(phi.columns)) {
        expect(PHI_CLASSES, `${phi.table}.${column}`).toContain(phiClass);
      }
    }
  });

  it('lists every table of the migrated database', async () => {
    const { env } = await import('cloudflare:workers');
    const rows = await env.DB.prepare(
      "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'd1_%' and name not like '_cf_%'",
    ).all<{ name: string }>();
    const classified = classifiedTables.map(({ table }) => getTableName(table));
    for (const { name } of rows.results) expect(classified).toContain(name);
  });

  it('classifies names, birth dates and message bodies as PHI', () => {
    const byTable = Object.fromEntries(classifiedTables.map(({ phi }) => [phi.table, phi.columns]));
    expect(byTable.patients?.givenName).toBe('full');
    expect(byTable.patients?.birthDate).toBe('limited');
    expect(byTable.messages?.body).toBe('sensitive');
    expect(Object.keys(getTableColumns(classifiedTables[0]!.table)).length).toBeGreaterThan(5);
  });
});
