import type { ChartResourceType } from './policy.ts';

export type Action = 'view' | 'download' | 'send-message' | 'request-appointment' | 'pay-bill';

/** A permission a relationship grants a proxy: read the record, message, schedule or pay bills. */
export type Scope = 'record' | 'messaging' | 'scheduling' | 'billing';

export const SCOPES: readonly Scope[] = ['record', 'messaging', 'scheduling', 'billing'];

/**
 * Returns the scope a proxy relationship must include for an action on a resource type, or null
 * for viewing the chart itself ("chart", "dashboard"). Any scope the relationship may use opens
 * the chart, because a proxy granted only messaging, scheduling or billing needs the chart to use
 * it. Each page behind it then decides by its own scope, and the home page shows only the
 * sections the proxy may see.
 */
export function requiredScope(resource: { type: ChartResourceType }, action: Action): Scope | null {
  if (action === 'send-message' || resource.type === 'message-thread') return 'messaging';
  if (action === 'request-appointment' || resource.type === 'appointment') return 'scheduling';
  if (action === 'pay-bill') return 'billing';
  if (action === 'view' && (resource.type === 'chart' || resource.type === 'dashboard')) {
    return null;
  }
  return 'record';
}
