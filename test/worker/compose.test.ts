import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import * as schema from '../../schema/index.ts';
import {
  createPatient,
  db,
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

// createPatient names the care team of its thread after the same suffix.
function teamOf(patient: TestPatient) {
  return patient.threadId.replace(/^thread-/, 'team-');
}

async function createPatientWithTeam(label: string) {
  const patient = await createPatient(label);
  await db()
    .insert(schema.patientCareTeams)
    .values({
      patientId: patient.patientId,
      careTeamId: teamOf(patient),
    });
  return patient;
}

function autosave(
  path: string,
  fields: Record<string, string>,
  cookie: string,
  currentUrl: string,
) {
  return request(path, {
    method: 'POST',
    body: new URLSearchParams(fields),
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'hx-request': 'true',
      'hx-current-url': `${ORIGIN}${currentUrl}`,
    },
    cookie,
  });
}

async function draftsOf(patient: TestPatient) {
  const rows = await env.DB.prepare(
    'select subject, body, thread_id from message_drafts where person_id = ? and patient_id = ?',
  )
    .bind(patient.personId, patient.patientId)
    .all<{ subject: string | null; body: string; thread_id: string | null }>();
  return rows.results;
}

describe('new message', () => {
  it('sends and opens the new conversation', async () => {
    const patient = await createPatientWithTeam('compose-send');
    const cookie = await signIn(patient.email);
    const base = `/chart/${patient.patientId}/messages`;

    expect(await (await request(base, { cookie })).text()).toContain(`href="${base}/new"`);
    const form = await request(`${base}/new`, { cookie });
    expect(form.status).toBe(200);
    const formHtml = await form.text();
    expect(formHtml).toContain('Write a message');
    expect(formHtml).toContain(`hx-post="${base}/draft"`);
    expect(formHtml).toContain('input changed delay:2s');

    const sent = await postForm(
      `${base}/new`,
      { subject: 'Refill question', 'care-team': teamOf(patient), body: 'Can I get a refill?' },
      cookie,
    );
    expect(sent.status).toBe(303);
    const location = sent.headers.get('location')!;
    expect(location).toMatch(new RegExp(`^${base}/[\\w-]+$`));
    const thread = await (await request(location, { cookie })).text();
    expect(thread).toContain('Refill question');
    expect(thread).toContain('Can I get a refill?');

    const event = await latestAuditEvent('message.send');
    expect(event?.actor_person_id).toBe(patient.personId);
    expect(event?.patient_id).toBe(patient.patientId);
    expect(event?.outcome).toBe('allow');
  });

  it('keeps the typed text with errors', async () => {
    const patient = await createPatientWithTeam('compose-errors');
    const cookie = await signIn(patient.email);

    const rejected = await postForm(
      `/chart/${patient.patientId}/messages/new`,
      { subject: ' ', 'care-team': teamOf(patient), body: 'Text I do not want to lose' },
      cookie,
    );
    expect(rejected.status).toBe(400);
    const html = await rejected.text();
    expect(html).toContain('href="#subject"');
    expect(html).toContain('Enter a subject');
    expect(html).toContain('Text I do not want to lose');
  });

  it('prompts for a care team choice', async () => {
    const patient = await createPatientWithTeam('compose-teams');
    await db()
      .insert(schema.careTeams)
      .values({
        id: `second-${teamOf(patient)}`,
        name: 'Test Second Team',
        department: 'Cardiology',
      });
    await db()
      .insert(schema.patientCareTeams)
      .values({
        patientId: patient.patientId,
        careTeamId: `second-${teamOf(patient)}`,
      });
    const cookie = await signIn(patient.email);
    const base = `/chart/${patient.patientId}/messages`;

    expect(await (await request(`${base}/new`, { cookie })).text()).toContain(
      'Who is your message for?',
    );
    const rejected = await postForm(`${base}/new`, { subject: 'Hello', body: 'Hi' }, cookie);
    expect(rejected.status).toBe(400);
    expect(await rejected.text()).toContain('Choose who your message is for');
  });
});

