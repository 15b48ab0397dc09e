import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../app.ts';
import { safeReturnPath } from '../http/return-path.ts';

/**
 * Sends a request without a session to the sign-in page, keeping the page it asked for. An htmx
 * request gets HX-Redirect instead, because htmx would otherwise swap the sign-in page into
 * the middle of the current one.
 */
export const requireSignIn = () =>
  createMiddleware<AppEnv>(async function requireSignIn(c, next) {
    if (c.var.person) return next();

    const url = new URL(c.req.url);
    return redirectToSignIn(
      c,
      c.req.header('hx-request') ? hxCurrentPath(c.req.header('hx-current-url')) : url.pathname,
    );
  });

/**
 * Redirects to /sign-in with the reason the session ended, and with `returnPath` for after sign-in
 * when it is a relative path. An htmx request gets HX-Redirect, as in requireSignIn.
 */
export function redirectToSignIn(c: Context<AppEnv>, returnPath: string | null) {
  const params = new URLSearchParams();
  const safePath = safeReturnPath(returnPath);
  if (safePath) params.set('return', safePath);
  if (c.var.sessionEnded) params.set('ended', c.var.sessionEnded);
  const target = `/sign-in${params.size ? `?${params}` : ''}`;

  if (c.req.header('hx-request')) {
    c.header('HX-Redirect', target);
    return c.body(null, 200);
  }
  return c.redirect(target, 303);
}

function hxCurrentPath(currentUrl: string | undefined) {
  if (!currentUrl) return null;
  try {
    return new URL(currentUrl).pathname;
  } catch {
    return null;
  }
}
