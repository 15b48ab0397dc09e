import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import * as schema from '../../schema/index.ts';
import {
  cookiesFrom,
  createPatient,
  db,
  ORIGIN,
  postForm,
  request,
  signIn,
  type TestPatient,
} from './fixtures.ts';
import { createParentAndChild, postJson, registerPasskey } from './passkey-flows.ts';
import { SoftwareAuthenticator } from './software-authenticator.ts';

async function passkeySignIn(authenticator: SoftwareAuthenticator) {
  const options = await (await postJson('/sign-in/passkey/options', {})).json();
  const response = await authenticator.authenticate(options as never);
  return { response, verified: await postJson('/sign-in/passkey/verification', { response }) };
}

async function latestAuditReason(action: string) {
  const row = await env.DB.prepare(
    'select reason from audit_events where action = ? order by seq desc limit 1',
  )
    .bind(action)
    .first<{ reason: string }>();
  return row?.reason;
}

async function passkeyCount(person: TestPatient) {
  const row = await env.DB.prepare('select count(*) as n from passkeys where person_id = ?')
    .bind(person.personId)
    .first<{ n: number }>();
  return row?.n ?? 0;
}

describe('passkey registration', () => {
  it('stores the passkey under a random user handle', async () => {
    const patient = await createPatient('register');
    const authenticator = new SoftwareAuthenticator(ORIGIN);
    const { redirect } = await registerPasskey(await signIn(patient.email), authenticator);

    // The first passkey comes with a recovery code, shown once before the person carries on.
    expect(redirect).toBe('/passkeys/recovery-code?return=%2Fpasskeys');
    expect(await passkeyCount(patient)).toBe(1);
    const person = await env.DB.prepare('select webauthn_user_id from people where id = ?')
      .bind(patient.personId)
      .first<{ webauthn_user_id: string }>();
    expect(person?.webauthn_user_id).toMatch(/^[\w-]{43}$/);
    expect(authenticator.passkeys[0]!.userHandle).toBe(person?.webauthn_user_id);
    expect(await latestAuditReason('passkey.added')).toBe('registered');
  });

  it('names unnamed passkey by date added', async () => {
    const patient = await createPatient('register-unnamed');
    await registerPasskey(await signIn(patient.email), new SoftwareAuthenticator(ORIGIN), {
      name: '  ',
    });

    const row = await env.DB.prepare('select name from passkeys where person_id = ?')
      .bind(patient.personId)
      .first<{ name: string }>();
    expect(row?.name).toMatch(/^Passkey added [A-Z][a-z]+ \d{1,2}, \d{4}$/);
  });

  it('rejects a response to another person’s challenge', async () => {
    const first = await createPatient('challenge-owner');
    const second = await createPatient('challenge-thief');
    const firstCookie = await signIn(first.email);
    const secondCookie = await signIn(second.email);
    const options = await (
      await postJson('/passkeys/registration/options', {}, firstCookie)
    ).json();
    const response = await new SoftwareAuthenticator(ORIGIN).register(options as never);

    const verified = await postJson(
      '/passkeys/registration/verification',
      { response, name: 'Not mine' },
      secondCookie,
    );
    expect(verified.status).toBe(400);
    expect(await passkeyCount(second)).toBe(0);
    expect(await latestAuditReason('passkey.registration-failed')).toBe(
      'challenge-for-another-person',
    );
  });

  it('needs AAL2 for a second passkey', async () => {
    const patient = await createPatient('second-passkey');
    await registerPasskey(await signIn(patient.email), new SoftwareAuthenticator(ORIGIN));
    const aal1 = await signIn(patient.email);

    const options = await postJson('/passkeys/registration/options', {}, aal1);
    expect(options.status).toBe(403);
    const page = await request('/passkeys/new', { cookie: aal1 });
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe('/step-up?return=%2Fpasskeys%2Fnew');
  });

  it('rejects a response from another origin', async () => {
    const patient = await createPatient('origin');
    const cookie = await signIn(patient.email);
    const options = await (await postJson('/passkeys/registration/options', {}, cookie)).json();
    const response = await new SoftwareAuthenticator('http://evil.example').register(
      options as never,
    );
    const verified = await postJson('/passkeys/registration/verification', { response }, cookie);
    expect(verified.status).toBe(400);
    expect(await passkeyCount(patient)).toBe(0);
  });
});

