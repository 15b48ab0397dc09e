// `npm run bench`: measures how long `npm start` takes to be ready on a fresh database and on an
// existing one, how long seeding 200 patients takes, and the compressed weight of the pages a
// patient loads first. Appends the figures to docs/benchmarks.md with the machine and the date.
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const root = join(import.meta.dirname, '..');
const port = 8795;
const origin = `http://localhost:${port}`;
const stateDir = mkdtempSync(join(process.env.TMPDIR ?? join(root, '.tmp'), 'bench-state-'));
const rows = [];
// wrangler stays offline, as in scripts/start.mjs.
const env = {
  ...process.env,
  WRANGLER_SEND_METRICS: 'false',
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
  WRANGLER_HIDE_BANNER: 'true',
};

try {
  timeCommand('npx', [
    'wrangler',
    'd1',
    'migrations',
    'apply',
    'DB',
    '--local',
    '--persist-to',
    stateDir,
  ]);
  const seedSeconds = timeCommand('npm', [
    'run',
    '--silent',
    'seed',
    '--',
    '--reset',
    '--patients',
    '200',
    '--seed',
    '1',
    '--reference-date',
    '2026-12-01',
    '--persist-to',
    stateDir,
  ]);
  rows.push([
    'Seed 200 patients into the local D1 (`npm run seed -- --reset`, wall time)',
    `${seedSeconds} s`,
  ]);

  rmSync(stateDir, { recursive: true, force: true });
  const fresh = await timeStart();
  await stop(fresh.child);
  rows.push(['`npm start` to ready, empty database (migrate + seed 200)', `${fresh.seconds} s`]);
  const again = await timeStart();
  rows.push(['`npm start` to ready, database already seeded', `${again.seconds} s`]);
  try {
    rows.push(...(await pageWeights()));
  } finally {
    await stop(again.child);
  }
} finally {
  rmSync(stateDir, { recursive: true, force: true });
}

report();

function timeCommand(program, args) {
  const started = performance.now();
  const result = spawnSync(program, args, {
    cwd: root,
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (result.status !== 0) throw new Error(`${program} ${args.join(' ')} failed`);
  return ((performance.now() - started) / 1000).toFixed(1);
}

async function timeStart() {
  const started = performance.now();
  const child = spawn(process.execPath, [join(root, 'scripts', 'start.mjs')], {
    cwd: root,
    env: { ...env, PORT: String(port), PORTAL_STATE_DIR: stateDir },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  while (!output.includes('The patient portal is ready')) {
    if (child.exitCode !== null) throw new Error(`npm start exited early:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { seconds: ((performance.now() - started) / 1000).toFixed(1), child };
}

async function pageWeights() {
  const css = await (await fetch(`${origin}/static/app.css`)).text();
  const htmx = await (await fetch(`${origin}/static/htmx.min.js`)).text();
  const passkey = await (await fetch(`${origin}/static/passkey.min.js`)).text();
  const signIn = await (await fetch(`${origin}/sign-in`)).text();
  return [
    ['Sign-in page, HTML + CSS, gzip', `${gzipSync(signIn).length + gzipSync(css).length} bytes`],
    ['JavaScript of chart pages (htmx), gzip', `${gzipSync(htmx).length} bytes`],
    ['JavaScript of passkey pages (passkey.min.js), gzip', `${gzipSync(passkey).length} bytes`],
  ];
}

async function stop(child) {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGINT');
  await exited;
}

function report() {
  const path = join(root, 'docs', 'benchmarks.md');
  if (!existsSync(path)) {
    writeFileSync(path, '# Benchmarks\n\nEach run of `npm run bench` appends a section.\n');
  }
  const cpu = cpus();
  const machine = `${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
  const lines = [
    '',
    `## ${new Date().toISOString().slice(0, 10)}`,
    '',
    `Command: \`npm run bench\`. Machine: ${machine}.`,
    '',
    '| measure | figure |',
    '| --- | --- |',
    ...rows.map(([name, figure]) => `| ${name} | ${figure} |`),
    '',
  ];
  appendFileSync(path, lines.join('\n'));
  // npm test checks the formatting of every file, so the appended table is aligned at once.
  spawnSync('npx', ['prettier', '--write', path], { cwd: root, env, stdio: 'ignore' });
  console.log(lines.join('\n'));
}
