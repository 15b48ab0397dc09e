// `npm run bench:seed`: measures how fast the seeder writes SQL files and how much memory it
// needs, for 1,000, 10,000 and 100,000 patients. Each size runs in its own Node process, so
// each peak RSS belongs to that size alone. Appends the figures to docs/benchmarks.md with the
// command, the machine and the date. The files go to a temporary folder, deleted afterwards.
import { spawnSync } from 'node:child_process';
import {
  appendFileSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { writeSqlFiles } from './seed-sql.ts';

const SIZES = [1_000, 10_000, 100_000];
const SEED = 1;
const REFERENCE_DATE = '2026-12-01';
const RSS_SAMPLE_MS = 50;
const ROOT = join(import.meta.dirname, '..');
const REPORT = join(ROOT, 'docs', 'benchmarks.md');

interface RunResult {
  patients: number;
  seconds: number;
  /**
   * User plus system CPU time of the run, in seconds. Other processes on the same CPUs stretch
   * wall time far more than CPU time.
   */
  cpuSeconds: number;
  files: number;
  bytes: number;
  /** process.resourceUsage().maxRSS: the kernel's high-water mark, in kilobytes. */
  maxRssKb: number;
  /** The largest process.memoryUsage().rss seen by a timer every RSS_SAMPLE_MS, in bytes. */
  sampledRssBytes: number;
  /** The one-minute load average at the end, to show whether other work shared the CPUs. */
  loadAverage: number;
}

if (process.argv[2] === '--child') {
  const result = await runOnce(Number(process.argv[3]), process.argv[4]!);
  console.log(JSON.stringify(result));
} else {
  await main();
}

async function main(): Promise<void> {
  const results: RunResult[] = [];
  for (const patients of SIZES) {
    const outDir = mkdtempSync(join(tmpdir(), 'bench-seed-'));
    try {
      console.log(`Generating ${patients} patients as SQL files ...`);
      const child = spawnSync(
        process.execPath,
        [
          '--experimental-strip-types',
          '--no-warnings=ExperimentalWarning',
          import.meta.filename,
          '--child',
          String(patients),
          outDir,
        ],
        { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1_000_000 },
      );
      if (child.status !== 0) {
        throw new Error(`The run for ${patients} patients failed with exit code ${child.status}`);
      }
      const result = JSON.parse(child.stdout.trim().split('\n').at(-1)!) as RunResult;
      console.log(describe(result));
      results.push(result);
    } finally {
      rmSync(outDir, { recursive: true, force: true });
    }
  }
  appendReport(results);
  await formatReport();
  console.log(`Appended the results to ${REPORT}`);
}

async function runOnce(patients: number, outDir: string): Promise<RunResult> {
  let sampledRssBytes = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    sampledRssBytes = Math.max(sampledRssBytes, process.memoryUsage().rss);
  }, RSS_SAMPLE_MS);

  const startedAt = performance.now();
  const cpuBefore = process.cpuUsage();
  const result = await writeSqlFiles(
    { seed: SEED, referenceDate: REFERENCE_DATE, patients },
    outDir,
  );
  const seconds = (performance.now() - startedAt) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  clearInterval(sampler);

  return {
    patients,
    seconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    files: result.files.length,
    bytes: result.bytes,
    maxRssKb: process.resourceUsage().maxRSS,
    sampledRssBytes: Math.max(sampledRssBytes, process.memoryUsage().rss),
    loadAverage: loadavg()[0]!,
  };
}

function describe(result: RunResult): string {
  const rate = Math.round(result.patients / result.seconds);
  const cpuRate = Math.round(result.patients / result.cpuSeconds);
  return `${result.patients} patients: ${result.seconds.toFixed(1)} s, ${rate} patients/s (${cpuRate} per CPU second), peak RSS ${Math.round(result.maxRssKb / 1024)} MiB`;
}

function appendReport(results: RunResult[]): void {
  const cpuList = cpus();
  const machine = `${cpuList[0]?.model ?? 'unknown CPU'} × ${cpuList.length}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB memory, Node ${process.version}, ${process.platform}`;
  const lines = [
    '',
    `## Seeding SQL files, ${new Date().toISOString().slice(0, 10)}`,
    '',
    `Command: \`npm run bench:seed\` (scripts/bench-seed.ts): the SQL file writer of \`npm run seed -- --format sql\`, seed ${SEED}, reference date ${REFERENCE_DATE}, written to a temporary folder on the local disk, one Node process per size.`,
    '',
    `Machine: ${machine}.`,
    '',
    '| patients | seconds | patients/s | CPU seconds | patients per CPU second | SQL files | SQL size | peak RSS (maxRSS) | peak RSS (sampled) | load average at end |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...results.map(
      (r) =>
        `| ${r.patients.toLocaleString('en-US')} | ${r.seconds.toFixed(1)} | ${Math.round(r.patients / r.seconds)} | ${r.cpuSeconds.toFixed(1)} | ${Math.round(r.patients / r.cpuSeconds)} | ${r.files} | ${(r.bytes / 1e6).toFixed(0)} MB | ${Math.round(r.maxRssKb / 1024)} MiB | ${Math.round(r.sampledRssBytes / 2 ** 20)} MiB | ${r.loadAverage.toFixed(1)} |`,
    ),
    '',
  ];
  if (!existsSync(REPORT)) {
    writeFileSync(
      REPORT,
      '# Benchmarks\n\nMeasured figures, newest last. Each section names its command and machine.\n',
    );
  }
  appendFileSync(REPORT, lines.join('\n'));
}

// Aligns the new table as Prettier would, so the format check of `npm test` keeps passing.
async function formatReport(): Promise<void> {
  const options = (await resolveConfig(REPORT)) ?? {};
  const text = readFileSync(REPORT, 'utf8');
  writeFileSync(REPORT, await format(text, { ...options, filepath: REPORT }));
}