describe('passkey sign-in', () => {
  it('signs in at AAL2 and updates the counter', async () => {
    const patient = await createPatient('passkey-sign-in');
    const authenticator = new SoftwareAuthenticator(ORIGIN);
    await registerPasskey(await signIn(patient.email), authenticator);

    const { verified } = await passkeySignIn(authenticator);
    expect(verified.status).toBe(200);
    expect(await verified.json()).toEqual({ redirect: '/' });
    const passkey = await env.DB.prepare(
      'select counter, last_used_at from passkeys where person_id = ?',
    )
      .bind(patient.personId)
      .first<{ counter: number; last_used_at: string | null }>();
    expect(passkey?.counter).toBe(1);
    expect(passkey?.last_used_at).not.toBeNull();
    const session = await env.DB.prepare(
      'select assurance_level from sessions where person_id = ? order by created_at desc limit 1',
    )
      .bind(patient.personId)
      .first<{ assurance_level: string }>();
    expect(session?.assurance_level).toBe('AAL2');
  });

  it('rejects a reused challenge', async () => {
    const patient = await createPatient('replay');
    const authenticator = new SoftwareAuthenticator(ORIGIN);
    await registerPasskey(await signIn(patient.email), authenticator);

    const { response, verified } = await passkeySignIn(authenticator);
    expect(verified.status).toBe(200);
    const replayed = await postJson('/sign-in/passkey/verification', { response });
    expect(replayed.status).toBe(400);
    expect(replayed.headers.getSetCookie().join()).not.toContain('__Host-session=');
    expect(await latestAuditReason('passkey.sign-in-failed')).toBe('challenge-used');
  });

  it('rejects an expired challenge', async () => {
    const patient = await createPatient('expired');
    const authenticator = new SoftwareAuthenticator(ORIGIN);
    await registerPasskey(await signIn(patient.email), authenticator);

    const options = await (await postJson('/sign-in/passkey/options', {})).json();
    await env.DB.prepare('update webauthn_challenges set expires_at = ? where challenge = ?')
      .bind('2000-01-01T00:00:00.000Z', (options as { challenge: string }).challenge)
      .run();
    const response = await authenticator.authenticate(options as never);
    const verified = await postJson('/sign-in/passkey/verification', { response });
    expect(verified.status).toBe(400);
    expect(await latestAuditReason('passkey.sign-in-failed')).toBe('challenge-expired');
  });

  it('rejects a removed passkey', async () => {
    const patient = await createPatient('removed');
    const authenticator = new SoftwareAuthenticator(ORIGIN);
    const { cookie } = await registerPasskey(await signIn(patient.email), authenticator);

    const removed = await postForm(`/passkeys/${authenticator.passkeys[0]!.id}/remove`, {}, cookie);
    expect(removed.status).toBe(303);
    expect(await passkeyCount(patient)).toBe(0);
    expect(await latestAuditReason('passkey.removed')).toBe('removed-by-owner');

    const { verified } = await passkeySignIn(authenticator);
    expect(verified.status).toBe(400);
    expect(await latestAuditReason('passkey.sign-in-failed')).toBe('passkey-unknown');
  });
});