describe('reply', () => {
  it('adds a message to the thread', async () => {
    const patient = await createPatient('compose-reply');
    const cookie = await signIn(patient.email);
    const threadPath = `/chart/${patient.patientId}/messages/${patient.threadId}`;

    expect(await (await request(threadPath, { cookie })).text()).toContain(`${threadPath}/reply`);
    const form = await request(`${threadPath}/reply`, { cookie });
    expect(form.status).toBe(200);
    const replied = await postForm(`${threadPath}/reply`, { body: 'Thank you, noted.' }, cookie);
    expect(replied.status).toBe(303);
    expect(replied.headers.get('location')).toBe(threadPath);
    expect(await (await request(threadPath, { cookie })).text()).toContain('Thank you, noted.');
  });
});

describe('message drafts', () => {
  it('autosave audits the first save only', async () => {
    const patient = await createPatientWithTeam('draft-audit');
    const cookie = await signIn(patient.email);
    const base = `/chart/${patient.patientId}/messages`;

    const first = await autosave(
      `${base}/draft`,
      { subject: 'Draft', body: 'First words' },
      cookie,
      `${base}/new`,
    );
    expect(first.status).toBe(200);
    expect(await first.text()).toBe('Your draft is saved.');
    const second = await autosave(
      `${base}/draft`,
      { subject: 'Draft', body: 'First words and more' },
      cookie,
      `${base}/new`,
    );
    expect(second.status).toBe(200);

    expect(await draftsOf(patient)).toEqual([
      { subject: 'Draft', body: 'First words and more', thread_id: null },
    ]);
    expect(await countAuditEvents('message-draft.save', patient.personId)).toBe(1);

    // Sending deletes the draft.
    await postForm(
      `${base}/new`,
      { subject: 'Draft', 'care-team': teamOf(patient), body: 'First words and more' },
      cookie,
    );
    expect(await draftsOf(patient)).toEqual([]);
  });

  it('saves without JavaScript and shows the draft again', async () => {
    const patient = await createPatient('draft-no-js');
    const cookie = await signIn(patient.email);
    const threadPath = `/chart/${patient.patientId}/messages/${patient.threadId}`;

    const saved = await postForm(
      `/chart/${patient.patientId}/messages/draft`,
      { thread: patient.threadId, body: 'A reply I will finish later' },
      cookie,
    );
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toBe(`${threadPath}/reply`);
    const form = await (await request(`${threadPath}/reply`, { cookie })).text();
    expect(form).toContain('A reply I will finish later');
    expect(form).toContain('Your draft is saved.');
    expect((await latestAuditEvent('message-draft.view'))?.actor_person_id).toBe(patient.personId);
  });

  it('stays with its author and chart', async () => {
    const patient = await createPatientWithTeam('draft-owner');
    const other = await createPatient('draft-other');
    const cookie = await signIn(patient.email);
    await autosave(
      `/chart/${patient.patientId}/messages/draft`,
      { subject: 'Mine', body: 'Private draft text' },
      cookie,
      `/chart/${patient.patientId}/messages/new`,
    );

    const stranger = await autosave(
      `/chart/${patient.patientId}/messages/draft`,
      { subject: 'Theirs', body: 'Not allowed' },
      await signIn(other.email),
      `/chart/${patient.patientId}/messages/new`,
    );
    expect(stranger.status).toBe(404);
    expect(await draftsOf(patient)).toEqual([
      { subject: 'Mine', body: 'Private draft text', thread_id: null },
    ]);
  });
});

describe('messaging scope', () => {
  it('refuses a proxy without it', async () => {
    const { parent, child } = await createParentAndChild('compose-scope');
    await env.DB.prepare("update relationships set scopes = 'record' where proxy_person_id = ?")
      .bind(parent.personId)
      .run();
    const { cookie } = await registerPasskey(
      await signIn(parent.email),
      new SoftwareAuthenticator(ORIGIN),
    );

    // The chart opens (record scope), but writing needs the messaging scope.
    expect((await request(`/chart/${child.patientId}`, { cookie })).status).toBe(200);
    const form = await request(`/chart/${child.patientId}/messages/new`, { cookie });
    expect(form.status).toBe(404);
    const event = await latestAuditEvent('message-draft.view');
    expect(event?.outcome).toBe('deny');
    expect(event?.actor_person_id).toBe(parent.personId);
  });
});
