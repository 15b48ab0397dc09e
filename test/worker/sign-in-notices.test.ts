import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { app } from '../../worker/index.ts';
import { ORIGIN, createPatient, postForm, request, signIn } from './fixtures.ts';

describe('sign-in page notices', () => {
  it('says a device was signed out elsewhere', async () => {
    const patient = await createPatient('signed-out-elsewhere');
    const remaining = await signIn(patient.email);
    const ended = await signIn(patient.email);

    const everywhere = await postForm('/account/sessions/others', {}, remaining);
    expect(everywhere.status).toBe(303);

    const chart = await request(`/chart/${patient.patientId}`, { cookie: ended });
    expect(chart.status).toBe(303);
    const location = chart.headers.get('location')!;
    expect(location).toContain('ended=signed-out-elsewhere');
    expect(await (await request(location)).text()).toContain(
      'You were signed out from another device',
    );
    // Opening the sign-in page straight away with the old cookie shows the same notice.
    const direct = await request('/sign-in', { cookie: ended });
    expect(await direct.text()).toContain('You were signed out from another device');
  });

  it('shows no notice on an ordinary visit', async () => {
    const html = await (await request('/sign-in')).text();
    expect(html).not.toContain('You were signed out');
  });

  it('points a limited request to passkeys', async () => {
    const patient = await createPatient('limit-passkey');
    const limits = { ...env, RATE_LIMIT_FACTOR: '1' };
    let last: Response | undefined;
    for (let send = 1; send <= 4; send++) {
      last = await app.fetch(
        new Request(`${ORIGIN}/sign-in`, {
          method: 'POST',
          body: new URLSearchParams({ email: patient.email }),
          headers: {
            origin: ORIGIN,
            'content-type': 'application/x-www-form-urlencoded',
            'cf-connecting-ip': `198.51.100.${send}`,
          },
          redirect: 'manual',
        }),
        limits,
      );
    }
    expect(last!.status).toBe(429);
    const html = await last!.text();
    expect(html).toContain('href="#passkey-sign-in"');
    expect(html).toContain('you can sign in with it now instead');
    expect(html).not.toContain('id="email-error"');
    expect(html).not.toContain('aria-invalid="true"');
    expect(html).toContain(`value="${patient.email}"`);
  });
});

describe('sessions page', () => {
  it('names each sign-out button for screen readers', async () => {
    const patient = await createPatient('sessions-names');
    await signIn(patient.email);
    const cookie = await signIn(patient.email);

    const html = await (await request('/account/sessions', { cookie })).text();
    // The fixtures send no user agent, so both sessions are of an unknown device class.
    expect(html).toContain('Sign out<span class="visually-hidden"> of this unknown device</span>');
    expect(html).toMatch(
      /Sign out<span class="visually-hidden"> the unknown device signed in <time/,
    );
  });
});