describe('passkeys page', () => {
  it('lists, renames and shows errors', async () => {
    const patient = await createPatient('list');
    const authenticator = new SoftwareAuthenticator(ORIGIN);
    const { cookie } = await registerPasskey(await signIn(patient.email), authenticator);
    const id = authenticator.passkeys[0]!.id;

    const renamed = await postForm(
      `/passkeys/${id}/rename`,
      { [`name-${id}`]: 'Work laptop' },
      cookie,
    );
    expect(renamed.status).toBe(303);
    const page = await (await request('/passkeys', { cookie })).text();
    expect(page).toContain('Work laptop');
    expect(page).toContain('Not used yet.');

    const blank = await postForm(`/passkeys/${id}/rename`, { [`name-${id}`]: ' ' }, cookie);
    expect(blank.status).toBe(303);
    expect(blank.headers.get('location')).toBe(`/passkeys?error=name-missing&passkey=${id}`);
    const errorPage = await request(blank.headers.get('location')!, {
      cookie: cookiesFrom(blank, cookie),
    });
    const errorHtml = await errorPage.text();
    expect(errorPage.status).toBe(200);
    expect(errorHtml).toContain('Enter a name for the passkey');
    expect(errorHtml).toContain(`href="#name-${id}"`);
  });

  it('keeps a rejected name after the redirect', async () => {
    const patient = await createPatient('long-name');
    const authenticator = new SoftwareAuthenticator(ORIGIN);
    const { cookie } = await registerPasskey(await signIn(patient.email), authenticator);
    const id = authenticator.passkeys[0]!.id;
    const typed = 'A name far too long for a passkey, typed by someone who likes detail';

    const long = await postForm(`/passkeys/${id}/rename`, { [`name-${id}`]: typed }, cookie);
    expect(long.status).toBe(303);
    expect(long.headers.get('location')).toBe(`/passkeys?error=name-too-long&passkey=${id}`);
    const html = await (
      await request(long.headers.get('location')!, { cookie: cookiesFrom(long, cookie) })
    ).text();
    expect(html).toContain('Enter a name of 60 characters or fewer');
    expect(html).toContain(`value="${typed}"`);
  });

  it('sends AAL1 rename and remove to step-up', async () => {
    const patient = await createPatient('aal1-manage');
    const authenticator = new SoftwareAuthenticator(ORIGIN);
    await registerPasskey(await signIn(patient.email), authenticator);
    const id = authenticator.passkeys[0]!.id;
    const aal1 = await signIn(patient.email);

    const renamed = await postForm(`/passkeys/${id}/rename`, { [`name-${id}`]: 'Stolen' }, aal1);
    expect(renamed.status).toBe(303);
    expect(renamed.headers.get('location')).toBe('/step-up?return=%2Fpasskeys');
    const removed = await postForm(`/passkeys/${id}/remove`, {}, aal1);
    expect(removed.status).toBe(303);
    expect(removed.headers.get('location')).toBe('/step-up?return=%2Fpasskeys');

    expect(await passkeyCount(patient)).toBe(1);
    const row = await env.DB.prepare('select name from passkeys where id = ?')
      .bind(id)
      .first<{ name: string }>();
    expect(row?.name).toBe('Test phone');
  });

  it('refuses to remove a proxy’s last passkey', async () => {
    const { parent } = await createParentAndChild('last-passkey');
    const authenticator = new SoftwareAuthenticator(ORIGIN);
    const { cookie } = await registerPasskey(await signIn(parent.email), authenticator);

    const id = authenticator.passkeys[0]!.id;
    const removed = await postForm(`/passkeys/${id}/remove`, {}, cookie);
    expect(removed.status).toBe(303);
    expect(removed.headers.get('location')).toBe(
      `/passkeys?error=last-passkey-proxy&passkey=${id}`,
    );
    const page = await request(removed.headers.get('location')!, { cookie });
    expect(await page.text()).toContain('You cannot remove your only passkey');
    expect(await passkeyCount(parent)).toBe(1);
    expect(await latestAuditReason('passkey.remove-refused')).toBe('last-passkey');
  });
});

