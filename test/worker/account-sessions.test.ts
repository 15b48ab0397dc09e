import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { keyedHash } from '../../worker/auth/crypto.ts';
import { cookiesFrom, createPatient, latestCode, request } from './fixtures.ts';

const PHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Mobile/15E148';
const COMPUTER = 'Mozilla/5.0 (X11; Linux x86_64) Gecko/20100101 Firefox/128.0';

function postAs(path: string, fields: Record<string, string>, userAgent: string, cookie?: string) {
  return request(path, {
    method: 'POST',
    body: new URLSearchParams(fields),
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': userAgent },
    cookie,
  });
}

/** Signs in through the code flow from a browser with the given user agent. */
async function signInAs(email: string, userAgent: string): Promise<string> {
  const started = await postAs('/sign-in', { email }, userAgent);
  const pending = cookiesFrom(started);
  const code = await latestCode(email);
  const finished = await postAs('/sign-in/code', { code }, userAgent, pending);
  if (finished.status !== 303) throw new Error(`sign-in failed with ${finished.status}`);
  return cookiesFrom(finished, pending);
}

async function tokenHashesOf(personId: string): Promise<string[]> {
  const rows = await env.DB.prepare('select token_hash from sessions where person_id = ?')
    .bind(personId)
    .all<{ token_hash: string }>();
  return rows.results.map((row) => row.token_hash);
}

function publicIdOf(tokenHash: string) {
  return keyedHash(env.SESSION_PEPPER, 'session-public-id', tokenHash);
}

function endFormIds(html: string): string[] {
  return [...html.matchAll(/action="\/account\/sessions\/([^/"]+)\/end"/g)].map((m) => m[1]!);
}

async function endedEvents(personId: string) {
  const rows = await env.DB.prepare(
    "select reason, resource_id from audit_events where action = 'session.ended' and actor_person_id = ?",
  )
    .bind(personId)
    .all<{ reason: string; resource_id: string | null }>();
  return rows.results;
}

describe('account sessions page', () => {
  it('sessions page: requires sign-in', async () => {
    const response = await request('/account/sessions');
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(
      `/sign-in?return=${encodeURIComponent('/account/sessions')}`,
    );
  });

  it('site header: links to the sessions page', async () => {
    const patient = await createPatient('sessions-link');
    const session = await signInAs(patient.email, COMPUTER);
    const chart = await request(`/chart/${patient.patientId}`, { cookie: session });
    expect(await chart.text()).toContain('<a href="/account/sessions">Your sessions</a>');
  });

  it('sessions page: lists only own sessions', async () => {
    const patient = await createPatient('sessions-own');
    const stranger = await createPatient('sessions-stranger');
    await signInAs(patient.email, PHONE);
    const current = await signInAs(patient.email, COMPUTER);
    await signInAs(stranger.email, PHONE);

    const response = await request('/account/sessions', { cookie: current });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html.match(/<h1>/g)).toHaveLength(1);
    expect(html).toContain('<caption>Devices where you are signed in</caption>');
    expect(html).toContain('This device: Computer');
    expect(html).toContain('Phone');

    const [strangerHash] = await tokenHashesOf(stranger.personId);
    expect(endFormIds(html)).toHaveLength(1);
    expect(endFormIds(html)).not.toContain(await publicIdOf(strangerHash!));
  });

  it('sessions page: shows no token hash', async () => {
    const patient = await createPatient('sessions-hash');
    await signInAs(patient.email, PHONE);
    const current = await signInAs(patient.email, COMPUTER);

    const html = await (await request('/account/sessions', { cookie: current })).text();
    const hashes = await tokenHashesOf(patient.personId);
    expect(hashes).toHaveLength(2);
    for (const hash of hashes) expect(html).not.toContain(hash);
  });

  it('sign out everywhere else: ends others, keeps current', async () => {
    const patient = await createPatient('sessions-others');
    const stranger = await createPatient('sessions-others-stranger');
    const phone = await signInAs(patient.email, PHONE);
    await signInAs(patient.email, PHONE);
    const current = await signInAs(patient.email, COMPUTER);
    await signInAs(stranger.email, PHONE);
    expect(await tokenHashesOf(patient.personId)).toHaveLength(3);

    const response = await postAs('/account/sessions/others', {}, COMPUTER, current);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/account/sessions?ended=others');

    expect(await tokenHashesOf(patient.personId)).toHaveLength(1);
    expect(await tokenHashesOf(stranger.personId)).toHaveLength(1);
    const page = await request('/account/sessions?ended=others', { cookie: current });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('You are now signed out on every other device.');
    const ended = await request(`/chart/${patient.patientId}`, { cookie: phone });
    expect(ended.status).toBe(303);

    const events = await endedEvents(patient.personId);
    expect(events).toHaveLength(2);
    expect(events.every((event) => event.reason === 'signed-out-elsewhere')).toBe(true);
  });

  it('sign out one session: ends it and audits it', async () => {
    const patient = await createPatient('sessions-one');
    const phone = await signInAs(patient.email, PHONE);
    const current = await signInAs(patient.email, COMPUTER);

    const html = await (await request('/account/sessions', { cookie: current })).text();
    const [id] = endFormIds(html);
    const response = await postAs(`/account/sessions/${id}/end`, {}, COMPUTER, current);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/account/sessions?ended=one');

    expect(await tokenHashesOf(patient.personId)).toHaveLength(1);
    expect((await request(`/chart/${patient.patientId}`, { cookie: phone })).status).toBe(303);
    expect((await request(`/chart/${patient.patientId}`, { cookie: current })).status).toBe(200);
    expect(await endedEvents(patient.personId)).toEqual([
      { reason: 'signed-out-elsewhere', resource_id: id },
    ]);
  });

  it("sign out one session: another person's id is not found", async () => {
    const patient = await createPatient('sessions-foreign');
    const stranger = await createPatient('sessions-foreign-stranger');
    const current = await signInAs(patient.email, COMPUTER);
    await signInAs(stranger.email, PHONE);
    const [strangerHash] = await tokenHashesOf(stranger.personId);

    const byPublicId = await postAs(
      `/account/sessions/${await publicIdOf(strangerHash!)}/end`,
      {},
      COMPUTER,
      current,
    );
    expect(byPublicId.status).toBe(404);
    const byHash = await postAs(`/account/sessions/${strangerHash}/end`, {}, COMPUTER, current);
    expect(byHash.status).toBe(404);

    expect(await tokenHashesOf(stranger.personId)).toHaveLength(1);
    expect(await endedEvents(patient.personId)).toHaveLength(0);
  });

  it('sign out one session: the current id is not found', async () => {
    const patient = await createPatient('sessions-current');
    const current = await signInAs(patient.email, COMPUTER);
    const [hash] = await tokenHashesOf(patient.personId);

    const response = await postAs(
      `/account/sessions/${await publicIdOf(hash!)}/end`,
      {},
      COMPUTER,
      current,
    );
    expect(response.status).toBe(404);
    expect(await tokenHashesOf(patient.personId)).toHaveLength(1);
  });
});
