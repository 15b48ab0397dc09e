import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../../app.ts';

/**
 * Responds to a boosted htmx GET with HX-Redirect to the same URL, so the browser loads the page in
 * full. Pages with a passkey ceremony need this: htmx swaps only the body and runs no scripts,
 * so the passkey script in the page's head would never start.
 */
export const fullPageLoad = () =>
  createMiddleware<AppEnv>(async function fullPageLoad(c, next) {
    if (c.req.method !== 'GET' || !c.req.header('hx-request')) return next();

    const url = new URL(c.req.url);
    c.header('HX-Redirect', `${url.pathname}${url.search}`);
    return c.body(null, 200);
  });
