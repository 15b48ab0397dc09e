import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { app } from '../../worker/index.ts';
import { ORIGIN, cookiesFrom, createPatient, latestCode } from './fixtures.ts';

// The other worker tests raise every limit with RATE_LIMIT_FACTOR. These requests go straight to
// the app with the factor set back to 1, so they meet the default limits.
const defaultLimitsEnv = { ...env, RATE_LIMIT_FACTOR: '1' };
const WINDOW_MS = 15 * 60_000;

let clients = 0;
/** Returns a client address no other test uses, from the documentation range 192.0.2.0/24. */
function newClient() {
  clients += 1;
  return `192.0.2.${clients}`;
}

function post(path: string, fields: Record<string, string>, client: string, cookie?: string) {
  const headers = new Headers({
    origin: ORIGIN,
    'content-type': 'application/x-www-form-urlencoded',
    'cf-connecting-ip': client,
  });
  if (cookie) headers.set('cookie', cookie);
  const request = new Request(`${ORIGIN}${path}`, {
    method: 'POST',
    body: new URLSearchParams(fields),
    headers,
    redirect: 'manual',
  });
  return app.fetch(request, defaultLimitsEnv);
}

/** Minutes left in the current 15-minute window, as the page should state them. */
function minutesLeft(now = Date.now()) {
  const windowEnd = (Math.floor(now / WINDOW_MS) + 1) * WINDOW_MS;
  return Math.max(1, Math.ceil((windowEnd - now) / 60_000));
}

