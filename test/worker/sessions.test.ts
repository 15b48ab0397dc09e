import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { createPatient, request, signIn } from './fixtures.ts';

async function ageSession(personId: string, column: 'last_seen_at' | 'created_at', ms: number) {
  const at = new Date(Date.now() - ms).toISOString();
  await env.DB.prepare(`update sessions set ${column} = ? where person_id = ?`)
    .bind(at, personId)
    .run();
}

describe('session timeouts', () => {
  it('ends a session idle for more than 15 minutes', async () => {
    const patient = await createPatient('idle');
    const session = await signIn(patient.email);
    await ageSession(patient.personId, 'last_seen_at', 16 * 60_000);

    const response = await request(`/chart/${patient.patientId}/results`, { cookie: session });
    expect(response.status).toBe(303);
    const location = new URL(response.headers.get('location')!, 'http://localhost');
    expect(location.pathname).toBe('/sign-in');
    expect(location.searchParams.get('ended')).toBe('timed-out');
    expect(location.searchParams.get('return')).toBe(`/chart/${patient.patientId}/results`);

    const audit = await env.DB.prepare(
      "select reason from audit_events where action = 'session.timed-out' and actor_person_id = ?",
    )
      .bind(patient.personId)
      .first<{ reason: string }>();
    expect(audit?.reason).toBe('idle-timeout');
  });

  it('keeps a session active within the idle timeout', async () => {
    const patient = await createPatient('active');
    const session = await signIn(patient.email);
    await ageSession(patient.personId, 'last_seen_at', 14 * 60_000);

    const response = await request(`/chart/${patient.patientId}`, { cookie: session });
    expect(response.status).toBe(200);
  });

  it('ends a session older than 12 hours even when active', async () => {
    const patient = await createPatient('absolute');
    const session = await signIn(patient.email);
    await ageSession(patient.personId, 'created_at', 12 * 3_600_000 + 60_000);

    const response = await request(`/chart/${patient.patientId}`, { cookie: session });
    expect(response.status).toBe(303);
    const audit = await env.DB.prepare(
      "select reason from audit_events where action = 'session.timed-out' and actor_person_id = ?",
    )
      .bind(patient.personId)
      .first<{ reason: string }>();
    expect(audit?.reason).toBe('absolute-timeout');
  });

  it('sends htmx requests after expiry to sign-in with HX-Redirect', async () => {
    const patient = await createPatient('htmx');
    const session = await signIn(patient.email);
    await ageSession(patient.personId, 'last_seen_at', 20 * 60_000);

    const response = await request(`/chart/${patient.patientId}/messages`, {
      cookie: session,
      headers: {
        'hx-request': 'true',
        'hx-current-url': `http://localhost/chart/${patient.patientId}/messages`,
      },
    });
    expect(response.status).toBe(200);
    const target = new URL(response.headers.get('hx-redirect')!, 'http://localhost');
    expect(target.pathname).toBe('/sign-in');
    expect(target.searchParams.get('return')).toBe(`/chart/${patient.patientId}/messages`);
  });

  it('issues a new session token on every sign-in', async () => {
    const patient = await createPatient('rotate');
    const first = await signIn(patient.email);
    const second = await signIn(patient.email);
    expect(first.match(/__Host-session=([^;]+)/)![1]).not.toBe(
      second.match(/__Host-session=([^;]+)/)![1],
    );
  });
});
