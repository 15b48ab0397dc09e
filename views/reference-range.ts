import type { ResultDetail } from './models.ts';

type RangeFacts = Pick<ResultDetail, 'valueNumeric' | 'unit' | 'referenceLow' | 'referenceHigh'>;

/**
 * Describes a result's normal range in words, for example "Normal range: 4.0–5.6 %", or
 * returns null when the result has no range.
 *
 * Limits are stored as numbers, so 4.0 arrives as 4. Both limits are printed with as many
 * decimal places as the most precise of the value and the limits, which restores "4.0"
 * beside "5.6".
 */
export function referenceRangeText(result: RangeFacts): string | null {
  const { referenceLow: low, referenceHigh: high } = result;
  const unit = result.unit ? ` ${result.unit}` : '';
  const places = Math.max(...[result.valueNumeric, low, high].map(decimalPlaces));

  if (low !== null && high !== null) {
    return `Normal range: ${low.toFixed(places)}–${high.toFixed(places)}${unit}`;
  }
  if (low !== null) {
    return `Normal range: ${low.toFixed(places)}${unit} or higher`;
  }
  if (high !== null) {
    return `Normal range: ${high.toFixed(places)}${unit} or lower`;
  }
  return null;
}

// Counts the digits after the point as JavaScript prints the number, at most 6.
function decimalPlaces(value: number | null): number {
  if (value === null || !Number.isFinite(value)) {
    return 0;
  }
  const fraction = String(value).split('.')[1] ?? '';
  return Math.min(fraction.length, 6);
}
