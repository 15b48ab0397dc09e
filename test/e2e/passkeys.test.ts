import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, signInWithCode, startPortal, type RunningPortal } from './portal.ts';

const PORT = 8792;

let portal: RunningPortal;
let browser: Browser;

beforeAll(async () => {
  portal = await startPortal(PORT);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await portal?.stop();
});

/**
 * Adds a WebAuthn virtual authenticator to the page through the DevTools protocol: a platform
 * authenticator that stores discoverable credentials and always verifies the user.
 */
async function addVirtualAuthenticator(page: Page) {
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

describe('passkeys in Chromium with a virtual authenticator', () => {
  it('registers a passkey for a proxy, then signs in with it alone', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await addVirtualAuthenticator(page);
    await signInWithCode(page, portal.origin, portal.signInExamples.parentEmail);

    // The parent's home page links to each child's chart; the first needs a passkey.
    const childLink = page
      .locator('h2:text-is("People you help care for") + ul a[href^="/chart/"]')
      .first();
    const childPath = await childLink.getAttribute('href');
    expect(childPath).toMatch(/^\/chart\//);
    await childLink.click();
    await page.waitForURL(/\/passkeys\/new\?return=/);
    await page.getByLabel(/name for this passkey/i).fill('Test virtual authenticator');
    await page.getByRole('button', { name: 'Add a passkey' }).click();
    await page.waitForURL(`${portal.origin}${childPath}`);
    await expect(page.locator('h1').innerText()).resolves.toMatch(/\S/);

    await page.getByRole('button', { name: /sign out/i }).click();
    await page.waitForURL(/\/signed-out/);

    await page.goto(`${portal.origin}/sign-in`);
    await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
    await page.waitForURL(/\/chart\//);
    await page.goto(`${portal.origin}${childPath}`);
    expect(new URL(page.url()).pathname).toBe(childPath);
    await expect(page.locator('main').innerText()).resolves.toContain('Next appointment');
    await context.close();
  });

  it('has no axe violations on the passkey pages', async () => {
    const require = createRequire(import.meta.url);
    const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
    // axe is injected through the DevTools protocol, so the portal's CSP is bypassed here only.
    const context = await browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    await signInWithCode(page, portal.origin, portal.signInExamples.patientEmail);

    for (const path of ['/passkeys/new', '/passkeys']) {
      await page.goto(`${portal.origin}${path}`);
      await page.evaluate(axeSource);
      const result = await page.evaluate(() =>
        (
          globalThis as unknown as {
            axe: { run(): Promise<{ violations: { id: string }[] }> };
          }
        ).axe.run(),
      );
      expect(
        result.violations.map((violation) => violation.id),
        path,
      ).toEqual([]);
    }
    await context.close();
  });

  it('says plainly that passkeys need JavaScript when it is off', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${portal.origin}/sign-in`);
    await expect(page.locator('main').innerText()).resolves.toContain('Passkeys need JavaScript');
    await expect(
      page.getByRole('button', { name: 'Sign in with a passkey' }).isVisible(),
    ).resolves.toBe(false);
    await context.close();
  });
});
