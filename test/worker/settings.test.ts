import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import * as schema from '../../schema/index.ts';
import { createPatient, db, ORIGIN, postForm, request, signIn } from './fixtures.ts';
import { latestAuditEvent, registerFirstPasskey } from './passkey-flows.ts';
import { SoftwareAuthenticator } from './software-authenticator.ts';

async function requirePasskey(personId: string) {
  const row = await env.DB.prepare('select require_passkey from people where id = ?')
    .bind(personId)
    .first<{ require_passkey: number }>();
  return row?.require_passkey === 1;
}

describe('always require my passkey', () => {
  it('turns on at AAL2 and guards the chart', async () => {
    const patient = await createPatient('require-on');
    const { cookie } = await registerFirstPasskey(patient.email, new SoftwareAuthenticator(ORIGIN));

    const passkeys = await request('/passkeys', { cookie });
    expect(await passkeys.text()).toContain('href="/account/settings"');
    const page = await request('/account/settings', { cookie });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Turn it on');

    const on = await postForm(
      '/account/settings/require-passkey',
      { 'require-passkey': 'on' },
      cookie,
    );
    expect(on.status).toBe(303);
    expect(on.headers.get('location')).toBe('/account/settings?notice=on');
    expect(await requirePasskey(patient.personId)).toBe(true);
    const event = await latestAuditEvent('setting.require-passkey');
    expect(event?.actor_person_id).toBe(patient.personId);
    expect(event?.reason).toBe('turned-on');

    // A code alone no longer opens the chart: the person is asked for the passkey.
    const aal1 = await signIn(patient.email);
    const chart = await request(`/chart/${patient.patientId}`, { cookie: aal1 });
    expect(chart.status).toBe(303);
    expect(chart.headers.get('location')).toMatch(/^\/step-up\?return=/);
  });

  it('needs AAL2 to turn it off', async () => {
    const patient = await createPatient('require-off');
    const { cookie } = await registerFirstPasskey(patient.email, new SoftwareAuthenticator(ORIGIN));
    await postForm('/account/settings/require-passkey', { 'require-passkey': 'on' }, cookie);
    const aal1 = await signIn(patient.email);

    const rejected = await postForm(
      '/account/settings/require-passkey',
      { 'require-passkey': 'off' },
      aal1,
    );
    expect(rejected.status).toBe(303);
    expect(rejected.headers.get('location')).toBe('/step-up?return=%2Faccount%2Fsettings');
    expect(await requirePasskey(patient.personId)).toBe(true);

    const off = await postForm(
      '/account/settings/require-passkey',
      { 'require-passkey': 'off' },
      cookie,
    );
    expect(off.status).toBe(303);
    expect(await requirePasskey(patient.personId)).toBe(false);
    expect((await latestAuditEvent('setting.require-passkey'))?.reason).toBe('turned-off');
  });

  it('needs AAL2 to turn it on', async () => {
    const patient = await createPatient('require-on-aal1');
    await registerFirstPasskey(patient.email, new SoftwareAuthenticator(ORIGIN));

    const rejected = await postForm(
      '/account/settings/require-passkey',
      { 'require-passkey': 'on' },
      await signIn(patient.email),
    );
    expect(rejected.status).toBe(303);
    expect(rejected.headers.get('location')).toBe('/step-up?return=%2Faccount%2Fsettings');
    expect(await requirePasskey(patient.personId)).toBe(false);
  });

  it('requires a passkey first', async () => {
    const patient = await createPatient('require-none');
    const page = await request('/account/settings', { cookie: await signIn(patient.email) });
    const html = await page.text();
    expect(html).toContain('You need a passkey first');
    expect(html).not.toContain('Turn it on');
  });

  it('is not offered without an own chart', async () => {
    // A proxy-only person: an account with no patient record of their own.
    await db().insert(schema.people).values({
      id: 'person-settings-proxy-only',
      email: 'settings-proxy-only@example.org',
      displayName: 'Test Proxy',
      createdAt: '2026-01-01T00:00:00.000Z',
    });
    const page = await request('/account/settings', {
      cookie: await signIn('settings-proxy-only@example.org'),
    });
    expect(page.status).toBe(404);
  });
});
