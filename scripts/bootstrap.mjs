// Entry point of `npm start` and `npm test`. It runs on whatever Node the machine has (20 is
// enough), installs the project's dependencies when they are missing or stale, and then runs
// the real npm script, which finds Node 22 in node_modules/.bin.
// Usage: node scripts/bootstrap.mjs run <script> [args...]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const [command, script, ...args] = process.argv.slice(2);
if (command !== 'run' || !script) {
  console.error('Usage: node scripts/bootstrap.mjs run <npm script> [args...]');
  process.exit(2);
}

// Keep temporary files (Node 22, Chromium profiles, wrangler caches) inside the project, and keep
// wrangler from contacting anything but localhost: no metrics, no update check, no Request.cf.
const tmp = join(root, '.tmp');
mkdirSync(tmp, { recursive: true });
const env = {
  ...process.env,
  TMPDIR: tmp,
  WRANGLER_SEND_METRICS: 'false',
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
  WRANGLER_HIDE_BANNER: 'true',
};

if (needsInstall()) {
  console.log('Installing dependencies with npm ci (about half a minute the first time)...');
  run('npm', ['ci', '--no-audit', '--no-fund']);
}
run('npm', ['run', '--silent', script, ...(args.length ? ['--', ...args] : [])]);

function needsInstall() {
  const marker = join(root, 'node_modules', '.package-lock.json');
  const node22 = join(root, 'node_modules', '.bin', 'node');
  if (!existsSync(marker) || !existsSync(node22)) return true;
  // npm rewrites the marker on every install, so an older marker means the lock file changed.
  return statSync(marker).mtimeMs < statSync(join(root, 'package-lock.json')).mtimeMs;
}

function run(program, programArgs) {
  const result = spawnSync(program, programArgs, { cwd: root, env, stdio: 'inherit' });
  if (result.error) {
    console.error(`Could not run ${program}: ${result.error.message}`);
    process.exit(1);
  }
  if (result.status !== 0) process.exit(result.status ?? 1);
}
