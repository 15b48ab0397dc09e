import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { cookiesFrom, postForm, request } from './fixtures.ts';
import {
  countAudit,
  createUnenrolledPatient,
  insertActivationCode,
  newestCodeFor,
  outboxRows,
  startEnrollment,
} from './enrollment-fixtures.ts';
import { createStaff, signInAtAal2 } from './staff-fixtures.ts';

const SAME_ANSWER = 'If the details match our records, we sent a code';

async function peopleWithEmail(email: string) {
  const row = await env.DB.prepare('select count(*) as n from people where email = ?')
    .bind(email)
    .first<{ n: number }>();
  return row?.n ?? 0;
}

async function enrollFully(patient: Awaited<ReturnType<typeof createUnenrolledPatient>>) {
  const code = await insertActivationCode(patient.patientId);
  const started = await startEnrollment({
    code,
    birthDate: patient.birthDate,
    lastName: patient.familyName,
  });
  const oneTimeCode = await newestCodeFor(patient.email);
  const verified = await postForm('/enroll/verify', { code: oneTimeCode! }, started.cookie);
  return { activationCode: code, started, oneTimeCode: oneTimeCode!, verified };
}

describe('enrollment form', () => {
  it('sends a code only to the contacts on file', async () => {
    const patient = await createUnenrolledPatient('match');
    const code = await insertActivationCode(patient.patientId);

    const { response, cookie } = await startEnrollment({
      code: code.toLowerCase().replace(/-/g, ' '),
      birthDate: patient.birthDate,
      lastName: patient.familyName,
    });

    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/enroll/verify');
    const sent = (await outboxRows()).filter((row) =>
      [patient.email, patient.phone].includes(row.recipient),
    );
    expect(sent.map((row) => row.channel).sort()).toEqual(['email', 'sms']);
    expect(sent[0]!.body).toMatch(/\b\d{6}\b/);
    const page = await request('/enroll/verify', { cookie });
    expect(await page.text()).toContain(SAME_ANSWER);
    expect(await countAudit('enrollment.code-sent', 'code-sent')).toBeGreaterThan(0);
  });

  it('compares last names without case, accents, hyphens or apostrophes', async () => {
    const patient = await createUnenrolledPatient('accents', { familyName: "Nuñez-O'Brien" });
    const code = await insertActivationCode(patient.patientId);

    const { response } = await startEnrollment({
      code,
      birthDate: patient.birthDate,
      lastName: 'NUNEZ OBRIEN',
    });

    expect(response.status).toBe(303);
    expect(await newestCodeFor(patient.email)).toMatch(/^\d{6}$/);
  });

  it('responds alike and silently to mismatches', async () => {
    const patient = await createUnenrolledPatient('mismatch');
    const valid = await insertActivationCode(patient.patientId);
    const expired = await insertActivationCode(patient.patientId, {
      expiresAt: new Date(Date.now() - 60_000).toISOString(),
    });
    const used = await insertActivationCode(patient.patientId, {
      usedAt: new Date().toISOString(),
    });
    const revoked = await insertActivationCode(patient.patientId, {
      revokedAt: new Date().toISOString(),
    });
    const right = { birthDate: patient.birthDate, lastName: patient.familyName };
    const cases = [
      { reason: 'birth-date-mismatch', fields: { ...right, code: valid, birthDate: '1985-03-28' } },
      { reason: 'name-mismatch', fields: { ...right, code: valid, lastName: 'Someoneelse' } },
      { reason: 'code-unknown', fields: { ...right, code: 'AAAA-BBBB-CCCC' } },
      { reason: 'code-expired', fields: { ...right, code: expired } },
      { reason: 'code-used', fields: { ...right, code: used } },
      { reason: 'code-revoked', fields: { ...right, code: revoked } },
    ];

    for (const { reason, fields } of cases) {
      const before = (await outboxRows()).length;
      const auditedBefore = await countAudit('enrollment.start', reason);

      const { response, cookie } = await startEnrollment(fields);

      expect(response.status, reason).toBe(303);
      expect(response.headers.get('location'), reason).toBe('/enroll/verify');
      expect((await outboxRows()).length, reason).toBe(before);
      expect(await countAudit('enrollment.start', reason), reason).toBe(auditedBefore + 1);
      const page = await request('/enroll/verify', { cookie });
      expect(await page.text(), reason).toContain(SAME_ANSWER);
      // A guessed code gets the ordinary "not right" message, never a hint about the record.
      const guess = await postForm('/enroll/verify', { code: '123456' }, cookie);
      expect(guess.status, reason).toBe(400);
      expect(await guess.text(), reason).toContain('That code is not right');
    }
  });

  it('shows each format error beside its field and keeps what was typed', async () => {
    const response = await postForm('/enroll', {
      'activation-code': 'not a code',
      'dob-day': '31',
      'dob-month': '4',
      'dob-year': '1990',
      'last-name': '',
    });

    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('There is a problem');
    expect(html).toContain('href="#activation-code"');
    expect(html).toContain('href="#dob-day"');
    expect(html).toContain('Date of birth must be a real date');
    expect(html).toContain('Enter your last name');
    expect(html).toContain('value="not a code"');
  });

  it('reminds an enrolled patient to sign in without a code', async () => {
    const patient = await createUnenrolledPatient('enrolled');
    await enrollFully(patient);
    const second = await insertActivationCode(patient.patientId);
    const before = (await outboxRows()).length;

    const { response } = await startEnrollment({
      code: second,
      birthDate: patient.birthDate,
      lastName: patient.familyName,
    });

    expect(response.status).toBe(303);
    const sent = (await outboxRows()).slice(before);
    const email = sent.find((row) => row.recipient === patient.email);
    expect(email?.body).toContain('You already have an account');
    expect(email?.body).not.toMatch(/\b\d{6}\b/);
  });
});

