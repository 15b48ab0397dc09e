import { Hono, type Context } from 'hono';
import { getCookie } from 'hono/cookie';
import type { BatchItem } from 'drizzle-orm/batch';
import {
  EnrollCodePage,
  EnrolledPage,
  EnrollPage,
  type EnrollCodeModel,
} from '../../views/pages/enroll.tsx';
import type { FormError } from '../../views/models.ts';
import type { AppEnv } from '../app.ts';
import { appendAuditEvent } from '../audit/append.ts';
import { pageChrome, renderPage } from '../http/render.ts';
import { clientKey, tooManyTriesMessage } from '../http/rate-limit.ts';
import { queueNotification } from '../notify/outbox.ts';
import { sixDigitCodeSchema } from './code-schema.ts';
import { keyedHash, randomToken } from './crypto.ts';
import { completeEnrollment, type EnrollmentResult } from './enrollment-complete.ts';
import { boundCodeRow, checkBoundCode, type BoundCodeCheck } from './enrollment-codes.ts';
import { parseEnrollmentForm } from './enrollment-form.ts';
import { matchEnrollment, type EnrollmentMatch } from './enrollment-match.ts';
import { requireSignIn } from './require-sign-in.ts';
import { deleteCurrentSession, startSession } from './sessions.ts';
import { limitAndAudit } from './sign-in-limits.ts';
import { deleteStepCookie, setStepCookie } from './step-cookie.ts';

// Holds "<one-time code id>.<activation code id>" between the two steps. Both are useless
// without the code, and the code's hash binds the two ids together.
const ENROLLMENT_COOKIE = 'enrollment';

const codeSchema = sixDigitCodeSchema('Enter the 6-digit code we sent you');

/** Enrollment of a patient on the record on file: /enroll, /enroll/verify and /enroll/done. */
export const enrollment = new Hono<AppEnv>();

enrollment.get('/enroll', (c) => {
  const model = {
    activationCode: '',
    birthDate: { day: '', month: '', year: '' },
    lastName: '',
    errors: [],
  };
  return renderPage(c, <EnrollPage chrome={pageChrome(c, 'Set up your account')} model={model} />);
});

enrollment.post('/enroll', async (c) => {
  const { model, details } = parseEnrollmentForm(await c.req.parseBody());
  const chrome = pageChrome(c, 'Set up your account');
  if (!details) return renderPage(c, <EnrollPage chrome={chrome} model={model} />, 400);

  // Counted per client and per activation code, so guessing dates of birth for one code and
  // trying many codes from one client are both slowed down.
  const pepper = c.var.config.sessionPepper;
  const waitMinutes = await limitAndAudit(c, 'enrollment.rate-limited', [
    ['code-send:client', await clientKey(c)],
    [
      'code-send:account',
      await keyedHash(pepper, 'rate-limit-activation-code', details.activationCode),
    ],
  ]);
  if (waitMinutes !== null) {
    c.header('Retry-After', String(waitMinutes * 60));
    const errors = [{ field: 'activation-code', message: tooManyTriesMessage(waitMinutes) }];
    return renderPage(c, <EnrollPage chrome={chrome} model={{ ...model, errors }} />, 429);
  }

  const match = await matchEnrollment(c, details);
  let reason: string = match.matched ? 'matched' : match.reason;
  if (match.matched && match.alreadyEnrolled) reason = 'already-enrolled';
  await appendAuditEvent(c, {
    actorRole: 'anonymous',
    action: 'enrollment.start',
    resourceType: 'activation-code',
    resourceId: match.activationCodeId,
    patientId: match.patientId,
    outcome: match.matched ? 'success' : 'failure',
    reason,
  });

  // Every valid form gets a code row and the same redirect. Without a usable match the code is
  // bound to a random subject and sent nowhere, so it can never complete an enrollment.
  const subjectId =
    match.matched && !match.alreadyEnrolled ? match.activationCodeId : randomToken();
  const code = await boundCodeRow(c, 'enrollment', subjectId);
  await sendEnrollmentMessages(c, match, code.id, code.code, code.insert);

  setStepCookie(c, ENROLLMENT_COOKIE, `${code.id}.${subjectId}`);
  return c.redirect('/enroll/verify', 303);
});

enrollment.get('/enroll/verify', (c) => {
  const pending = getCookie(c, ENROLLMENT_COOKIE, 'host');
  const model: EnrollCodeModel = pending
    ? { errors: [], mustRestart: false }
    : { errors: [RESTART_ERRORS.missing], mustRestart: true };
  return renderPage(c, <EnrollCodePage chrome={pageChrome(c, 'Enter your code')} model={model} />);
});

