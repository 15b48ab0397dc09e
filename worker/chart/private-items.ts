import type { Context } from 'hono';
import { SENSITIVITY } from '../../schema/chart.ts';
import type { ChartResourceType } from '../access/policy.ts';
import type { AppEnv } from '../app.ts';
import { visibleSensitivities } from './guard.ts';

/**
 * Returns true when the access decision keeps any sensitivity category of these resource types
 * from the open chart's actor, such as a parent without the teen's consent, so list pages show
 * the private-items note. The result rests on the policy alone, never on whether a hidden item
 * exists, so the note does not disclose that a confidential item is there.
 */
export function privateItemsHidden(c: Context<AppEnv>, ...types: ChartResourceType[]): boolean {
  return types.some((type) => visibleSensitivities(c, type).length < SENSITIVITY.length);
}
