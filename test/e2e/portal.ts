// Starts the portal the way `npm start` does, on its own port and database, for browser tests.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { appendCaptured } from '../console-capture.ts';

const root = join(import.meta.dirname, '..', '..');

export interface RunningPortal {
  origin: string;
  stateDir: string;
  signInExamples: { patientEmail: string; parentEmail: string; staffEmail: string };
  stop(): Promise<void>;
}

/**
 * Starts the portal on `port` and Chromium before the file's tests and stops both after them.
 * The returned object is filled in by the time the first test runs.
 *
 *     const e2e = usePortalInChromium(8791);
 *     it('...', async () => { const context = await e2e.browser.newContext(); ... });
 */
export function usePortalInChromium(port: number): { portal: RunningPortal; browser: Browser } {
  const running = {} as { portal: RunningPortal; browser: Browser };
  beforeAll(async () => {
    running.portal = await startPortal(port);
    running.browser = await launchChromium();
  });
  afterAll(async () => {
    await running.browser?.close();
    await running.portal?.stop();
  });
  return running;
}

/**
 * Adds a WebAuthn virtual authenticator to the page through the DevTools protocol: a platform
 * authenticator that stores discoverable credentials and always verifies the user.
 */
export async function addVirtualAuthenticator(page: Page) {
  const session = await page.context().newCDPSession(page);
  await session.send('WebAuthn.enable');
  await session.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
    },
  });
  return session;
}

/** Runs scripts/start.mjs with a fresh database and waits until it prints that it is ready. */
export async function startPortal(port: number): Promise<RunningPortal> {
  const stateDir = mkdtempSync(join(process.env.TMPDIR ?? join(root, '.tmp'), 'e2e-state-'));
  const child = spawn(process.execPath, [join(root, 'scripts', 'start.mjs')], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      PORTAL_STATE_DIR: stateDir,
      // Canary values in the seeded charts: the run fails if any reaches the portal's output.
      PORTAL_SEED_CANARIES: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  // The canary check of the browser tests reads wrangler dev's output from the capture file.
  child.stdout!.on('data', appendCaptured);
  child.stderr!.on('data', appendCaptured);

  await new Promise<void>((resolve, reject) => {
    const timer = setInterval(() => {
      if (output.includes('The patient portal is ready')) {
        clearInterval(timer);
        resolve();
      }
    }, 200);
    child.on('exit', (code) => {
      clearInterval(timer);
      reject(new Error(`npm start exited with ${code} before it was ready:\n${output}`));
    });
  });

  const summary = JSON.parse(readFileSync(join(stateDir, 'seed-summary.json'), 'utf8'));
  return {
    origin: `http://localhost:${port}`,
    stateDir,
    signInExamples: summary.signInExamples,
    stop: () => stopProcess(child, stateDir),
  };
}

async function stopProcess(child: ChildProcess, stateDir: string) {
  if (child.exitCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGINT');
    await exited;
  }
  rmSync(stateDir, { recursive: true, force: true });
}

/** Launches Debian's Chromium headless, resolving no host but localhost. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
    ],
  });
}

/** Reads the newest sign-in code for an address from the development outbox page. */
export async function codeFromOutbox(context: BrowserContext, origin: string, email: string) {
  const page = await context.newPage();
  await page.goto(`${origin}/dev/outbox`);
  const text = await page.locator('main').innerText();
  await page.close();
  const code = (text.split(email)[1] ?? '').match(/sign-in code is (\d{6})/)?.[1];
  if (!code) throw new Error(`no code for ${email} in the outbox`);
  return code;
}

/** Signs in with an emailed code, as a person would, and waits for a chart page. */
export async function signInWithCode(page: Page, origin: string, email: string) {
  await page.goto(`${origin}/sign-in`);
  await page.getByLabel('Email address').fill(email);
  await page.getByRole('button', { name: /send me a code/i }).click();
  await page.waitForURL(/\/sign-in\/code/);
  await page
    .getByLabel(/code/i)
    .first()
    .fill(await codeFromOutbox(page.context(), origin, email));
  await page.getByRole('button', { name: /sign in|continue/i }).click();
  await page.waitForURL(/\/chart\//);
}
