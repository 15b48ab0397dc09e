import type { ResultFlag } from '../../schema/chart.ts';

const FLAG_TEXT: Record<ResultFlag, string> = {
  normal: 'Normal',
  low: 'Low',
  high: 'High',
  'critical-low': 'Very low',
  'critical-high': 'Very high',
  abnormal: 'Not normal',
};

/**
 * Shows how a result compares with its normal range, in words. The class adds a border
 * or fill for emphasis, but the words alone carry the meaning.
 *
 *     <span class="flag flag-high">High</span>
 */
export function FlagLabel({ flag }: { flag: ResultFlag }) {
  return <span class={`flag flag-${flag}`}>{FLAG_TEXT[flag]}</span>;
}

/** Returns the one or two words FlagLabel shows for `flag`, for example "Very high". */
export function flagText(flag: ResultFlag): string {
  return FLAG_TEXT[flag];
}
