// A compose, reply or "Save draft" POST that arrives after the session timed out keeps its text
// as the person's draft, shown on the compose page after signing in again.
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
import {
  countAuditEvents,
  createParentAndChild,
  latestAuditEvent,
  registerPasskey,
} from './passkey-flows.ts';
import { SoftwareAuthenticator } from './software-authenticator.ts';

const KEPT_NOTICE = 'We saved what you were writing';

// Moves the person's sessions past the 15-minute idle timeout, as sessions.test.ts does.
async function passIdleTimeout(personId: string) {
  const lastSeen = new Date(Date.now() - 16 * 60_000).toISOString();
  await env.DB.prepare('update sessions set last_seen_at = ? where person_id = ?')
    .bind(lastSeen, personId)
    .run();
}

async function createPatientWithTeam(label: string) {
  const patient = await createPatient(label);
  await db()
    .insert(schema.patientCareTeams)
    .values({ patientId: patient.patientId, careTeamId: teamOf(patient) });
  return patient;
}

// createPatient names the care team of its thread after the same suffix.
function teamOf(patient: TestPatient) {
  return patient.threadId.replace(/^thread-/, 'team-');
}

async function draftsOf(personId: string, patientId: string) {
  const rows = await env.DB.prepare(
    'select subject, body, thread_id from message_drafts where person_id = ? and patient_id = ?',
  )
    .bind(personId, patientId)
    .all<{ subject: string | null; body: string; thread_id: string | null }>();
  return rows.results;
}

function redirectTarget(response: Response, header = 'location') {
  return new URL(response.headers.get(header)!, ORIGIN);
}

/** Signs in through the real code flow with a return path, as the sign-in forms carry it. */
async function signInReturningTo(email: string, returnPath: string) {
  const started = await postForm('/sign-in', { email, return: returnPath });
  const pending = cookiesFrom(started);
  const finished = await postForm(
    '/sign-in/code',
    { code: await latestCode(email), return: returnPath },
    pending,
  );
  expect(finished.status).toBe(303);
  return { cookie: cookiesFrom(finished, pending), location: finished.headers.get('location')! };
}

describe('message sent after idle timeout', () => {
  it('is kept and shown after sign-in', async () => {
    const patient = await createPatientWithTeam('expiry-send');
    const cookie = await signIn(patient.email);
    const composePath = `/chart/${patient.patientId}/messages/new`;
    await passIdleTimeout(patient.personId);

    const sent = await postForm(
      composePath,
      {
        subject: 'Knee question',
        'care-team': teamOf(patient),
        body: 'My knee still hurts after the visit.',
      },
      cookie,
    );
    expect(sent.status).toBe(303);
    const target = redirectTarget(sent);
    expect(target.pathname).toBe('/sign-in');
    expect(target.searchParams.get('ended')).toBe('timed-out');
    const returnPath = target.searchParams.get('return')!;
    expect(returnPath).toBe(`${composePath}?draft=kept`);
    expect(await draftsOf(patient.personId, patient.patientId)).toEqual([
      { subject: 'Knee question', body: 'My knee still hurts after the visit.', thread_id: null },
    ]);
    expect(await countAuditEvents('message-draft.save', patient.personId)).toBe(1);
    expect((await latestAuditEvent('message-draft.save'))?.outcome).toBe('allow');

    const signInPage = await (await request(`${target.pathname}${target.search}`)).text();
    expect(signInPage).toContain('signed out because you were inactive');
    const signedIn = await signInReturningTo(patient.email, returnPath);
    expect(signedIn.location).toBe(returnPath);
    const page = await request(signedIn.location, { cookie: signedIn.cookie });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(KEPT_NOTICE);
    expect(html).toContain('value="Knee question"');
    expect(html).toContain('My knee still hurts after the visit.');
  });

  it('keeps a reply saved without JavaScript', async () => {
    const patient = await createPatient('expiry-reply');
    const cookie = await signIn(patient.email);
    const replyPath = `/chart/${patient.patientId}/messages/${patient.threadId}/reply`;
    await passIdleTimeout(patient.personId);

    const saved = await postForm(
      `/chart/${patient.patientId}/messages/draft`,
      { thread: patient.threadId, body: 'Thanks, I will book a visit.' },
      cookie,
    );
    expect(saved.status).toBe(303);
    expect(redirectTarget(saved).searchParams.get('return')).toBe(`${replyPath}?draft=kept`);
    expect(await draftsOf(patient.personId, patient.patientId)).toEqual([
      { subject: '', body: 'Thanks, I will book a visit.', thread_id: patient.threadId },
    ]);

    const page = await request(`${replyPath}?draft=kept`, { cookie: await signIn(patient.email) });
    const html = await page.text();
    expect(html).toContain(KEPT_NOTICE);
    expect(html).toContain('Thanks, I will book a visit.');
  });

  it('sends htmx autosave to sign-in with HX-Redirect', async () => {
    const patient = await createPatientWithTeam('expiry-htmx');
    const cookie = await signIn(patient.email);
    const composePath = `/chart/${patient.patientId}/messages/new`;
    await passIdleTimeout(patient.personId);

    const autosave = await request(`/chart/${patient.patientId}/messages/draft`, {
      method: 'POST',
      body: new URLSearchParams({ subject: 'Typing', body: 'Words typed just now' }),
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'hx-request': 'true',
        'hx-current-url': `${ORIGIN}${composePath}`,
      },
      cookie,
    });
    expect(autosave.status).toBe(200);
    const target = redirectTarget(autosave, 'hx-redirect');
    expect(target.pathname).toBe('/sign-in');
    expect(target.searchParams.get('return')).toBe(`${composePath}?draft=kept`);
    expect(await draftsOf(patient.personId, patient.patientId)).toEqual([
      { subject: 'Typing', body: 'Words typed just now', thread_id: null },
    ]);
  });

  it('does not delete a draft with an empty form', async () => {
    const patient = await createPatient('expiry-empty');
    const cookie = await signIn(patient.email);
    const draftPath = `/chart/${patient.patientId}/messages/draft`;
    await postForm(draftPath, { thread: patient.threadId, body: 'Saved before' }, cookie);
    await passIdleTimeout(patient.personId);

    const empty = await postForm(draftPath, { thread: patient.threadId, body: '  ' }, cookie);
    expect(empty.status).toBe(303);
    expect(redirectTarget(empty).searchParams.get('return')).toBe(
      `/chart/${patient.patientId}/messages/${patient.threadId}/reply`,
    );
    expect(await draftsOf(patient.personId, patient.patientId)).toEqual([
      { subject: '', body: 'Saved before', thread_id: patient.threadId },
    ]);
  });
});

