import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../app.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Rejects every unsafe request (POST, PUT, PATCH, DELETE) that does not come from this site.
 *
 * Written by hand because hono's csrf() checks only form content types and lets a request with
 * any other content type through, while this portal serves no cross-origin API at all.
 *
 * A request passes when its Origin is this site. Because every page sends
 * `Referrer-Policy: no-referrer`, Chromium sends `Origin: null` on plain form submissions, so a
 * request with no Origin or a null one passes only when the browser's own Sec-Fetch-Site header
 * is same-origin. A request with neither is rejected.
 */
export const requireSameOrigin = () =>
  createMiddleware<AppEnv>(async function requireSameOrigin(c, next) {
    if (SAFE_METHODS.has(c.req.method)) return next();

    const origin = c.req.header('origin');
    const fetchSite = c.req.header('sec-fetch-site');
    const sameOrigin =
      origin === undefined || origin === 'null'
        ? fetchSite === 'same-origin'
        : origin === new URL(c.req.url).origin;
    if (!sameOrigin) {
      return c.text('This form must be sent from the portal itself. Go back and try again.', 403);
    }

    await next();
  });
