// Bundles the browser scripts, views/passkey.ts with @simplewebauthn/browser and
// views/idle-warning.ts, into views/static/<name>.min.js, which the worker imports as text.
// Run by `npm run build:assets`, by `npm start` and before the type check and the worker tests.
import { build } from 'esbuild';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// Each browser script: its source in views/ and its bundle in views/static/.
const scripts = ['passkey', 'idle-warning'].map((name) => ({
  source: join(root, 'views', `${name}.ts`),
  output: join(root, 'views', 'static', `${name}.min.js`),
}));

/** Writes each views/static/<name>.min.js: one minified ES2020 file, no source map. */
export async function buildAssets() {
  await Promise.all(scripts.map(buildScript));
}

function buildScript({ source, output }) {
  return build({
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
 * Builds each script only when its bundle is missing or older than its source. The worker tests
 * call this: rewriting the file while the test runner starts made workerd fail to load it
 * ("No such module"), so an up-to-date file is left alone.
 */
export async function buildAssetsIfStale() {
  const stale = scripts.filter(
    ({ source, output }) =>
      !existsSync(output) || statSync(output).mtimeMs < statSync(source).mtimeMs,
  );
  await Promise.all(stale.map(buildScript));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await buildAssets();
}
