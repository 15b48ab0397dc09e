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
  createParentAndChild,
  latestAuditEvent,
  postJson,
  registerFirstPasskey,
  registerPasskey,
} from './passkey-flows.ts';
import { SoftwareAuthenticator } from './software-authenticator.ts';

/** Runs the self-service recovery from a fresh browser and returns the last response. */
async function recover(email: string, recoveryCode: string) {
  const started = await postForm('/recover', { email });
  expect(started.status).toBe(303);
  expect(started.headers.get('location')).toBe('/recover/code');
  let cookie = cookiesFrom(started);
  const checked = await postForm('/recover/code', { code: await latestCode(email) }, cookie);
  expect(checked.status).toBe(303);
  expect(checked.headers.get('location')).toBe('/recover/recovery-code');
  cookie = cookiesFrom(checked, cookie);
  const finished = await postForm(
    '/recover/recovery-code',
    { 'recovery-code': recoveryCode },
    cookie,
  );
  return { response: finished, cookie: cookiesFrom(finished, cookie) };
}

async function proxyBlockedSince(person: TestPatient) {
  const row = await env.DB.prepare('select proxy_blocked_since from people where id = ?')
    .bind(person.personId)
    .first<{ proxy_blocked_since: string | null }>();
  return row?.proxy_blocked_since ?? null;
}

async function outboxRecipientsSince(since: string) {
  const rows = await env.DB.prepare(
    'select channel, recipient, subject from outbox where created_at >= ? order by rowid',
  )
    .bind(since)
    .all<{ channel: string; recipient: string; subject: string }>();
  return rows.results;
}

async function addContacts(patient: TestPatient) {
  await db()
    .insert(schema.patientContacts)
    .values([
      {
        id: `contact-email-${patient.personId}`,
        patientId: patient.patientId,
        kind: 'email',
        value: patient.email,
        isPrimary: true,
      },
      {
        id: `contact-second-${patient.personId}`,
        patientId: patient.patientId,
        kind: 'email',
        value: `second-${patient.email}`,
        isPrimary: false,
      },
      {
        id: `contact-phone-${patient.personId}`,
        patientId: patient.patientId,
        kind: 'phone',
        value: '555-0142',
        isPrimary: false,
      },
    ]);
}

async function createStaff(label: string, role: 'front-desk' | 'nurse') {
  const member = await createPatient(label);
  await db()
    .insert(schema.staff)
    .values({
      id: `staff-${member.personId}`,
      personId: member.personId,
      displayName: 'Test Staff',
      role,
    } as typeof schema.staff.$inferInsert);
  const { cookie } = await registerPasskey(
    await signIn(member.email),
    new SoftwareAuthenticator(ORIGIN),
  );
  return { member, cookie };
}

describe('recovery code', () => {
  it('is shown once after the first passkey', async () => {
    const patient = await createPatient('recovery-shown');
    const authenticator = new SoftwareAuthenticator(ORIGIN);
    const registered = await registerPasskey(await signIn(patient.email), authenticator);
    expect(registered.redirect).toBe('/passkeys/recovery-code?return=%2Fpasskeys');

    const first = await request(registered.redirect, { cookie: registered.cookie });
    const html = await first.text();
    const code = html.match(/[2-9A-Z]{4}(-[2-9A-Z]{4}){3}/)?.[0];
    expect(code).toBeDefined();
    expect(html).toContain('href="/passkeys"');
    const stored = await env.DB.prepare('select code_hash from recovery_codes where person_id = ?')
      .bind(patient.personId)
      .first<{ code_hash: string }>();
    expect(stored?.code_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored?.code_hash).not.toContain(code!.replace(/-/g, ''));

    const again = await request(registered.redirect, {
      cookie: cookiesFrom(first, registered.cookie),
    });
    const againHtml = await again.text();
    expect(againHtml).not.toContain(code!);
    expect(againHtml).toContain('shown once already');
  });

  it('is replaced only at AAL2', async () => {
    const patient = await createPatient('recovery-replace');
    const authenticator = new SoftwareAuthenticator(ORIGIN);
    const { cookie, recoveryCode } = await registerFirstPasskey(patient.email, authenticator);

    const aal1 = await postForm('/passkeys/recovery-code', {}, await signIn(patient.email));
    expect(aal1.status).toBe(303);
    expect(aal1.headers.get('location')).toBe('/step-up?return=%2Fpasskeys');

    const replaced = await postForm('/passkeys/recovery-code', {}, cookie);
    expect(replaced.status).toBe(303);
    const page = await request('/passkeys/recovery-code', {
      cookie: cookiesFrom(replaced, cookie),
    });
    const newCode = (await page.text()).match(/[2-9A-Z]{4}(-[2-9A-Z]{4}){3}/)?.[0];
    expect(newCode).toBeDefined();
    expect(newCode).not.toBe(recoveryCode);
    const rows = await env.DB.prepare(
      'select count(*) as n from recovery_codes where person_id = ?',
    )
      .bind(patient.personId)
      .first<{ n: number }>();
    expect(rows?.n).toBe(1);
    expect((await latestAuditEvent('recovery-code.created'))?.reason).toBe('replaced-by-owner');

    // The old code no longer recovers the account.
    const { response } = await recover(patient.email, recoveryCode);
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('That recovery code is not right');
  });
});

