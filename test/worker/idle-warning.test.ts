import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import * as schema from '../../schema/index.ts';
import {
  cookiesFrom,
  createPatient,
  db,
  latestCode,
  ORIGIN,
  postForm,
  request,
  signIn,
  type TestPatient,
} from './fixtures.ts';

// wrangler.toml sets SESSION_IDLE_MINUTES to 15.
const IDLE_SECONDS = 15 * 60;

async function ageSession(patient: TestPatient, minutesAgo: number) {
  const lastSeen = new Date(Date.now() - minutesAgo * 60_000).toISOString();
  await env.DB.prepare('update sessions set last_seen_at = ? where person_id = ?')
    .bind(lastSeen, patient.personId)
    .run();
}

async function lastSeenAt(patient: TestPatient) {
  const row = await env.DB.prepare(
    'select last_seen_at from sessions where person_id = ? order by created_at desc limit 1',
  )
    .bind(patient.personId)
    .first<{ last_seen_at: string }>();
  return row?.last_seen_at;
}

describe('idle warning script', () => {
  it('loads on signed-in pages with the timeout', async () => {
    const patient = await createPatient('idle-page');
    const html = await (
      await request(`/chart/${patient.patientId}`, { cookie: await signIn(patient.email) })
    ).text();
    expect(html).toContain(`data-idle-timeout-seconds="${IDLE_SECONDS}"`);
    expect(html).toContain('<script src="/static/idle-warning.min.js"');

    const script = await request('/static/idle-warning.min.js');
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toContain('text/javascript');
    expect(await script.text()).toContain('/session/keep-alive');
  });

  it('stays off for signed-out visitors', async () => {
    const html = await (await request('/sign-in')).text();
    expect(html).not.toContain('idle-warning');
    expect(html).not.toContain('data-idle-timeout-seconds');
  });
});

describe('keep-alive', () => {
  it('moves the last-seen time', async () => {
    const patient = await createPatient('keep-alive');
    const cookie = await signIn(patient.email);
    await ageSession(patient, 13);
    const before = await lastSeenAt(patient);

    const keptAlive = await postForm('/session/keep-alive', {}, cookie);
    expect(keptAlive.status).toBe(204);
    expect(Date.parse((await lastSeenAt(patient))!)).toBeGreaterThan(Date.parse(before!));
  });

  it('sends an ended session to sign in', async () => {
    const patient = await createPatient('keep-alive-late');
    const cookie = await signIn(patient.email);
    await ageSession(patient, 16);

    const late = await postForm('/session/keep-alive', {}, cookie);
    expect(late.status).toBe(303);
    expect(late.headers.get('location')).toContain('ended=timed-out');
  });
});

describe('draft autosave after the idle timeout', () => {
  it('gets HX-Redirect and the draft survives sign-in', async () => {
    const patient = await createPatient('idle-draft');
    await db()
      .insert(schema.patientCareTeams)
      .values({
        patientId: patient.patientId,
        careTeamId: patient.threadId.replace(/^thread-/, 'team-'),
      });
    const cookie = await signIn(patient.email);
    const composePath = `/chart/${patient.patientId}/messages/new`;
    const draftPath = `/chart/${patient.patientId}/messages/draft`;
    const headers = {
      'content-type': 'application/x-www-form-urlencoded',
      'hx-request': 'true',
      'hx-current-url': `${ORIGIN}${composePath}`,
    };

    const saved = await request(draftPath, {
      method: 'POST',
      body: new URLSearchParams({ subject: 'About my dose', body: 'Half a message typed' }),
      headers,
      cookie,
    });
    expect(saved.status).toBe(200);

    await ageSession(patient, 16);
    const expired = await request(draftPath, {
      method: 'POST',
      body: new URLSearchParams({ subject: 'About my dose', body: 'Half a message typed, then' }),
      headers,
      cookie,
    });
    expect(expired.status).toBe(200);
    const target = expired.headers.get('hx-redirect');
    // The text sent after the timeout is kept, and the return path requests the kept-draft notice.
    expect(target).toBe(
      `/sign-in?${new URLSearchParams({ return: `${composePath}?draft=kept`, ended: 'timed-out' })}`,
    );

    // Signing in again through the page htmx was sent to returns to the compose page.
    const signInPage = await (await request(target!)).text();
    expect(signInPage).toContain('You were signed out because you were inactive');
    const started = await postForm('/sign-in', { email: patient.email, return: composePath });
    const startedCookie = cookiesFrom(started);
    const finished = await postForm(
      '/sign-in/code',
      { code: await latestCode(patient.email), return: composePath },
      startedCookie,
    );
    expect(finished.status).toBe(303);
    expect(finished.headers.get('location')).toBe(composePath);
    const compose = await (
      await request(composePath, { cookie: cookiesFrom(finished, startedCookie) })
    ).text();
    expect(compose).toContain('About my dose');
    expect(compose).toContain('Half a message typed, then');
    expect(compose).toContain('Your draft is saved.');
  });
});