enrollment.post('/enroll/verify', async (c) => {
  const form = await c.req.parseBody();
  const chrome = pageChrome(c, 'Enter your code');
  const [codeId, subjectId] = (getCookie(c, ENROLLMENT_COOKIE, 'host') ?? '').split('.');

  const parsed = codeSchema.safeParse(typeof form.code === 'string' ? form.code : '');
  if (!parsed.success) {
    const errors = [{ field: 'code', message: parsed.error.issues[0]!.message }];
    const model = { errors, mustRestart: !codeId };
    return renderPage(c, <EnrollCodePage chrome={chrome} model={model} />, 400);
  }

  const waitMinutes = await limitAndAudit(c, 'enrollment.rate-limited', [
    ['code-check:client', await clientKey(c)],
  ]);
  if (waitMinutes !== null) {
    c.header('Retry-After', String(waitMinutes * 60));
    const errors = [{ field: 'code', message: tooManyTriesMessage(waitMinutes) }];
    return renderPage(
      c,
      <EnrollCodePage chrome={chrome} model={{ errors, mustRestart: false }} />,
      429,
    );
  }

  const check: BoundCodeCheck =
    codeId && subjectId
      ? await checkBoundCode(c, 'enrollment', codeId, subjectId, parsed.data)
      : { ok: false, why: 'missing' };
  if (!check.ok) {
    await auditFailure(c, codeId ?? null, check.why);
    const mustRestart = check.why !== 'wrong-code';
    if (mustRestart) deleteStepCookie(c, ENROLLMENT_COOKIE);
    const model = { errors: [RESTART_ERRORS[check.why]], mustRestart };
    return renderPage(c, <EnrollCodePage chrome={chrome} model={model} />, 400);
  }

  const result = await completeEnrollment(c, subjectId!);
  deleteStepCookie(c, ENROLLMENT_COOKIE);
  if (!result.ok) {
    await auditFailure(c, codeId!, result.reason);
    const model = { errors: [COMPLETION_ERRORS[result.reason]], mustRestart: true };
    return renderPage(c, <EnrollCodePage chrome={chrome} model={model} />, 400);
  }

  // A new session token, so a token planted before enrollment is worthless.
  await deleteCurrentSession(c);
  await startSession(c, result.personId, 'AAL1');
  return c.redirect('/enroll/done', 303);
});

enrollment.get('/enroll/done', requireSignIn(), (c) => {
  const person = c.var.person!;
  const chartPath = person.ownPatientId ? `/chart/${person.ownPatientId}` : '/';
  return renderPage(
    c,
    <EnrolledPage chrome={pageChrome(c, 'Your account is ready')} chartPath={chartPath} />,
  );
});

/**
 * Writes the code's row and sends the messages in one batch. Only contacts already on file
 * get anything; nothing typed in the form is ever a recipient. An enrolled patient gets a
 * reminder to sign in and no code.
 */
async function sendEnrollmentMessages(
  c: Context<AppEnv>,
  match: EnrollmentMatch,
  codeId: string,
  code: string,
  insertCode: BatchItem<'sqlite'>,
) {
  if (!match.matched) {
    await c.var.db.batch([insertCode]);
    return;
  }

  const origin = new URL(c.req.url).origin;
  const message = match.alreadyEnrolled
    ? {
        subject: 'You already have a patient portal account',
        body: `Someone tried to set up a patient portal account with your details. You already have an account, so sign in instead: ${origin}/sign-in. If this was not you, call your clinic.`,
      }
    : {
        subject: 'Your code to set up your patient portal account',
        body: `Your code to set up your patient portal account is ${code}. It expires in 10 minutes. If you did not ask for it, call your clinic.`,
      };
  const recipients: { channel: 'email' | 'sms'; recipient: string }[] = [
    { channel: 'email', recipient: match.email.toLowerCase() },
  ];
  if (match.phone) recipients.push({ channel: 'sms', recipient: match.phone });

  await appendAuditEvent(c, {
    actorRole: 'anonymous',
    action: 'enrollment.code-sent',
    resourceType: 'one-time-code',
    resourceId: codeId,
    patientId: match.patientId,
    outcome: 'success',
    reason: match.alreadyEnrolled ? 'already-enrolled-notice' : 'code-sent',
  });
  const sends = recipients.map((to) => queueNotification(c, { ...to, ...message }));
  await c.var.db.batch([insertCode, ...sends]);
}

function auditFailure(c: Context<AppEnv>, codeId: string | null, reason: string) {
  return appendAuditEvent(c, {
    actorRole: 'anonymous',
    action: 'enrollment.failed',
    resourceType: 'one-time-code',
    resourceId: codeId,
    outcome: 'failure',
    reason,
  });
}

const RESTART_ERRORS: Record<Exclude<BoundCodeCheck, { ok: true }>['why'], FormError> = {
  'wrong-code': {
    field: 'code',
    message: 'That code is not right. Check the newest message from us and enter its code.',
  },
  expired: { field: 'code', message: 'That code has expired. Codes work for 10 minutes.' },
  used: { field: 'code', message: 'That code has already been used.' },
  'too-many-attempts': { field: 'code', message: 'The code was entered wrongly too many times.' },
  missing: { field: 'code', message: 'Your setup has expired. Enter your details again.' },
};

const COMPLETION_ERRORS: Record<Exclude<EnrollmentResult, { ok: true }>['reason'], FormError> = {
  'code-no-longer-valid': {
    field: 'code',
    message: 'Your activation code no longer works. Call your clinic and ask for a new one.',
  },
  'already-enrolled': {
    field: 'code',
    message: 'You already have an account. Sign in with your email address instead.',
  },
  'email-in-use': {
    field: 'code',
    message:
      'The email address on file for you is already used by another account. Call your clinic to update it.',
  },
};
