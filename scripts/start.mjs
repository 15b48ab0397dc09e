// `npm start`: create development secrets, migrate and seed the local D1, then serve the portal
// with `wrangler dev` and print where to sign in. Runs on Node 22 from node_modules/.bin.
// PORT (default 8787) and PORTAL_STATE_DIR (default .wrangler/state) let tests run a second copy.
import { spawn, spawnSync } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseEnv } from 'node:util';
import { issueDevActivationCode } from './dev-activation-code.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const port = Number(process.env.PORT ?? 8787);
const stateDir = process.env.PORTAL_STATE_DIR ?? join(root, '.wrangler', 'state');
const origin = `http://localhost:${port}`;
const startedAt = performance.now();
// wrangler stays offline: no metrics, no update check and no Request.cf lookup, also when this
// script runs without scripts/bootstrap.mjs, which sets the same variables.
const env = {
  ...process.env,
  WRANGLER_SEND_METRICS: 'false',
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
  WRANGLER_HIDE_BANNER: 'true',
};

step('Building the browser scripts', 'node', ['scripts/build-assets.mjs']);
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
// The browser tests set PORTAL_SEED_CANARIES so that their portal contains canary values, which
// the canary check then looks for in everything the run printed.
const canaryFlag = process.env.PORTAL_SEED_CANARIES === '1' ? ['--canaries'] : [];
step('Seeding synthetic patients (kept if the database already has some)', 'npm', [
  'run',
  '--silent',
  'seed',
  '--',
  '--persist-to',
  stateDir,
  ...canaryFlag,
]);

// A fresh activation code on every start, because only its hash is stored and an earlier one
// may have been used already.
console.log('Issuing an activation code to try enrollment ...');
let enrollmentExample = null;
let enrollmentFailed = false;
try {
  enrollmentExample = issueDevActivationCode({ root, stateDir, env });
} catch (error) {
  // The portal works without the example, so a failure here is reported and start-up goes on.
  enrollmentFailed = true;
  console.error(`Failed to issue a development activation code: ${error.message}`);
}

console.log(`Starting the portal on ${origin} ...`);
// wrangler runs in its own process group: npx does not always pass a signal on to wrangler,
// so stopping signals the whole group, and workerd with it.
const server = spawn(
  'npx',
  [
    'wrangler',
    'dev',
    '--port',
    String(port),
    '--ip',
    'localhost',
    '--persist-to',
    stateDir,
    // Passkey ceremonies are checked against the origin of the port served here.
    '--var',
    `EXPECTED_ORIGIN:${origin}`,
  ],
  { cwd: root, env, stdio: ['ignore', 'inherit', 'inherit'], detached: true },
);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, stopServer);
}
server.on('exit', (code) => process.exit(code ?? 0));

if (await waitUntilReady()) {
  printWelcome();
} else {
  console.error(`The portal did not respond on ${origin} within 2 minutes, so it is stopping.`);
  stopServer();
}

// Adds each development secret that .dev.vars lacks, creating the file when it is absent and
// keeping the lines already in it. Secrets are never printed, only their names.
function ensureDevVars() {
  const path = join(root, '.dev.vars');
  const existing = existsSync(path) ? readFileSync(path, 'utf8') : null;
  const present = parseEnv(existing ?? '');

  // Random per checkout and git-ignored: development secrets are never shared or committed.
  const missing = [];
  if (!present.SESSION_PEPPER) {
    missing.push(['SESSION_PEPPER', `"${randomBytes(32).toString('base64url')}"`]);
  }
  if (!present.AUDIT_SIGNING_KEY) {
    // Single quotes keep the JSON's double quotes literal for wrangler's .dev.vars parser.
    missing.push(['AUDIT_SIGNING_KEY', `'${JSON.stringify(newAuditSigningKey())}'`]);
  }
  if (missing.length === 0) return;

  const lines = missing.map(([name, value]) => `${name}=${value}\n`).join('');
  const names = missing.map(([name]) => name).join(' and ');
  if (existing === null) {
    writeFileSync(path, lines, { mode: 0o600 });
    console.log(`Created .dev.vars with new random development secrets (${names}).`);
  } else {
    const separator = existing === '' || existing.endsWith('\n') ? '' : '\n';
    appendFileSync(path, separator + lines);
    console.log(`Added new random ${names} to .dev.vars.`);
  }
}

// An ES256 private JWK for signing audit chain heads, with a random kid. The worker derives the
// public key from it.
function newAuditSigningKey() {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const kid = `dev-${randomBytes(8).toString('hex')}`;
  return { ...privateKey.export({ format: 'jwk' }), kid, alg: 'ES256' };
}

function step(title, program, args) {
  console.log(`${title} ...`);
  const result = spawnSync(program, args, {
    cwd: root,
    env,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (result.status !== 0) {
    console.error(`"${program} ${args.join(' ')}" failed (exit ${result.status}); stopping.`);
    process.exit(result.status ?? 1);
  }
}

// Returns true once the sign-in page responds, or false after 2 minutes.
async function waitUntilReady() {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${origin}/sign-in`, { signal: AbortSignal.timeout(5_000) });
      if (response.ok) return true;
    } catch {
      // Not listening yet, or the first request timed out while workerd was starting.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return false;
}

function stopServer() {
  signalServer('SIGINT');
  // wrangler stops in about a second; one that hangs is killed so the command always ends.
  setTimeout(() => signalServer('SIGKILL'), 10_000).unref();
}

function signalServer(signal) {
  try {
    process.kill(-server.pid, signal);
  } catch {
    // The group has already exited.
  }
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
    // One account of each hard case (proxy kinds, staff roles, a confidential teen). Older
    // summaries have no roles field.
    for (const role of examples.roles ?? []) lines.push(`  ${role.label}: ${role.email}`);
  } else {
    lines.push('  (no seed summary found: run "npm run seed -- --reset" to make one)');
  }
  if (enrollmentExample) {
    const { code, birthDate, lastName } = enrollmentExample;
    lines.push(`To set up a new account at ${origin}/enroll, enter the activation code ${code},`);
    lines.push(`  the date of birth ${birthDate} and the last name ${lastName}.`);
  } else if (enrollmentFailed) {
    lines.push(
      'There is no enrollment example because issuing its activation code failed (above).',
    );
  } else {
    lines.push('No seeded adult is without an account, so there is no enrollment example.');
  }
  lines.push(`One-time codes appear in the development outbox: ${origin}/dev/outbox`);
  lines.push('Press Ctrl+C to stop.', '');
  console.log(lines.join('\n'));
}