describe('lost passkey recovery', () => {
  it('signs in at AAL1 with both codes', async () => {
    const patient = await createPatient('recover-ok');
    const { cookie: lostDevice, recoveryCode } = await registerFirstPasskey(
      patient.email,
      new SoftwareAuthenticator(ORIGIN),
    );

    const { response, cookie } = await recover(patient.email, recoveryCode.toLowerCase());
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/passkeys?notice=recovered');
    const page = await request('/passkeys?notice=recovered', { cookie });
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).toContain('Then remove the passkey you lost');
    // The lost passkey stays listed, so the person can see and remove it.
    expect(html).toContain('Test phone');

    const session = await env.DB.prepare(
      'select assurance_level from sessions where person_id = ? order by created_at desc limit 1',
    )
      .bind(patient.personId)
      .first<{ assurance_level: string }>();
    expect(session?.assurance_level).toBe('AAL1');
    // The session on the lost device ends with the recovery.
    const lost = await request(`/chart/${patient.patientId}`, { cookie: lostDevice });
    expect(lost.status).toBe(303);
    expect(lost.headers.get('location')).toContain('/sign-in');
    expect(await proxyBlockedSince(patient)).not.toBeNull();
    const event = await latestAuditEvent('recovery.complete');
    expect(event?.actor_person_id).toBe(patient.personId);
    expect(event?.reason).toBe('recovery-code');
  });

  it('notifies every contact on file', async () => {
    const patient = await createPatient('recover-notify');
    await addContacts(patient);
    const { recoveryCode } = await registerFirstPasskey(
      patient.email,
      new SoftwareAuthenticator(ORIGIN),
    );
    const before = new Date().toISOString();

    const { response } = await recover(patient.email, recoveryCode);
    expect(response.status).toBe(303);
    const notices = (await outboxRecipientsSince(before)).filter((row) =>
      row.subject.includes('was recovered'),
    );
    expect(notices.map((row) => `${row.channel}:${row.recipient}`).sort()).toEqual(
      [`email:${patient.email}`, `email:second-${patient.email}`, 'sms:555-0142'].sort(),
    );
  });

  it('responds alike to unknown addresses', async () => {
    const started = await postForm('/recover', { email: 'nobody-here@example.org' });
    expect(started.status).toBe(303);
    expect(started.headers.get('location')).toBe('/recover/code');
    const cookie = cookiesFrom(started);
    const page = await request('/recover/code', { cookie });
    expect(await page.text()).toContain('If the address you entered is on file');

    const checked = await postForm('/recover/code', { code: '123456' }, cookie);
    expect(checked.status).toBe(400);
    expect(await checked.text()).toContain('That code is not right');
    expect((await latestAuditEvent('recovery.code-sent'))?.reason).toBe('unknown-address');
  });

  it('rejects a sign-in code as a recovery code', async () => {
    const patient = await createPatient('recover-purpose');
    await registerFirstPasskey(patient.email, new SoftwareAuthenticator(ORIGIN));
    const signInStarted = await postForm('/sign-in', { email: patient.email });
    const signInCookie = cookiesFrom(signInStarted).replace('__Host-sign-in=', '__Host-recover=');

    const checked = await postForm(
      '/recover/code',
      { code: await latestCode(patient.email) },
      signInCookie,
    );
    expect(checked.status).toBe(400);
    expect(await checked.text()).toContain('Start again');
  });

  it('locks the recovery code after wrong tries', async () => {
    const patient = await createPatient('recover-wrong');
    const { recoveryCode } = await registerFirstPasskey(
      patient.email,
      new SoftwareAuthenticator(ORIGIN),
    );
    await env.DB.prepare('update recovery_codes set attempts = 9 where person_id = ?')
      .bind(patient.personId)
      .run();

    const { response } = await recover(patient.email, 'AAAA-BBBB-CCCC-DDDD');
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('no longer works');
    expect((await latestAuditEvent('recovery.failed'))?.reason).toBe('recovery-code-locked');

    // Even the right code is rejected once the limit is reached.
    const retry = await recover(patient.email, recoveryCode);
    expect(retry.response.status).toBe(400);
    expect(await proxyBlockedSince(patient)).toBeNull();
  });

  it('requires the emailed code first', async () => {
    const started = await postForm('/recover', { email: 'skip-step@example.org' });
    const page = await request('/recover/recovery-code', { cookie: cookiesFrom(started) });
    expect(page.status).toBe(400);
    expect(await page.text()).toContain('Start the recovery again');
  });
});

