import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { addVirtualAuthenticator, signInWithCode, usePortalInChromium } from './portal.ts';

const PORT = 8793;
const INVITEE_EMAIL = 'e2e-invitee@example.org';

const e2e = usePortalInChromium(PORT);

/** Reads the newest match of `pattern` on the development outbox page, which lists newest first. */
async function fromOutbox(context: BrowserContext, pattern: RegExp) {
  const page = await context.newPage();
  await page.goto(`${e2e.portal.origin}/dev/outbox`);
  const text = await page.locator('main').innerText();
  await page.close();
  const match = text.match(pattern)?.[1];
  if (!match) throw new Error(`nothing matching ${pattern} in the outbox`);
  return match;
}

/** Registers a passkey on /passkeys/new and continues past the one-time recovery code page. */
async function addPasskey(page: Page, returnPath: string) {
  await page.getByLabel(/name for this passkey/i).fill('Test virtual authenticator');
  await page.getByRole('button', { name: 'Add a passkey' }).click();
  await page.waitForURL(/\/passkeys\/recovery-code|\/chart\//);
  if (page.url().includes('/passkeys/recovery-code')) {
    await page.getByRole('link', { name: 'Continue' }).click();
  }
  await page.waitForURL(`${e2e.portal.origin}${returnPath}`);
}

describe('enrollment and proxy invitations in Chromium', () => {
  it('enrollment, passkey sign-in and proxy invitation', async () => {
    const example = JSON.parse(
      readFileSync(join(e2e.portal.stateDir, 'enrollment-example.json'), 'utf8'),
    ) as { code: string; birthDate: string; lastName: string };
    const [year, month, day] = example.birthDate.split('-');
    const context = await e2e.browser.newContext();
    const page = await context.newPage();
    await addVirtualAuthenticator(page);

    await page.goto(`${e2e.portal.origin}/enroll`);
    await page.getByLabel('Activation code').fill(example.code);
    await page.getByLabel('Day', { exact: true }).fill(String(Number(day)));
    await page.getByLabel('Month', { exact: true }).fill(String(Number(month)));
    await page.getByLabel('Year', { exact: true }).fill(year!);
    await page.getByLabel('Last name').fill(example.lastName);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL(/\/enroll\/verify/);
    const code = await fromOutbox(context, /set up your patient portal account is (\d{6})/);
    await page.getByLabel(/6-digit code/).fill(code);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL(/\/enroll\/done/);

    const chartPath = new URL(
      (await page.getByRole('link', { name: /go to your record/i }).getAttribute('href'))!,
      e2e.portal.origin,
    ).pathname;
    await page.getByRole('link', { name: 'Add a passkey' }).click();
    await page.waitForURL(/\/passkeys\/new/);
    await addPasskey(page, chartPath);

    await page.getByRole('button', { name: /sign out/i }).click();
    await page.waitForURL(/\/signed-out/);
    await page.goto(`${e2e.portal.origin}/sign-in`);
    await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
    await page.waitForURL(`${e2e.portal.origin}${chartPath}`);

    await page.goto(`${e2e.portal.origin}/account/sharing`);
    await page.getByLabel('Their email address').fill(INVITEE_EMAIL);
    await page.getByLabel('See the health record').check();
    await page.getByRole('button', { name: 'Send the invitation' }).click();
    await page.waitForURL(/done=invited/);
    await expect(page.locator('main').innerText()).resolves.toContain(INVITEE_EMAIL);
    await context.close();

    // The invitee accepts in a browser of their own.
    const inviteeContext = await e2e.browser.newContext();
    const invitee = await inviteeContext.newPage();
    await addVirtualAuthenticator(invitee);
    const token = await fromOutbox(inviteeContext, /\/invitations\/([\w-]+)/);
    await invitee.goto(`${e2e.portal.origin}/invitations/${token}`);
    await expect(invitee.locator('h1').innerText()).resolves.toContain('invited you');
    await invitee.getByRole('button', { name: 'Send me a code' }).click();
    await invitee.waitForURL(/\/verify/);
    const inviteCode = await fromOutbox(inviteeContext, /accept the invitation is (\d{6})/);
    await invitee.getByLabel('Your full name').fill('Test Invitee');
    await invitee.getByLabel(/6-digit code/).fill(inviteCode);
    await invitee.getByRole('button', { name: 'Accept the invitation' }).click();
    await invitee.waitForURL(/\/passkeys\/new\?return=/);

    // Without a passkey the chart stays closed: the portal sends the proxy to add one.
    await invitee.goto(`${e2e.portal.origin}${chartPath}`);
    await invitee.waitForURL(/\/passkeys\/new\?return=/);
    expect(new URL(invitee.url()).pathname).toBe('/passkeys/new');
    await addPasskey(invitee, chartPath);
    expect(new URL(invitee.url()).pathname).toBe(chartPath);
    await expect(invitee.locator('h1').innerText()).resolves.toMatch(/\S/);
    await inviteeContext.close();
  });

  it('has no axe violations on the enrollment and sharing pages', async () => {
    const require = createRequire(import.meta.url);
    const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
    // axe is injected through the DevTools protocol, so the portal's CSP is bypassed here only.
    const context = await e2e.browser.newContext({ bypassCSP: true });
    const page = await context.newPage();

    await page.goto(`${e2e.portal.origin}/enroll`);
    expect(await axeViolations(page, axeSource), '/enroll').toEqual([]);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForSelector('.error-summary');
    expect(await axeViolations(page, axeSource), '/enroll with errors').toEqual([]);

    await signInWithCode(page, e2e.portal.origin, e2e.portal.signInExamples.patientEmail);
    await page.goto(`${e2e.portal.origin}/account/sharing`);
    expect(await axeViolations(page, axeSource), '/account/sharing').toEqual([]);
    await context.close();
  });
});

async function axeViolations(page: Page, axeSource: string) {
  await page.evaluate(axeSource);
  const result = await page.evaluate(() =>
    (
      globalThis as unknown as { axe: { run(): Promise<{ violations: { id: string }[] }> } }
    ).axe.run(),
  );
  return result.violations.map((violation) => violation.id);
}