describe('enrollment verification', () => {
  it('creates exactly one account on the email on file', async () => {
    const patient = await createUnenrolledPatient('complete');

    const { verified, activationCode } = await enrollFully(patient);

    expect(verified.status).toBe(303);
    expect(verified.headers.get('location')).toBe('/enroll/done');
    expect(await peopleWithEmail(patient.email)).toBe(1);
    const link = await env.DB.prepare(
      'select count(*) as n from person_patients where patient_id = ?',
    )
      .bind(patient.patientId)
      .first<{ n: number }>();
    expect(link?.n).toBe(1);
    const session = cookiesFrom(verified);
    const done = await request('/enroll/done', { cookie: session });
    expect(await done.text()).toContain('Add a passkey');
    const chart = await request(`/chart/${patient.patientId}`, { cookie: session });
    expect(chart.status).toBe(200);
    expect(await countAudit('enrollment.complete')).toBeGreaterThan(0);

    // The activation code now works no more.
    const before = (await outboxRows()).length;
    await startEnrollment({
      code: activationCode,
      birthDate: patient.birthDate,
      lastName: patient.familyName,
    });
    expect((await outboxRows()).length).toBe(before);
  });

  it('rejects a one-time code used twice', async () => {
    const patient = await createUnenrolledPatient('reuse');
    const { started, oneTimeCode } = await enrollFully(patient);

    const again = await postForm('/enroll/verify', { code: oneTimeCode }, started.cookie);

    expect(again.status).toBe(400);
    expect(await again.text()).toContain('already been used');
    expect(await peopleWithEmail(patient.email)).toBe(1);
  });

  it('rejects a wrong code and ends after five tries', async () => {
    const patient = await createUnenrolledPatient('wrong');
    const code = await insertActivationCode(patient.patientId);
    const { cookie } = await startEnrollment({
      code,
      birthDate: patient.birthDate,
      lastName: patient.familyName,
    });
    const right = await newestCodeFor(patient.email);
    const wrong = right === '000000' ? '111111' : '000000';

    const first = await postForm('/enroll/verify', { code: wrong }, cookie);
    expect(first.status).toBe(400);
    expect(await first.text()).toContain('That code is not right');
    for (let attempt = 2; attempt <= 4; attempt += 1) {
      await postForm('/enroll/verify', { code: wrong }, cookie);
    }
    const fifth = await postForm('/enroll/verify', { code: wrong }, cookie);
    expect(await fifth.text()).toContain('entered wrongly too many times');
    const late = await postForm('/enroll/verify', { code: right! }, cookie);
    expect(late.status).toBe(400);
    expect(await peopleWithEmail(patient.email)).toBe(0);
  });

  it('does not enroll a record without an email on file', async () => {
    const patient = await createUnenrolledPatient('no-email', { email: null });
    const code = await insertActivationCode(patient.patientId);
    const before = (await outboxRows()).length;

    const { response } = await startEnrollment({
      code,
      birthDate: patient.birthDate,
      lastName: patient.familyName,
    });

    expect(response.status).toBe(303);
    expect((await outboxRows()).length).toBe(before);
    expect(await countAudit('enrollment.start', 'no-email-on-file')).toBeGreaterThan(0);
  });
});

describe('staff activation codes', () => {
  it('issues a code that replaces older ones and enrolls', async () => {
    const patient = await createUnenrolledPatient('staff-issued');
    const older = await insertActivationCode(patient.patientId);
    const staff = await createStaff('activation', 'clinician', [patient.patientId]);
    const cookie = await signInAtAal2(staff.email);

    const form = await request(`/staff/patients/${patient.patientId}/activation-code`, { cookie });
    expect(form.status).toBe(200);
    const issued = await postForm(
      `/staff/patients/${patient.patientId}/activation-code`,
      {},
      cookie,
    );

    expect(issued.status).toBe(200);
    const code = (await issued.text()).match(/[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}/)?.[0];
    expect(code).toBeDefined();
    const stored = await env.DB.prepare(
      'select code_hash, revoked_at from activation_codes where patient_id = ? order by created_at',
    )
      .bind(patient.patientId)
      .all<{ code_hash: string; revoked_at: string | null }>();
    expect(stored.results.map((row) => row.revoked_at === null)).toEqual([false, true]);
    expect(JSON.stringify(stored.results)).not.toContain(code!);
    expect(await countAudit('activation-code.issue')).toBeGreaterThan(0);

    const before = (await outboxRows()).length;
    await startEnrollment({
      code: older,
      birthDate: patient.birthDate,
      lastName: patient.familyName,
    });
    expect((await outboxRows()).length).toBe(before);
    await startEnrollment({
      code: code!,
      birthDate: patient.birthDate,
      lastName: patient.familyName,
    });
    expect(await newestCodeFor(patient.email)).toMatch(/^\d{6}$/);
  });

  it('returns 404 outside the care teams', async () => {
    const patient = await createUnenrolledPatient('other-team');
    const staff = await createStaff('other-team', 'clinician', []);
    const cookie = await signInAtAal2(staff.email);

    const issued = await postForm(
      `/staff/patients/${patient.patientId}/activation-code`,
      {},
      cookie,
    );

    expect(issued.status).toBe(404);
    const count = await env.DB.prepare(
      'select count(*) as n from activation_codes where patient_id = ?',
    )
      .bind(patient.patientId)
      .first<{ n: number }>();
    expect(count?.n).toBe(0);
  });
});