describe('sign-in rate limits', () => {
  it('code sends per account: the fourth is limited', async () => {
    const patient = await createPatient('limit-account');

    for (let send = 1; send <= 3; send++) {
      const response = await post('/sign-in', { email: patient.email }, newClient());
      expect(response.status).toBe(303);
    }
    const fourth = await post('/sign-in', { email: patient.email }, newClient());
    expect(fourth.status).toBe(429);
    const html = await fourth.text();
    expect(html).toContain('Too many tries. Try again in');
    expect(html).toContain(`value="${patient.email}"`);
  });

  it('code sends per account: counts any letter case', async () => {
    const patient = await createPatient('limit-case');

    await post('/sign-in', { email: patient.email }, newClient());
    await post('/sign-in', { email: patient.email.toUpperCase() }, newClient());
    await post('/sign-in', { email: patient.email }, newClient());
    const fourth = await post('/sign-in', { email: patient.email.toUpperCase() }, newClient());
    expect(fourth.status).toBe(429);
  });

  it('limited page: identical for known and unknown addresses', async () => {
    const patient = await createPatient('limit-same');
    const unknown = 'nobody-limited@example.org';

    const pages: { status: number; html: string }[] = [];
    for (const email of [patient.email, unknown]) {
      let response: Response | null = null;
      for (let send = 1; send <= 4; send++) {
        response = await post('/sign-in', { email }, newClient());
      }
      const html = (await response!.text()).replaceAll(email, 'EMAIL');
      pages.push({ status: response!.status, html });
    }

    expect(pages[0]!.status).toBe(429);
    expect(pages[1]!.status).toBe(429);
    expect(pages[1]!.html).toBe(pages[0]!.html);
  });

  it('limited page: states the minutes left', async () => {
    const patient = await createPatient('limit-minutes');
    const client = newClient();
    for (let send = 1; send <= 3; send++) await post('/sign-in', { email: patient.email }, client);

    const before = minutesLeft();
    const limited = await post('/sign-in', { email: patient.email }, client);
    const after = minutesLeft();
    const html = await limited.text();

    const stated = Number(html.match(/Try again in (\d+) minutes?\./)?.[1]);
    expect(stated).toBeGreaterThanOrEqual(after);
    expect(stated).toBeLessThanOrEqual(before);
    expect(limited.headers.get('retry-after')).toBe(String(stated * 60));
  });

  it('code sends per client: the eleventh is limited', async () => {
    const client = newClient();

    for (let send = 1; send <= 10; send++) {
      const response = await post('/sign-in', { email: `client-${send}@example.org` }, client);
      expect(response.status).toBe(303);
    }
    const eleventh = await post('/sign-in', { email: 'client-11@example.org' }, client);
    expect(eleventh.status).toBe(429);
    expect(await eleventh.text()).toContain('Too many tries.');

    const otherClient = await post('/sign-in', { email: 'client-11@example.org' }, newClient());
    expect(otherClient.status).toBe(303);
  });

  it('code sends per account: other accounts unaffected', async () => {
    const limited = await createPatient('limit-first');
    const other = await createPatient('limit-other');
    const client = newClient();

    for (let send = 1; send <= 4; send++) await post('/sign-in', { email: limited.email }, client);
    const response = await post('/sign-in', { email: other.email }, client);
    expect(response.status).toBe(303);
  });

  it('code checks per client: the eleventh is limited', async () => {
    const client = newClient();

    for (let check = 1; check <= 10; check++) {
      const response = await post('/sign-in/code', { code: '000000' }, client);
      expect(response.status).toBe(400);
    }
    const eleventh = await post('/sign-in/code', { code: '000000' }, client);
    expect(eleventh.status).toBe(429);
    expect(await eleventh.text()).toContain('Too many tries. Try again in');

    const otherClient = await post('/sign-in/code', { code: '000000' }, newClient());
    expect(otherClient.status).toBe(400);
  });

  it('code checks: limited client cannot sign in', async () => {
    const patient = await createPatient('limit-right-code');
    const client = newClient();
    const started = await post('/sign-in', { email: patient.email }, client);
    const pending = cookiesFrom(started);
    // Without the pending cookie these checks fail without touching the code's own attempts.
    for (let check = 1; check <= 10; check++) {
      await post('/sign-in/code', { code: '000000' }, client);
    }

    const code = await latestCode(patient.email);
    const response = await post('/sign-in/code', { code }, client, pending);
    expect(response.status).toBe(429);
    expect(response.headers.getSetCookie().some((c) => c.startsWith('__Host-session='))).toBe(
      false,
    );
  });

  it('new window: resets the count', async () => {
    const patient = await createPatient('limit-window');
    const client = newClient();
    for (let send = 1; send <= 4; send++) await post('/sign-in', { email: patient.email }, client);

    // Moves every counted window one window into the past, as if 15 minutes had gone by.
    await env.DB.prepare(
      "update rate_limits set window_start = strftime('%Y-%m-%dT%H:%M:%fZ', window_start, '-15 minutes')",
    ).run();

    const response = await post('/sign-in', { email: patient.email }, client);
    expect(response.status).toBe(303);
  });

  it('old windows: deleted by a new window', async () => {
    const ended = new Date(Date.now() - 2 * WINDOW_MS).toISOString();
    await env.DB.prepare(
      "insert into rate_limits (bucket, window_start, count) values ('code-send:client:old', ?, 4)",
    )
      .bind(ended)
      .run();

    await post('/sign-in', { email: 'cleanup@example.org' }, newClient());

    const old = await env.DB.prepare(
      "select count(*) as n from rate_limits where bucket = 'code-send:client:old'",
    ).first<{ n: number }>();
    expect(old?.n).toBe(0);
  });

  it('limited requests: audited without the address', async () => {
    const email = 'audited-limit@example.org';
    const client = newClient();
    for (let send = 1; send <= 4; send++) await post('/sign-in', { email }, client);

    const events = await env.DB.prepare(
      "select reason, outcome, actor_person_id from audit_events where action = 'sign-in.rate-limited'",
    ).all<{ reason: string; outcome: string; actor_person_id: string | null }>();
    expect(events.results.length).toBeGreaterThan(0);
    expect(events.results.map((event) => event.reason)).toContain('code-send:account');
    expect(events.results.every((event) => event.outcome === 'failure')).toBe(true);
    expect(events.results.every((event) => event.actor_person_id === null)).toBe(true);
    expect(JSON.stringify(events.results)).not.toContain(email);
  });

  it('rate limit rows: hold no address or email', async () => {
    const email = 'stored-limit@example.org';
    const client = newClient();
    await post('/sign-in', { email }, client);

    const rows = await env.DB.prepare('select bucket from rate_limits').all<{ bucket: string }>();
    const buckets = JSON.stringify(rows.results);
    expect(buckets).not.toContain(client);
    expect(buckets).not.toContain(email);
    expect(buckets).not.toContain('local');
  });
});
