import type { BreakGlassReason } from './models.ts';

/** The reasons a staff member chooses from to start break-glass, as the form labels them. */
export const BREAK_GLASS_REASON_LABELS: Record<BreakGlassReason, string> = {
  'emergency-care': 'Emergency care',
  'continuity-of-care': 'Continuity of care',
  'patient-request': 'The patient asked me to',
  other: 'Another reason',
};

/**
 * Turns a stored grant reason ("emergency-care", or "other: the text typed") back into the words
 * the staff member chose, for the privacy officer's review: "Emergency care", "Other: ...".
 * A reason class missing from this list is shown as stored.
 */
export function breakGlassReasonText(stored: string): string {
  const colon = stored.indexOf(':');
  const reason = colon === -1 ? stored : stored.slice(0, colon);
  const details = colon === -1 ? '' : stored.slice(colon + 1).trim();
  if (!Object.hasOwn(BREAK_GLASS_REASON_LABELS, reason)) return stored;

  const label =
    reason === 'other' ? 'Other' : BREAK_GLASS_REASON_LABELS[reason as BreakGlassReason];
  return details ? `${label}: ${details}` : label;
}
