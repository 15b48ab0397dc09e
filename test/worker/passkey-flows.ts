// Passkey and account helpers shared by the worker tests that register passkeys.
import { env } from 'cloudflare:workers';
import { expect } from 'vitest';
import * as schema from '../../schema/index.ts';
import { cookiesFrom, createPatient, db, request, signIn } from './fixtures.ts';
import type { SoftwareAuthenticator } from './software-authenticator.ts';

export function postJson(path: string, body: unknown, cookie?: string) {
  return request(path, {
    method: 'POST',
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json' },
    cookie,
  });
}

/**
 * Registers a passkey through the real routes and returns the new (AAL2) session cookie, the
 * redirect the script would follow, and the response that set the cookies.
 */
export async function registerPasskey(
  cookie: string,
  authenticator: SoftwareAuthenticator,
  extra = {},
) {
  const optionsResponse = await postJson('/passkeys/registration/options', {}, cookie);
  expect(optionsResponse.status).toBe(200);
  const response = await authenticator.register((await optionsResponse.json()) as never);
  const verified = await postJson(
    '/passkeys/registration/verification',
    { response, name: 'Test phone', ...extra },
    cookie,
  );
  expect(verified.status).toBe(200);
  return {
    cookie: cookiesFrom(verified, cookie),
    redirect: ((await verified.json()) as { redirect: string }).redirect,
  };
}

const RECOVERY_CODE = /[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}/;

/** Registers the first passkey and reads the recovery code from the page that shows it once. */
export async function registerFirstPasskey(email: string, authenticator: SoftwareAuthenticator) {
  const registered = await registerPasskey(await signIn(email), authenticator);
  const page = await request(registered.redirect, { cookie: registered.cookie });
  const recoveryCode = (await page.text()).match(RECOVERY_CODE)?.[0];
  if (!recoveryCode) throw new Error('no recovery code on the page after the first passkey');
  return { cookie: cookiesFrom(page, registered.cookie), recoveryCode };
}

export async function latestAuditEvent(action: string) {
  return env.DB.prepare(
    'select actor_person_id, reason, outcome, patient_id from audit_events where action = ? order by seq desc limit 1',
  )
    .bind(action)
    .first<{
      actor_person_id: string | null;
      reason: string;
      outcome: string;
      patient_id: string | null;
    }>();
}

export async function countAuditEvents(action: string, personId: string) {
  const row = await env.DB.prepare(
    'select count(*) as n from audit_events where action = ? and actor_person_id = ?',
  )
    .bind(action, personId)
    .first<{ n: number }>();
  return row?.n ?? 0;
}

/** Inserts a parent and a child patient linked by an active parent-of-minor relationship. */
export async function createParentAndChild(label: string) {
  const parent = await createPatient(`${label}-parent`);
  const child = await createPatient(`${label}-child`, { birthDate: '2018-05-01' });
  await db()
    .insert(schema.relationships)
    .values({
      id: `relationship-${label}`,
      proxyPersonId: parent.personId,
      patientId: child.patientId,
      kind: 'parent-of-minor',
      scopes: 'record,messaging',
      validFrom: '2015-01-01',
      validTo: '2099-01-01',
      status: 'active',
      legalBasis: 'Made-up test document',
      createdAt: '2026-01-01T00:00:00.000Z',
    });
  return { parent, child };
}
