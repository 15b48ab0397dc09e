import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { addVirtualAuthenticator, signInWithCode, usePortalInChromium } from './portal.ts';

const PORT = 8792;

const e2e = usePortalInChromium(PORT);

describe('passkeys in Chromium with a virtual authenticator', () => {
  it('registers a passkey for a proxy, then signs in with it alone', async () => {
    const context = await e2e.browser.newContext();
    const page = await context.newPage();
    await addVirtualAuthenticator(page);
    await signInWithCode(page, e2e.portal.origin, e2e.portal.signInExamples.parentEmail);

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
    // The first passkey comes with a recovery code, shown once before the child's chart.
    await page.waitForURL(/\/passkeys\/recovery-code\?return=/);
    await expect(page.locator('.recovery-code').innerText()).resolves.toMatch(
      /^[2-9A-Z]{4}(-[2-9A-Z]{4}){3}$/,
    );
    await page.getByRole('link', { name: 'Continue' }).click();
    await page.waitForURL(`${e2e.portal.origin}${childPath}`);
    await expect(page.locator('h1').innerText()).resolves.toMatch(/\S/);

    await page.getByRole('button', { name: /sign out/i }).click();
    await page.waitForURL(/\/signed-out/);

    await page.goto(`${e2e.portal.origin}/sign-in`);
    await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
    await page.waitForURL(/\/chart\//);
    await page.goto(`${e2e.portal.origin}${childPath}`);
    expect(new URL(page.url()).pathname).toBe(childPath);
    await expect(page.locator('main').innerText()).resolves.toContain('Next appointment');
    await context.close();
  });

  it('has no axe violations on the passkey pages', async () => {
    const require = createRequire(import.meta.url);
    const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
    // axe is injected through the DevTools protocol, so the portal's CSP is bypassed here only.
    const context = await e2e.browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    await signInWithCode(page, e2e.portal.origin, e2e.portal.signInExamples.patientEmail);

    for (const path of ['/passkeys/new', '/passkeys']) {
      await page.goto(`${e2e.portal.origin}${path}`);
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
    const context = await e2e.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${e2e.portal.origin}/sign-in`);
    await expect(page.locator('main').innerText()).resolves.toContain('Passkeys need JavaScript');
    await expect(
      page.getByRole('button', { name: 'Sign in with a passkey' }).isVisible(),
    ).resolves.toBe(false);
    await context.close();
  });
});