describe('message sent without a timed-out session', () => {
  it('saves nothing for an unknown session cookie', async () => {
    const patient = await createPatientWithTeam('expiry-unknown');
    const composePath = `/chart/${patient.patientId}/messages/new`;

    const sent = await postForm(
      composePath,
      { subject: 'Hello', 'care-team': teamOf(patient), body: 'Not from a real session' },
      `__Host-session=${'A'.repeat(43)}`,
    );
    expect(sent.status).toBe(303);
    const target = redirectTarget(sent);
    expect(target.pathname).toBe('/sign-in');
    expect(target.searchParams.get('ended')).toBe('signed-out-elsewhere');
    expect(target.searchParams.get('return')).toBe(composePath);
    const rows = await env.DB.prepare(
      'select count(*) as n from message_drafts where patient_id = ?',
    )
      .bind(patient.patientId)
      .first<{ n: number }>();
    expect(rows?.n).toBe(0);
  });

  it('saves nothing for a proxy without messaging scope', async () => {
    const { parent, child } = await createParentAndChild('expiry-scope');
    await env.DB.prepare("update relationships set scopes = 'record' where proxy_person_id = ?")
      .bind(parent.personId)
      .run();
    const { cookie } = await registerPasskey(
      await signIn(parent.email),
      new SoftwareAuthenticator(ORIGIN),
    );
    const composePath = `/chart/${child.patientId}/messages/new`;
    await passIdleTimeout(parent.personId);

    const sent = await postForm(
      composePath,
      { subject: 'For my child', body: 'A question I may not send' },
      cookie,
    );
    expect(sent.status).toBe(303);
    const target = redirectTarget(sent);
    expect(target.pathname).toBe('/sign-in');
    expect(target.searchParams.get('return')).toBe(composePath);
    expect(await draftsOf(parent.personId, child.patientId)).toEqual([]);
    const event = await latestAuditEvent('message-draft.save');
    expect(event?.actor_person_id).toBe(parent.personId);
    expect(event?.patient_id).toBe(child.patientId);
    expect(event?.outcome).toBe('deny');
    expect(event?.reason).toBe('relationship-out-of-scope');
  });
});
