// Bundles the browser script for passkeys, views/passkey.ts with @simplewebauthn/browser, into
// views/static/passkey.min.js, which the worker imports as text. Run by `npm run build:assets`,
// by `npm start` and before the type check and the worker tests.
import { build } from 'esbuild';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const source = join(root, 'views', 'passkey.ts');
const output = join(root, 'views', 'static', 'passkey.min.js');

/** Writes views/static/passkey.min.js: one minified ES2020 file, no source map. */
export async function buildAssets() {
  await build({
    entryPoints: [source],
    outfile: output,
    bundle: true,
    minify: true,
    format: 'iife',
    target: 'es2020',
    platform: 'browser',
    legalComments: 'none',
    logLevel: 'warning',
  });
}

/**
 * Builds the script only when it is missing or older than views/passkey.ts. The worker tests
 * call this: rewriting the file while the test runner starts made workerd fail to load it
 * ("No such module"), so an up-to-date file is left alone.
 */
export async function buildAssetsIfStale() {
  if (existsSync(output) && statSync(output).mtimeMs >= statSync(source).mtimeMs) return;
  await buildAssets();
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await buildAssets();
}
