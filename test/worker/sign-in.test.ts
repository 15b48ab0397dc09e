import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { cookiesFrom, createPatient, latestCode, postForm, request, signIn } from './fixtures.ts';

describe('sign-in with a one-time code', () => {
  it('signs a patient in through the outbox and opens their chart', async () => {
    const patient = await createPatient('flow');

    const started = await postForm('/sign-in', { email: patient.email.toUpperCase() });
    expect(started.status).toBe(303);
    expect(started.headers.get('location')).toBe('/sign-in/code');
    const pending = cookiesFrom(started);

    const code = await latestCode(patient.email);
    const finished = await postForm('/sign-in/code', { code }, pending);
    expect(finished.status).toBe(303);
    expect(finished.headers.get('location')).toBe('/');

    const session = cookiesFrom(finished, pending);
    const home = await request('/', { cookie: session });
    expect(home.headers.get('location')).toBe(`/chart/${patient.patientId}`);
    const dashboard = await request(`/chart/${patient.patientId}`, { cookie: session });
    expect(dashboard.status).toBe(200);
    expect(await dashboard.text()).toContain('Test');
  });

  it('stores only hashes of codes and session tokens', async () => {
    const patient = await createPatient('hashes');
    const session = await signIn(patient.email);
    const token = session.match(/__Host-session=([^;]+)/)![1]!;
    const code = await latestCode(patient.email);

    const codes = await env.DB.prepare('select code_hash from one_time_codes').all();
    const sessions = await env.DB.prepare('select token_hash from sessions').all();
    expect(JSON.stringify(codes.results)).not.toContain(code);
    expect(JSON.stringify(sessions.results)).not.toContain(token);
  });

  it('sets the session cookie with every required attribute', async () => {
    const patient = await createPatient('cookie');
    const started = await postForm('/sign-in', { email: patient.email });
    const finished = await postForm(
      '/sign-in/code',
      { code: await latestCode(patient.email) },
      cookiesFrom(started),
    );

    const header = finished.headers.getSetCookie().find((c) => c.startsWith('__Host-session='));
    expect(header).toBeDefined();
    expect(header).toMatch(/;\s*Secure/i);
    expect(header).toMatch(/;\s*HttpOnly/i);
    expect(header).toMatch(/;\s*SameSite=Strict/i);
    expect(header).toMatch(/;\s*Path=\//i);
    expect(header).not.toMatch(/Domain=/i);
  });

  it('treats unknown addresses like known ones', async () => {
    const patient = await createPatient('same-answer');
    const known = await postForm('/sign-in', { email: patient.email });
    const unknown = await postForm('/sign-in', { email: 'nobody-here@example.org' });

    expect(unknown.status).toBe(known.status);
    expect(unknown.headers.get('location')).toBe(known.headers.get('location'));
    const knownPage = await request('/sign-in/code', { cookie: cookiesFrom(known) });
    const unknownPage = await request('/sign-in/code', { cookie: cookiesFrom(unknown) });
    expect(await unknownPage.text()).toBe(await knownPage.text());
  });

  it('rejects every code for an unknown address', async () => {
    const started = await postForm('/sign-in', { email: 'nobody-either@example.org' });
    const response = await postForm('/sign-in/code', { code: '123456' }, cookiesFrom(started));
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('That code is not right');
  });

  it('keeps the typed address when it is invalid', async () => {
    const response = await postForm('/sign-in', { email: 'not-an-address' });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('Enter an email address in the correct format');
    expect(html).toContain('value="not-an-address"');
  });

  it('refuses a code that was already used', async () => {
    const patient = await createPatient('reuse');
    const started = await postForm('/sign-in', { email: patient.email });
    const pending = cookiesFrom(started);
    const code = await latestCode(patient.email);
    expect((await postForm('/sign-in/code', { code }, pending)).status).toBe(303);

    const again = await postForm('/sign-in/code', { code }, pending);
    expect(again.status).toBe(400);
    const html = await again.text();
    expect(html).toContain('already been used');
    expect(html).toContain('href="/sign-in"');
  });

  it('refuses an expired code', async () => {
    const patient = await createPatient('expired');
    const started = await postForm('/sign-in', { email: patient.email });
    const code = await latestCode(patient.email);
    await env.DB.prepare("update one_time_codes set expires_at = '2000-01-01T00:00:00.000Z'").run();

    const response = await postForm('/sign-in/code', { code }, cookiesFrom(started));
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('That code has expired');
  });

  it('locks the code after five wrong attempts', async () => {
    const patient = await createPatient('attempts');
    const started = await postForm('/sign-in', { email: patient.email });
    const pending = cookiesFrom(started);
    const code = await latestCode(patient.email);
    const wrong = code === '000000' ? '111111' : '000000';

    for (let attempt = 1; attempt <= 4; attempt++) {
      const response = await postForm('/sign-in/code', { code: wrong }, pending);
      expect(await response.text()).toContain(`${5 - attempt} more tr`);
    }
    const fifth = await postForm('/sign-in/code', { code: wrong }, pending);
    expect(await fifth.text()).toContain('entered wrongly too many times');

    const right = await postForm('/sign-in/code', { code }, pending);
    expect(right.status).toBe(400);
    expect(right.headers.getSetCookie().some((c) => c.startsWith('__Host-session='))).toBe(false);
  });

  it('rejects a malformed code uncounted', async () => {
    const patient = await createPatient('format');
    const started = await postForm('/sign-in', { email: patient.email });
    const response = await postForm('/sign-in/code', { code: '12ab' }, cookiesFrom(started));
    expect(await response.text()).toContain('The code must be 6 digits');
    const row = await env.DB.prepare(
      'select attempts from one_time_codes order by created_at desc limit 1',
    ).first<{
      attempts: number;
    }>();
    expect(row?.attempts).toBe(0);
  });

  it('returns only to on-site paths', async () => {
    const patient = await createPatient('return');
    const requested = await request(`/chart/${patient.patientId}/results`);
    expect(requested.headers.get('location')).toBe(
      `/sign-in?return=${encodeURIComponent(`/chart/${patient.patientId}/results`)}`,
    );

    for (const [target, expected] of [
      [`/chart/${patient.patientId}/results`, `/chart/${patient.patientId}/results`],
      ['//evil.example/steal', '/'],
      ['https://evil.example/', '/'],
    ] as const) {
      const started = await postForm('/sign-in', { email: patient.email, return: target });
      const pending = cookiesFrom(started);
      const code = await latestCode(patient.email);
      const finished = await postForm('/sign-in/code', { code, return: target }, pending);
      expect(finished.headers.get('location')).toBe(expected);
    }
  });

  it('signs out by deleting the session row', async () => {
    const patient = await createPatient('sign-out');
    const session = await signIn(patient.email);
    const out = await postForm('/sign-out', {}, session);
    expect(out.headers.get('location')).toBe('/signed-out');

    const after = await request(`/chart/${patient.patientId}`, { cookie: session });
    expect(after.status).toBe(303);
    const rows = await env.DB.prepare('select count(*) as n from sessions where person_id = ?')
      .bind(patient.personId)
      .first<{ n: number }>();
    expect(rows?.n).toBe(0);
  });
});
