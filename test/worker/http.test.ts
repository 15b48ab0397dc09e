import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { createPatient, postForm, request, signIn } from './fixtures.ts';

function expectSecurityHeaders(response: Response) {
  const headers = response.headers;
  expect(headers.get('strict-transport-security')).toBe(
    'max-age=63072000; includeSubDomains; preload',
  );
  const csp = headers.get('content-security-policy') ?? '';
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("script-src 'self'");
  expect(csp).not.toContain('unsafe-inline');
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("base-uri 'none'");
  expect(csp).toContain("form-action 'self'");
  expect(csp).toContain("object-src 'none'");
  expect(headers.get('x-content-type-options')).toBe('nosniff');
  expect(headers.get('referrer-policy')).toBe('no-referrer');
  expect(headers.get('cross-origin-opener-policy')).toBe('same-origin');
  expect(headers.get('cross-origin-resource-policy')).toBe('same-origin');
  expect(headers.get('permissions-policy')).toContain('camera=()');
}

describe('HTTP protections', () => {
  it('sends the security headers on pages, assets, redirects and errors', async () => {
    const patient = await createPatient('headers');
    const session = await signIn(patient.email);
    for (const response of [
      await request('/sign-in'),
      await request('/static/app.css'),
      await request('/static/htmx.min.js'),
      await request('/'),
      await request('/no-such-page'),
      await request(`/chart/${patient.patientId}`, { cookie: session }),
    ]) {
      expectSecurityHeaders(response);
    }
  });

  it('marks every chart page no-store', async () => {
    const patient = await createPatient('no-store');
    const session = await signIn(patient.email);
    for (const path of [
      '',
      '/results',
      `/results/${patient.resultId}`,
      '/medications',
      '/messages',
      `/messages/${patient.threadId}`,
      '/appointments',
      '/health',
    ]) {
      const response = await request(`/chart/${patient.patientId}${path}`, { cookie: session });
      expect(response.status, path).toBe(200);
      expect(response.headers.get('cache-control'), path).toBe('no-store');
    }
  });

  it('serves htmx from its own origin with history cache off', async () => {
    // The sign-in page loads the passkey script instead of htmx, so another public page is used.
    const page = await (await request('/signed-out')).text();
    expect(page).toContain('<script src="/static/htmx.min.js"');
    expect(page).toContain('&quot;historyCacheSize&quot;:0');
    const script = await request('/static/htmx.min.js');
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toContain('javascript');
    expect((await script.text()).length).toBeGreaterThan(10_000);
  });

  it('rejects unsafe requests from another origin', async () => {
    const patient = await createPatient('origin');
    const forged = await request('/sign-in', {
      method: 'POST',
      body: new URLSearchParams({ email: patient.email }),
      headers: {
        origin: 'https://evil.example',
        'content-type': 'application/x-www-form-urlencoded',
      },
    });
    expect(forged.status).toBe(403);

    const json = await request('/sign-out', {
      method: 'POST',
      body: '{}',
      headers: { origin: 'https://evil.example', 'content-type': 'application/json' },
    });
    expect(json.status).toBe(403);

    const noOrigin = await request('/sign-out', {
      method: 'POST',
      headers: { origin: '' },
    });
    expect(noOrigin.status).toBe(403);
    const sent = await env.DB.prepare('select count(*) as n from outbox where recipient = ?')
      .bind(patient.email)
      .first<{ n: number }>();
    expect(sent?.n).toBe(0);
  });

  it('accepts a null Origin only with Sec-Fetch-Site same-origin', async () => {
    const patient = await createPatient('null-origin');
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    const sameSite = await request('/sign-in', {
      method: 'POST',
      body: new URLSearchParams({ email: patient.email }),
      headers: { ...form, origin: 'null', 'sec-fetch-site': 'same-origin' },
    });
    expect(sameSite.status).toBe(303);

    const crossSite = await request('/sign-in', {
      method: 'POST',
      body: new URLSearchParams({ email: patient.email }),
      headers: { ...form, origin: 'null', 'sec-fetch-site': 'cross-site' },
    });
    expect(crossSite.status).toBe(403);
  });

  it('answers the favicon request with no content', async () => {
    const response = await request('/favicon.ico');
    expect(response.status).toBe(204);
    expect(response.headers.get('cache-control')).toBe('public, max-age=86400');
  });

  it('shows a friendly page for an unknown route', async () => {
    const response = await request('/no-such-page');
    expect(response.status).toBe(404);
    const html = await response.text();
    expect(html).toContain('Page not found');
  });

  it('shows the development outbox only in development', async () => {
    const patient = await createPatient('outbox');
    await postForm('/sign-in', { email: patient.email });
    const response = await request('/dev/outbox');
    expect(response.status).toBe(200);
    expect(await response.text()).toContain(patient.email);
  });
});