describe('step-up', () => {
  it('sends an AAL1 proxy to step-up', async () => {
    const { parent, child } = await createParentAndChild('aal1-proxy');
    const cookie = await signIn(parent.email);

    const chart = await request(`/chart/${child.patientId}/results`, { cookie });
    expect(chart.status).toBe(303);
    expect(chart.headers.get('location')).toBe(
      `/step-up?return=${encodeURIComponent(`/chart/${child.patientId}/results`)}`,
    );
    const htmx = await request(`/chart/${child.patientId}`, {
      cookie,
      headers: { 'hx-request': 'true' },
    });
    expect(htmx.headers.get('hx-redirect')).toMatch(/^\/step-up\?return=/);

    // Without a passkey, step-up sends the person to add one and keeps the return path.
    const stepUp = await request(chart.headers.get('location')!, { cookie });
    expect(stepUp.status).toBe(303);
    expect(stepUp.headers.get('location')).toBe(
      `/passkeys/new?return=${encodeURIComponent(`/chart/${child.patientId}/results`)}`,
    );
  });

  it('still answers 404 without a relationship', async () => {
    const stranger = await createPatient('stranger');
    const other = await createPatient('stranger-other');
    const chart = await request(`/chart/${other.patientId}`, {
      cookie: await signIn(stranger.email),
    });
    expect(chart.status).toBe(404);
  });

  it('lets an AAL2 proxy open the child’s chart', async () => {
    const { parent, child } = await createParentAndChild('aal2-proxy');
    const authenticator = new SoftwareAuthenticator(ORIGIN);
    const { cookie, redirect } = await registerPasskey(await signIn(parent.email), authenticator, {
      return: `/chart/${child.patientId}`,
    });
    expect(redirect).toBe(
      `/passkeys/recovery-code?return=${encodeURIComponent(`/chart/${child.patientId}`)}`,
    );

    const chart = await request(`/chart/${child.patientId}`, { cookie });
    expect(chart.status).toBe(200);
    expect(await chart.text()).toContain(`Test Patient aal2-proxy-child`);
  });

  it('replaces the session after a passkey step-up', async () => {
    const { parent, child } = await createParentAndChild('step-up');
    const authenticator = new SoftwareAuthenticator(ORIGIN);
    await registerPasskey(await signIn(parent.email), authenticator);
    const aal1 = await signIn(parent.email);

    const page = await request(`/step-up?return=/chart/${child.patientId}`, { cookie: aal1 });
    expect(page.status).toBe(200);
    const options = await (await postJson('/step-up/options', {}, aal1)).json();
    const response = await authenticator.authenticate(options as never);
    const verified = await postJson(
      '/step-up/verification',
      { response, return: `/chart/${child.patientId}` },
      aal1,
    );
    expect(verified.status).toBe(200);
    expect(await verified.json()).toEqual({ redirect: `/chart/${child.patientId}` });
    const aal2 = cookiesFrom(verified, aal1);
    expect(aal2).not.toBe(aal1);
    expect((await request(`/chart/${child.patientId}`, { cookie: aal1 })).status).toBe(303);
    expect((await request(`/chart/${child.patientId}`, { cookie: aal2 })).status).toBe(200);
  });

  it('rejects a step-up with another person’s passkey', async () => {
    const { parent } = await createParentAndChild('other-passkey');
    const other = await createPatient('other-passkey-owner');
    const authenticator = new SoftwareAuthenticator(ORIGIN);
    await registerPasskey(await signIn(other.email), authenticator);
    const cookie = await signIn(parent.email);

    const options = await (await postJson('/step-up/options', {}, cookie)).json();
    const response = await authenticator.authenticate(options as never);
    const verified = await postJson('/step-up/verification', { response }, cookie);
    expect(verified.status).toBe(400);
    expect(await latestAuditReason('passkey.step-up-failed')).toBe('challenge-for-another-person');
  });

  it('drops a return path that leaves the site', async () => {
    const patient = await createPatient('off-site');
    const authenticator = new SoftwareAuthenticator(ORIGIN);
    const aal1 = await signIn(patient.email);
    const { cookie, redirect } = await registerPasskey(aal1, authenticator, {
      return: 'https://evil.example/chart',
    });
    expect(redirect).toBe('/passkeys/recovery-code?return=%2Fpasskeys');

    for (const target of ['//evil.example', 'https://evil.example', '/\\evil.example']) {
      const stepUp = await request(`/step-up?return=${encodeURIComponent(target)}`, { cookie });
      expect(stepUp.status, target).toBe(303);
      expect(stepUp.headers.get('location'), target).toBe('/');
    }
    const noPasskey = await createPatient('off-site-new');
    const sent = await request(`/step-up?return=${encodeURIComponent('//evil.example')}`, {
      cookie: await signIn(noPasskey.email),
    });
    expect(sent.headers.get('location')).toBe('/passkeys/new');
  });

  it('asks staff at AAL1 for a passkey', async () => {
    const patient = await createPatient('staff-member');
    await db()
      .insert(schema.staff)
      .values({
        id: 'staff-aal1',
        personId: patient.personId,
        displayName: 'Test Staff',
        role: 'nurse',
      } as typeof schema.staff.$inferInsert);
    const staffPage = await request('/staff', { cookie: await signIn(patient.email) });
    expect(staffPage.status).toBe(303);
    expect(staffPage.headers.get('location')).toBe('/step-up?return=%2Fstaff');
  });
});

describe('passkey pages', () => {
  it('load at most 20 KB of compressed JavaScript', async () => {
    const patient = await createPatient('budget');
    const cookie = await signIn(patient.email);
    for (const path of ['/sign-in', '/passkeys/new', `/chart/${patient.patientId}`]) {
      const html = await (await request(path, { cookie })).text();
      const sources = [...html.matchAll(/<script src="([^"]+)"/g)].map((match) => match[1]!);
      let compressed = 0;
      for (const source of sources) {
        const script = await request(source);
        const gzip = script.body!.pipeThrough(new CompressionStream('gzip'));
        compressed += (await new Response(gzip).arrayBuffer()).byteLength;
      }
      expect(sources.length, path).toBeGreaterThan(0);
      expect(compressed, path).toBeLessThanOrEqual(20 * 1024);
    }
  });

  it('load in full on htmx requests', async () => {
    const patient = await createPatient('full-load');
    const cookie = await signIn(patient.email);
    for (const path of ['/sign-in', '/passkeys/new?return=%2Fpasskeys']) {
      const boosted = await request(path, { cookie, headers: { 'hx-request': 'true' } });
      expect(boosted.headers.get('hx-redirect'), path).toBe(path);
    }
  });

  it('load the passkey script without htmx', async () => {
    const html = await (await request('/sign-in')).text();
    expect(html).toContain('/static/passkey.min.js');
    expect(html).not.toContain('/static/htmx.min.js');
    expect(html).toContain('Passkeys need JavaScript');
  });
});
