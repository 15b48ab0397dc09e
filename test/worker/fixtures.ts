// Small, plainly made-up charts for worker tests. The seed generator has its own tests.
import { env } from 'cloudflare:workers';
import { exports } from 'cloudflare:workers';
import { drizzle } from 'drizzle-orm/d1';
import * as schema from '../../schema/index.ts';

export const ORIGIN = 'http://localhost';
export const db = () => drizzle(env.DB, { schema });

export interface TestPatient {
  patientId: string;
  personId: string;
  email: string;
  resultId: string;
  threadId: string;
}

let counter = 0;

/**
 * Inserts a patient with an account, one result, one medication and one message thread. The
 * patient is an adult born 1980-01-01 unless options.birthDate sets another date.
 */
export async function createPatient(
  label: string,
  options: { birthDate?: string } = {},
): Promise<TestPatient> {
  counter += 1;
  const suffix = `${label}-${counter}`;
  const patientId = `patient-${suffix}`;
  const personId = `person-${suffix}`;
  const email = `${suffix}@example.org`;
  const resultId = `result-${suffix}`;
  const threadId = `thread-${suffix}`;
  const d = db();

  await d.batch([
    d.insert(schema.patients).values({
      id: patientId,
      mrn: `SYN-TEST-${suffix}`,
      givenName: 'Test',
      familyName: `Patient ${label}`,
      birthDate: options.birthDate ?? '1980-01-01',
      sexAtBirth: 'female',
      addressLine: '1 Test Street',
      city: 'Testville',
      state: 'TS',
      postalCode: '00000',
      synthetic: true,
      createdAt: '2026-01-01T00:00:00.000Z',
    }),
    d.insert(schema.people).values({
      id: personId,
      email,
      displayName: `Test Patient ${label}`,
      createdAt: '2026-01-01T00:00:00.000Z',
    }),
    d.insert(schema.personPatients).values({
      personId,
      patientId,
      linkedAt: '2026-01-01T00:00:00.000Z',
    }),
    d.insert(schema.results).values({
      id: resultId,
      patientId,
      panel: 'Hemoglobin A1c',
      loincCode: '4548-4',
      name: 'Hemoglobin A1c',
      valueNumeric: 7.9,
      unit: '%',
      referenceLow: 4,
      referenceHigh: 5.6,
      flag: 'high',
      observedAt: '2026-11-20T15:00:00.000Z',
      releasedAt: '2026-11-21T15:00:00.000Z',
      sensitivity: 'normal',
    }),
    d.insert(schema.medications).values({
      id: `medication-${suffix}`,
      patientId,
      rxnormCode: '860975',
      name: 'Metformin 500 MG Oral Tablet',
      instructions: 'Take 1 tablet by mouth twice a day with meals',
      startedOn: '2025-03-01',
      status: 'active',
      sensitivity: 'normal',
    }),
    d.insert(schema.careTeams).values({
      id: `team-${suffix}`,
      name: `Test Team ${label}`,
      department: 'Family Medicine',
    }),
    d.insert(schema.messageThreads).values({
      id: threadId,
      patientId,
      careTeamId: `team-${suffix}`,
      subject: 'Question about my test',
      category: 'result-question',
      createdAt: '2026-11-22T10:00:00.000Z',
      lastMessageAt: '2026-11-22T10:00:00.000Z',
      sensitivity: 'normal',
    }),
    d.insert(schema.messages).values({
      id: `message-${suffix}`,
      threadId,
      patientId,
      authorPersonId: personId,
      body: 'Is my <b>A1c</b> result something to worry about?',
      sentAt: '2026-11-22T10:00:00.000Z',
    }),
  ]);
  return { patientId, personId, email, resultId, threadId };
}

/** Sends a request to the worker as a browser on this site would. */
export function request(path: string, init: RequestInit & { cookie?: string } = {}) {
  const headers = new Headers(init.headers);
  if (init.cookie) headers.set('cookie', init.cookie);
  if (init.method && init.method !== 'GET' && !headers.has('origin')) headers.set('origin', ORIGIN);
  // An empty origin stands for a request that sends no Origin header at all.
  if (headers.get('origin') === '') headers.delete('origin');
  return exports.default.fetch(
    new Request(`${ORIGIN}${path}`, { ...init, headers, redirect: 'manual' }),
  );
}

/** Posts a form the way a browser does. */
export function postForm(path: string, fields: Record<string, string>, cookie?: string) {
  return request(path, {
    method: 'POST',
    body: new URLSearchParams(fields),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    cookie,
  });
}

/** Collects the name=value pairs of Set-Cookie headers into a Cookie header value. */
export function cookiesFrom(response: Response, previous = ''): string {
  const jar = new Map(
    previous
      .split('; ')
      .filter(Boolean)
      .map((pair) => [pair.split('=')[0]!, pair] as const),
  );
  for (const header of response.headers.getSetCookie()) {
    const pair = header.split(';')[0]!;
    const name = pair.split('=')[0]!;
    if (/max-age=0/i.test(header) || pair.endsWith('=')) jar.delete(name);
    else jar.set(name, pair);
  }
  return [...jar.values()].join('; ');
}

/** Reads the newest code sent to an address from the development outbox table. */
export async function latestCode(email: string): Promise<string> {
  const row = await env.DB.prepare(
    'select body from outbox where recipient = ? order by created_at desc, rowid desc limit 1',
  )
    .bind(email)
    .first<{ body: string }>();
  const code = row?.body.match(/\b(\d{6})\b/)?.[1];
  if (!code) throw new Error(`no code in the outbox for ${email}`);
  return code;
}

/** Signs in through the real code flow and returns the session cookie header. */
export async function signIn(email: string): Promise<string> {
  const started = await postForm('/sign-in', { email });
  const cookie = cookiesFrom(started);
  const finished = await postForm('/sign-in/code', { code: await latestCode(email) }, cookie);
  if (finished.status !== 303) throw new Error(`sign-in failed with ${finished.status}`);
  return cookiesFrom(finished, cookie);
}
