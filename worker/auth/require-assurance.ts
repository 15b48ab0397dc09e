import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { AssuranceLevel } from '../../schema/people.ts';
import type { AppEnv } from '../app.ts';
import { safeReturnPath } from '../http/return-path.ts';

/**
 * Sends a signed-in person below `level` to the step-up page, which returns them here after a
 * passkey ceremony. Mount after `requireSignIn()`.
 */
export const requireAssurance = (level: AssuranceLevel) =>
  createMiddleware<AppEnv>(async function requireAssurance(c, next) {
    if (c.var.person?.assuranceLevel === level || level === 'AAL1') return next();
    return redirectToStepUp(c);
  });

/**
 * Redirects to /step-up with the current page as the return path. An htmx request gets
 * HX-Redirect, so the step-up page replaces the whole page instead of a fragment.
 */
export function redirectToStepUp(c: Context<AppEnv>) {
  const url = new URL(c.req.url);
  const returnPath = safeReturnPath(`${url.pathname}${url.search}`);
  const target = returnPath
    ? `/step-up?${new URLSearchParams({ return: returnPath })}`
    : '/step-up';
  if (c.req.header('hx-request')) {
    c.header('HX-Redirect', target);
    return c.body(null, 200);
  }
  return c.redirect(target, 303);
}
