import { Hono } from 'hono';
import css from '../../views/static/app.css';
import htmx from '../../node_modules/htmx.org/dist/htmx.min.js';
// Built by scripts/build-assets.mjs from views/passkey.ts and views/idle-warning.ts.
import passkey from '../../views/static/passkey.min.js';
import idleWarning from '../../views/static/idle-warning.min.js';
import type { AppEnv } from '../app.ts';

// Assets are bundled into the worker as text, so they get the same security headers as pages.
// They hold no PHI and change only with a deploy, so browsers may cache them for a day.
const ASSETS: Record<string, { body: string; type: string }> = {
  'app.css': { body: css, type: 'text/css; charset=utf-8' },
  'htmx.min.js': { body: htmx, type: 'text/javascript; charset=utf-8' },
  'passkey.min.js': { body: passkey, type: 'text/javascript; charset=utf-8' },
  'idle-warning.min.js': { body: idleWarning, type: 'text/javascript; charset=utf-8' },
};

export const staticAssets = new Hono<AppEnv>();

staticAssets.get('/:name', (c) => {
  const asset = ASSETS[c.req.param('name')];
  if (!asset) return c.notFound();

  c.header('Content-Type', asset.type);
  c.header('Cache-Control', 'public, max-age=86400');
  return c.body(asset.body);
});
