import type { Context } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import type { AppEnv } from '../app.ts';
import { CODE_LIFETIME_MS } from './codes.ts';

// As long as a one-time code works: a pending step is of no use after its code expired.
const DEFAULT_MAX_AGE_SECONDS = CODE_LIFETIME_MS / 1000;

/**
 * Sets a cookie that carries a pending step (a code row's id, a code to show once) from one
 * request to the next. The __Host- prefix, Secure and Path=/ keep a sibling domain or an http
 * page from setting it. HttpOnly hides it from scripts, and SameSite=Strict keeps other sites
 * from sending it along.
 *
 * @example
 *   setStepCookie(c, 'sign-in', codeId);
 */
export function setStepCookie(
  c: Context<AppEnv>,
  name: string,
  value: string,
  maxAgeSeconds = DEFAULT_MAX_AGE_SECONDS,
) {
  setCookie(c, name, value, {
    prefix: 'host',
    httpOnly: true,
    secure: true,
    sameSite: 'Strict',
    path: '/',
    maxAge: maxAgeSeconds,
  });
}

/** Deletes a cookie set by setStepCookie once its step is done or can no longer finish. */
export function deleteStepCookie(c: Context<AppEnv>, name: string) {
  deleteCookie(c, name, { prefix: 'host', path: '/', secure: true });
}
