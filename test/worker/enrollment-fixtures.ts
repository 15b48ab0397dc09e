// Made-up records without accounts, activation codes and invitation helpers for the
// enrollment, invitation and sharing tests.
import { env } from 'cloudflare:workers';
import * as schema from '../../schema/index.ts';
import {
  activationCodeHash,
  generateActivationCode,
  normalizeActivationCode,
} from '../../worker/auth/enrollment-codes.ts';
import { cookiesFrom, db, ORIGIN, postForm } from './fixtures.ts';
import { registerPasskey as registerPasskeyWith } from './passkey-flows.ts';
import { SoftwareAuthenticator } from './software-authenticator.ts';

let counter = 0;

export interface UnenrolledPatient {
  patientId: string;
  email: string;
  phone: string;
  familyName: string;
  birthDate: string;
}

/** Inserts a patient record with an email and a phone on file but no account. */
export async function createUnenrolledPatient(
  label: string,
  overrides: { familyName?: string; birthDate?: string; email?: string | null } = {},
): Promise<UnenrolledPatient> {
  counter += 1;
  const suffix = `${label}-${counter}`;
  const patientId = `enrol-patient-${suffix}`;
  const email = overrides.email === undefined ? `enrol-${suffix}@example.org` : overrides.email;
  const phone = `555-01${String(counter % 100).padStart(2, '0')}`;
  const familyName = overrides.familyName ?? `Testperson ${label}`;
  const birthDate = overrides.birthDate ?? '1985-03-27';
  const d = db();

  const contacts = [
    d.insert(schema.patientContacts).values({
      id: `phone-${suffix}`,
      patientId,
      kind: 'phone',
      value: phone,
      isPrimary: true,
    }),
  ];
  if (email) {
    contacts.push(
      d.insert(schema.patientContacts).values({
        id: `email-${suffix}`,
        patientId,
        kind: 'email',
        value: email,
        isPrimary: true,
      }),
    );
  }
  await d.batch([
    d.insert(schema.patients).values({
      id: patientId,
      mrn: `SYN-ENROL-${suffix}`,
      givenName: 'Test',
      familyName,
      birthDate,
      sexAtBirth: 'male',
      addressLine: '1 Test Street',
      city: 'Testville',
      state: 'TS',
      postalCode: '00000',
      synthetic: true,
      createdAt: '2026-01-01T00:00:00.000Z',
    }),
    ...contacts,
  ]);
  return { patientId, email: email ?? '', phone, familyName, birthDate };
}

/** Inserts an activation code for a patient and returns the code as printed. */
export async function insertActivationCode(
  patientId: string,
  state: { expiresAt?: string; usedAt?: string; revokedAt?: string } = {},
): Promise<string> {
  const code = generateActivationCode();
  counter += 1;
  await db()
    .insert(schema.activationCodes)
    .values({
      id: `activation-${counter}-${patientId}`,
      patientId,
      codeHash: await activationCodeHash(env.SESSION_PEPPER, normalizeActivationCode(code)!),
      createdAt: new Date().toISOString(),
      expiresAt: state.expiresAt ?? new Date(Date.now() + 30 * 86_400_000).toISOString(),
      usedAt: state.usedAt ?? null,
      revokedAt: state.revokedAt ?? null,
    });
  return code;
}

/** Submits the enrollment form and returns the response and the cookies it set. */
export async function startEnrollment(fields: {
  code: string;
  birthDate: string;
  lastName: string;
}) {
  const [year, month, day] = fields.birthDate.split('-');
  const response = await postForm('/enroll', {
    'activation-code': fields.code,
    'dob-day': String(Number(day)),
    'dob-month': String(Number(month)),
    'dob-year': year!,
    'last-name': fields.lastName,
  });
  return { response, cookie: cookiesFrom(response) };
}

/** Returns every outbox message, oldest first, with its recipient. */
export async function outboxRows() {
  const { results } = await env.DB.prepare(
    'select recipient, channel, subject, body from outbox order by created_at, rowid',
  ).all<{ recipient: string; channel: string; subject: string; body: string }>();
  return results;
}

/** Reads the newest 6-digit code sent to a recipient. */
export async function newestCodeFor(recipient: string): Promise<string | null> {
  const rows = (await outboxRows()).filter((row) => row.recipient === recipient);
  return rows.at(-1)?.body.match(/\b(\d{6})\b/)?.[1] ?? null;
}

/** Reads the newest invitation link token sent to an address. */
export async function newestInvitationToken(email: string): Promise<string> {
  const rows = (await outboxRows()).filter((row) => row.recipient === email);
  const token = rows
    .map((row) => row.body.match(/\/invitations\/([\w-]+)/)?.[1])
    .filter(Boolean)
    .at(-1);
  if (!token) throw new Error(`no invitation link in the outbox for ${email}`);
  return token;
}

/** Accepts an invitation through its pages and returns the final response and cookie. */
export async function acceptInvitation(token: string, email: string, name = 'Test Proxy') {
  const sent = await postForm(`/invitations/${token}/code`, {});
  const cookie = cookiesFrom(sent);
  const code = await newestCodeFor(email);
  const response = await postForm(`/invitations/${token}/verify`, { name, code: code! }, cookie);
  return { response, cookie: cookiesFrom(response, cookie) };
}

/** Counts audit events with an action and, optionally, a reason. */
export async function countAudit(action: string, reason?: string) {
  const row = reason
    ? await env.DB.prepare('select count(*) as n from audit_events where action = ? and reason = ?')
        .bind(action, reason)
        .first<{ n: number }>()
    : await env.DB.prepare('select count(*) as n from audit_events where action = ?')
        .bind(action)
        .first<{ n: number }>();
  return row?.n ?? 0;
}

/** Registers a passkey for the signed-in person and returns the new (AAL2) session cookie. */
export async function registerPasskey(cookie: string): Promise<string> {
  const registered = await registerPasskeyWith(cookie, new SoftwareAuthenticator(ORIGIN));
  return registered.cookie;
}
