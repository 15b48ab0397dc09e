import { Hono } from 'hono';
import type { AppEnv } from '../app.ts';
import { requireSignIn } from './require-sign-in.ts';

/**
 * POST /session/keep-alive, called by the idle warning's "Stay signed in" button. The session
 * middleware has already loaded the session and moved its last-seen time, which is all that
 * keeping it alive needs. An ended session gets the usual sign-in redirect instead.
 */
export const keepAlive = new Hono<AppEnv>();

keepAlive.post('/session/keep-alive', requireSignIn(), (c) => c.body(null, 204));