describe('proxy access after recovery', () => {
  it('stays blocked until a new passkey', async () => {
    const { parent, child } = await createParentAndChild('recover-proxy');
    const lost = new SoftwareAuthenticator(ORIGIN);
    const { recoveryCode } = await registerFirstPasskey(parent.email, lost);

    const { cookie } = await recover(parent.email, recoveryCode);
    expect(await proxyBlockedSince(parent)).not.toBeNull();
    const blocked = await request(`/chart/${child.patientId}`, { cookie });
    expect(blocked.status).toBe(303);
    expect(blocked.headers.get('location')).toBe('/passkeys/new');
    expect((await latestAuditEvent('chart.view'))?.outcome).toBe('deny');

    // The recovery session may add a passkey without the lost one.
    const page = await request('/passkeys/new', { cookie });
    expect(page.status).toBe(200);
    const replacement = new SoftwareAuthenticator(ORIGIN);
    const registered = await registerPasskey(cookie, replacement, {
      return: `/chart/${child.patientId}`,
    });
    expect(await proxyBlockedSince(parent)).toBeNull();
    // The used recovery code is replaced by a new one, shown on the way to the chart.
    expect(registered.redirect).toBe(
      `/passkeys/recovery-code?return=${encodeURIComponent(`/chart/${child.patientId}`)}`,
    );
    const chart = await request(`/chart/${child.patientId}`, { cookie: registered.cookie });
    expect(chart.status).toBe(200);
  });

  it('needs the recovery session to skip step-up', async () => {
    const { parent } = await createParentAndChild('recover-later');
    const { recoveryCode } = await registerFirstPasskey(
      parent.email,
      new SoftwareAuthenticator(ORIGIN),
    );
    await recover(parent.email, recoveryCode);

    // A later sign-in with an emailed code alone is an ordinary AAL1 session.
    const later = await signIn(parent.email);
    const options = await postJson('/passkeys/registration/options', {}, later);
    expect(options.status).toBe(403);

    // The step-up page points to the way out, which is the staff-verified reset.
    const stepUp = await request('/step-up?return=%2Fpasskeys', { cookie: later });
    expect(stepUp.status).toBe(200);
    expect(await stepUp.text()).toContain('ask your clinic&#39;s front desk to reset your sign-in');
  });
});

describe('staff-verified reset', () => {
  it('shows no PHI and sends a link', async () => {
    const patient = await createPatient('staff-reset');
    await addContacts(patient);
    await registerFirstPasskey(patient.email, new SoftwareAuthenticator(ORIGIN));
    const { member, cookie } = await createStaff('front-desk', 'front-desk');
    const before = new Date().toISOString();

    const sent = await postForm(
      '/staff/recovery',
      { email: patient.email, 'verified-by': 'in-person' },
      cookie,
    );
    expect(sent.status).toBe(303);
    const page = await request(sent.headers.get('location')!, { cookie });
    const html = await page.text();
    expect(html).toContain('An account exists for this address');
    for (const phi of ['Test Patient staff-reset', 'Patient staff-reset', '1980', patient.email]) {
      expect(html, phi).not.toContain(phi);
    }
    expect(await proxyBlockedSince(patient)).not.toBeNull();
    const event = await latestAuditEvent('recovery.staff-reset');
    expect(event?.actor_person_id).toBe(member.personId);
    expect(event?.reason).toBe(`verified-in-person:staff-staff-${member.personId}`);

    const outbox = await outboxRecipientsSince(before);
    expect(outbox.filter((row) => row.subject.includes('started')).length).toBe(3);
    const link = await env.DB.prepare(
      "select body from outbox where recipient = ? and subject like 'Recover your%' order by rowid desc limit 1",
    )
      .bind(patient.email)
      .first<{ body: string }>();
    const value = link?.body.match(/\/recover\/reset\?link=([\w.-]+)/)?.[1];
    expect(value).toBeDefined();

    // The link opens a page; only its POST uses it.
    const confirm = await request(`/recover/reset?link=${value}`);
    expect(confirm.status).toBe(200);
    const used = await postForm('/recover/reset', { link: value! });
    expect(used.status).toBe(303);
    expect(used.headers.get('location')).toBe('/passkeys?notice=recovered');
    expect((await latestAuditEvent('recovery.complete'))?.reason).toBe('staff-reset');
    const reused = await postForm('/recover/reset', { link: value! });
    expect(reused.status).toBe(400);
  });

  it('needs the identity check first', async () => {
    const patient = await createPatient('staff-reset-unchecked');
    const { cookie } = await createStaff('front-desk-unchecked', 'front-desk');

    const rejected = await postForm('/staff/recovery', { email: patient.email }, cookie);
    expect(rejected.status).toBe(400);
    const html = await rejected.text();
    expect(html).toContain('Choose how you checked who the person is');
    expect(html).not.toContain('An account exists');
    expect(await proxyBlockedSince(patient)).toBeNull();
  });

  it('requires the address on file', async () => {
    const { cookie } = await createStaff('front-desk-empty', 'front-desk');

    const rejected = await postForm('/staff/recovery', { email: '' }, cookie);
    expect(rejected.status).toBe(400);
    expect(await rejected.text()).toContain('Enter the person&#39;s email address on file');
  });

  it('is only for front desk and privacy officers', async () => {
    const { cookie } = await createStaff('nurse-reset', 'nurse');
    const page = await request('/staff/recovery', { cookie });
    expect(page.status).toBe(404);
  });
});
