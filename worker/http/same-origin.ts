import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../app.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Rejects every unsafe request (POST, PUT, PATCH, DELETE) whose Origin is not this site.
 *
 * Written by hand because hono's csrf() checks only form content types and lets a request with
 * any other content type through, while this portal serves no cross-origin API at all. When a
 * browser sends no Origin, Sec-Fetch-Site must say same-origin; a request with neither header is
 * rejected.
 */
export const requireSameOrigin = () =>
  createMiddleware<AppEnv>(async function requireSameOrigin(c, next) {
    if (SAFE_METHODS.has(c.req.method)) return next();

    const origin = c.req.header('origin');
    const fetchSite = c.req.header('sec-fetch-site');
    const sameOrigin =
      origin !== undefined ? origin === new URL(c.req.url).origin : fetchSite === 'same-origin';
    if (!sameOrigin) {
      return c.text('This form must be sent from the portal itself. Go back and try again.', 403);
    }

    await next();
  });
