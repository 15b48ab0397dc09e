import type { ResultSummary } from '../../views/models.ts';
import type { results } from '../../schema/index.ts';

type ResultRow = typeof results.$inferSelect;

// UCUM codes that read badly as written, with the form patients see on lab reports.
const UNIT_LABELS: Record<string, string> = {
  '10*3/uL': '×10³/µL',
  '10*6/uL': '×10⁶/µL',
  'mL/min/{1.73_m2}': 'mL/min/1.73m²',
  'u[IU]/mL': 'µIU/mL',
  'm[IU]/L': 'mIU/L',
  uL: 'µL',
  ug: 'µg',
};

/** Formats a result's value with its unit for people, for example "7.9 %" or "Negative". */
export function displayValue(row: Pick<ResultRow, 'valueNumeric' | 'valueText' | 'unit'>) {
  if (row.valueNumeric === null) return row.valueText ?? '';
  const unit = displayUnit(row.unit);
  return unit ? `${row.valueNumeric} ${unit}` : String(row.valueNumeric);
}

/**
 * Returns the unit as patients read it, or null for a plain number. UCUM annotations in braces,
 * such as "{score}", name what is counted and are not shown. A unit of only an annotation or "1"
 * is a dimensionless number.
 */
export function displayUnit(unit: string | null) {
  if (!unit) return null;
  const known = UNIT_LABELS[unit];
  if (known) return known;
  const plain = unit.replace(/\{[^}]*\}/g, '').trim();
  return plain === '' || plain === '1' ? null : plain;
}

export function resultSummary(row: ResultRow): ResultSummary {
  return {
    id: row.id,
    name: row.name,
    panel: row.panel,
    observedAt: row.observedAt,
    display: displayValue(row),
    flag: row.flag,
    isNew: row.viewedAt === null,
  };
}
