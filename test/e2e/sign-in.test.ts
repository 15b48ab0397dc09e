import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { signInWithCode, usePortalInChromium } from './portal.ts';

const PORT = 8791;

interface AxeWindow {
  axe: { run(): Promise<{ violations: { id: string }[] }> };
}
const e2e = usePortalInChromium(PORT);

async function signIn(page: Page, email: string) {
  await page.goto(`${e2e.portal.origin}/`);
  expect(new URL(page.url()).pathname).toBe('/sign-in');
  await signInWithCode(page, e2e.portal.origin, email);
}

describe('the portal started by npm start, in Chromium', () => {
  it('signs a seeded patient in and shows their chart', async () => {
    const context = await e2e.browser.newContext();
    const page = await context.newPage();
    await signIn(page, e2e.portal.signInExamples.patientEmail);

    await expect(page.locator('h1').innerText()).resolves.toMatch(/\S/);
    const cookies = await context.cookies();
    const session = cookies.find((cookie) => cookie.name === '__Host-session');
    expect(session?.httpOnly).toBe(true);
    expect(session?.secure).toBe(true);
    expect(session?.sameSite).toBe('Strict');
    expect(session?.path).toBe('/');

    const results = await page.goto(page.url() + '/results');
    expect(results?.headers()['cache-control']).toBe('no-store');
    const firstResult = page.locator('main a[href*="/results/"]').first();
    await firstResult.click();
    await page.waitForURL(/\/results\/[^/]+$/);
    await expect(page.locator('main').innerText()).resolves.toMatch(/range/i);

    await page.getByRole('button', { name: /sign out/i }).click();
    await page.waitForURL(/\/signed-out/);
    await context.close();
  });

  it('works with JavaScript turned off', async () => {
    const context = await e2e.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await signIn(page, e2e.portal.signInExamples.parentEmail);
    await page.getByRole('link', { name: 'Messages' }).first().click();
    await page.waitForURL(/\/messages$/);
    await expect(page.locator('h1').innerText()).resolves.toContain('Messages');
    await context.close();
  });

  it('has no axe violations on the sign-in page and the chart pages', async () => {
    const require = createRequire(import.meta.url);
    const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
    // axe is injected through the DevTools protocol, so the portal's CSP is bypassed here only.
    const context = await e2e.browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    const violationsOf = async () => {
      await page.evaluate(axeSource);
      const result = await page.evaluate(() => (globalThis as unknown as AxeWindow).axe.run());
      return result.violations.map((violation) => violation.id);
    };

    await page.goto(`${e2e.portal.origin}/sign-in`);
    expect(await violationsOf()).toEqual([]);
    await signIn(page, e2e.portal.signInExamples.patientEmail);
    const chart = page.url();
    for (const path of ['', '/results', '/medications', '/messages', '/appointments', '/health']) {
      await page.goto(chart + path);
      expect(await violationsOf(), path || 'dashboard').toEqual([]);
    }
    await context.close();
  });
});
