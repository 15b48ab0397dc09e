// `npm start`: create development secrets, migrate and seed the local D1, then serve the portal
// with `wrangler dev` and print where to sign in. Runs on Node 22 from node_modules/.bin.
// PORT (default 8787) and PORTAL_STATE_DIR (default .wrangler/state) let tests run a second copy.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const port = Number(process.env.PORT ?? 8787);
const stateDir = process.env.PORTAL_STATE_DIR ?? join(root, '.wrangler', 'state');
const origin = `http://localhost:${port}`;
const startedAt = performance.now();

ensureDevVars();
step('Applying database migrations', 'npx', [
  'wrangler',
  'd1',
  'migrations',
  'apply',
  'DB',
  '--local',
  '--persist-to',
  stateDir,
]);
step('Seeding synthetic patients (kept if the database already has some)', 'npm', [
  'run',
  '--silent',
  'seed',
  '--',
  '--persist-to',
  stateDir,
]);

console.log(`Starting the portal on ${origin} ...`);
const server = spawn(
  'npx',
  ['wrangler', 'dev', '--port', String(port), '--ip', 'localhost', '--persist-to', stateDir],
  { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] },
);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => server.kill('SIGINT'));
}
server.on('exit', (code) => process.exit(code ?? 0));

await waitUntilReady();
printWelcome();

function ensureDevVars() {
  const path = join(root, '.dev.vars');
  if (existsSync(path)) return;
  // Random per checkout and git-ignored: development secrets are never shared or committed.
  const pepper = randomBytes(32).toString('base64url');
  writeFileSync(path, `SESSION_PEPPER="${pepper}"\n`, { mode: 0o600 });
  console.log('Created .dev.vars with new random development secrets.');
}

function step(title, program, args) {
  console.log(`${title} ...`);
  const result = spawnSync(program, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) {
    console.error(`"${program} ${args.join(' ')}" failed (exit ${result.status}); stopping.`);
    process.exit(result.status ?? 1);
  }
}

async function waitUntilReady() {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${origin}/sign-in`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  console.error(`The portal did not answer on ${origin} within 2 minutes; stopping.`);
  server.kill('SIGINT');
  process.exit(1);
}

function printWelcome() {
  const seconds = ((performance.now() - startedAt) / 1000).toFixed(1);
  const summaryPath = join(stateDir, 'seed-summary.json');
  const examples = existsSync(summaryPath)
    ? JSON.parse(readFileSync(summaryPath, 'utf8')).signInExamples
    : null;
  const lines = [
    '',
    `The patient portal is ready at ${origin} (started in ${seconds} s).`,
    'Every person in it is synthetic. Sign in with one of these addresses:',
  ];
  if (examples) {
    lines.push(`  a patient:               ${examples.patientEmail}`);
    lines.push(
      `  a parent with children:  ${examples.parentEmail} (${examples.parentChildren.join(', ')})`,
    );
    lines.push(`  a staff member:          ${examples.staffEmail}`);
  } else {
    lines.push('  (no seed summary found: run "npm run seed -- --reset" to make one)');
  }
  lines.push(`One-time codes appear in the development outbox: ${origin}/dev/outbox`);
  lines.push('Press Ctrl+C to stop.', '');
  console.log(lines.join('\n'));
}
