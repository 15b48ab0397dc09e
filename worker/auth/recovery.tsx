import { eq } from 'drizzle-orm';
import { Hono, type Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { z } from 'zod';
import { oneTimeCodes } from '../../schema/index.ts';
import { RecoverPage, type RecoverModel } from '../../views/pages/recover.tsx';
import type { AppEnv } from '../app.ts';
import { appendAuditEvent } from '../audit/append.ts';
import { pageChrome, renderPage } from '../http/render.ts';
import { tooManyTriesMessage } from '../http/rate-limit.ts';
import { sixDigitCodeSchema } from './code-schema.ts';
import { CODE_LIFETIME_MS, checkSignInCode } from './codes.ts';
import { digestsEqual, keyedHash } from './crypto.ts';
import { useRecoveryCode } from './recovery-codes.ts';
import { isRecoveryCodeRow, issueRecoveryCode, useResetLink } from './recovery-contacts.ts';
import { completeRecovery } from './recovery-session.ts';
import { emailSchema } from './sign-in.tsx';
import { limitCodeCheck, limitCodeSend } from './sign-in-limits.ts';
import { deleteStepCookie, setStepCookie } from './step-cookie.ts';

/**
 * Lost-passkey recovery without staff: the email address on file, the one-time code sent to it,
 * then the recovery code shown when the first passkey was added. Both codes are needed, so
 * neither a read mailbox nor a found slip of paper recovers an account alone. A staff-verified
 * reset ends at /recover/reset instead (the link comes from worker/staff/recovery.tsx).
 */
export const recovery = new Hono<AppEnv>();

// Carries the pending code row's id between the steps. Once the emailed code was right, it also
// carries an HMAC binding that row to its person, so the recovery code step needs that code first.
const RECOVER_COOKIE = 'recover';

const codeSchema = sixDigitCodeSchema('Enter the 6-digit code from the email');
const recoveryCodeSchema = z
  .string()
  .transform((value) => value.replace(/[\s-]/g, '').toUpperCase())
  .pipe(
    z
      .string()
      .min(1, 'Enter your recovery code')
      .regex(
        /^[0-9A-Z]{16}$/,
        'The recovery code has 16 letters and numbers, like 7KQM-X3PD-9WEH-RT2C',
      ),
  );

recovery.get('/recover', (c) => render(c, { step: 'email', email: '', errors: [], notice: null }));

recovery.post('/recover', async (c) => {
  const form = await c.req.parseBody();
  const typed = typeof form.email === 'string' ? form.email : '';

  const parsed = emailSchema.safeParse(typed);
  if (!parsed.success) {
    const errors = [{ field: 'email', message: parsed.error.issues[0]!.message }];
    return render(c, { step: 'email', email: typed, errors, notice: null }, 400);
  }
  // The same limits as sign-in codes, counted in the same buckets, so switching between the two
  // forms gives no extra tries.
  const waitMinutes = await limitCodeSend(c, parsed.data);
  if (waitMinutes !== null) {
    c.header('Retry-After', String(waitMinutes * 60));
    const errors = [{ field: 'email', message: tooManyTriesMessage(waitMinutes) }];
    return render(c, { step: 'email', email: typed, errors, notice: null }, 429);
  }

  const codeId = await issueRecoveryCode(c, parsed.data);
  setRecoverCookie(c, codeId);
  return c.redirect('/recover/code', 303);
});

recovery.get('/recover/code', (c) => {
  if (!getCookie(c, RECOVER_COOKIE, 'host')) return restart(c, 'missing');
  return render(c, { step: 'emailed-code', email: '', errors: [], notice: CODE_SENT_NOTICE });
});

recovery.post('/recover/code', async (c) => {
  const form = await c.req.parseBody();
  const codeId = getCookie(c, RECOVER_COOKIE, 'host');
  if (!codeId || codeId.includes('.')) return restart(c, 'missing');

  const parsed = codeSchema.safeParse(typeof form.code === 'string' ? form.code : '');
  if (!parsed.success) {
    const errors = [{ field: 'code', message: parsed.error.issues[0]!.message }];
    return render(c, { step: 'emailed-code', email: '', errors, notice: CODE_SENT_NOTICE }, 400);
  }
  const waitMinutes = await limitCodeCheck(c);
  if (waitMinutes !== null) {
    c.header('Retry-After', String(waitMinutes * 60));
    const errors = [{ field: 'code', message: tooManyTriesMessage(waitMinutes) }];
    return render(c, { step: 'emailed-code', email: '', errors, notice: CODE_SENT_NOTICE }, 429);
  }

  // Only a row made for recovery counts here, so a sign-in code cannot start a recovery.
  const check = (await isRecoveryCodeRow(c.var.db, codeId))
    ? await checkSignInCode(c, codeId, parsed.data)
    : ({ ok: false, reason: 'restart', why: 'missing' } as const);
  if (!check.ok) {
    await auditFailure(c, null, check.reason === 'restart' ? check.why : check.reason);
    if (check.reason === 'restart') return restart(c, check.why);
    const tries = check.attemptsLeft === 1 ? '1 more try' : `${check.attemptsLeft} more tries`;
    const errors = [
      {
        field: 'code',
        message: `That code is not right. Check the newest email from us. You have ${tries}.`,
      },
    ];
    return render(c, { step: 'emailed-code', email: '', errors, notice: CODE_SENT_NOTICE }, 400);
  }

  setRecoverCookie(c, `${codeId}.${await verifiedMark(c, codeId, check.personId)}`);
  return c.redirect('/recover/recovery-code', 303);
});

recovery.get('/recover/recovery-code', async (c) => {
  if (!(await verifiedPerson(c))) return restart(c, 'missing');
  return render(c, { step: 'recovery-code', email: '', errors: [], notice: null });
});

recovery.post('/recover/recovery-code', async (c) => {
  const form = await c.req.parseBody();
  const personId = await verifiedPerson(c);
  if (!personId) return restart(c, 'missing');

  const typed = typeof form['recovery-code'] === 'string' ? form['recovery-code'] : '';
  const parsed = recoveryCodeSchema.safeParse(typed);
  if (!parsed.success) {
    const errors = [{ field: 'recovery-code', message: parsed.error.issues[0]!.message }];
    return render(c, { step: 'recovery-code', email: '', errors, notice: null }, 400);
  }
  const waitMinutes = await limitCodeCheck(c);
  if (waitMinutes !== null) {
    c.header('Retry-After', String(waitMinutes * 60));
    const errors = [{ field: 'recovery-code', message: tooManyTriesMessage(waitMinutes) }];
    return render(c, { step: 'recovery-code', email: '', errors, notice: null }, 429);
  }

  const result = await useRecoveryCode(c, personId, parsed.data);
  if (result !== 'right') {
    await auditFailure(c, personId, `recovery-code-${result}`);
    if (result === 'wrong') {
      const errors = [{ field: 'recovery-code', message: WRONG_RECOVERY_CODE }];
      return render(c, { step: 'recovery-code', email: '', errors, notice: null }, 400);
    }
    deleteStepCookie(c, RECOVER_COOKIE);
    return restart(c, result === 'locked' ? 'locked' : 'no-recovery-code');
  }

  deleteStepCookie(c, RECOVER_COOKIE);
  await completeRecovery(c, personId, 'recovery-code');
  return c.redirect('/passkeys?notice=recovered', 303);
});

// A link from a staff-verified reset opens a page with a button, so a mail scanner that follows
// links cannot use it up: only the POST consumes the link.
recovery.get('/recover/reset', (c) => {
  const link = c.req.query('link') ?? '';
  return render(c, { step: 'reset-link', email: '', errors: [], notice: null, link });
});

recovery.post('/recover/reset', async (c) => {
  const form = await c.req.parseBody();
  const link = typeof form.link === 'string' ? form.link : '';

  const result = await useResetLink(c, link);
  if (!result.ok) {
    await auditFailure(c, null, `reset-link-${result.reason}`);
    return restart(c, 'link');
  }
  await completeRecovery(c, result.personId, 'staff-reset');
  return c.redirect('/passkeys?notice=recovered', 303);
});

const CODE_SENT_NOTICE =
  'If the address you entered is on file, we have sent a 6-digit code to it. The code works for 10 minutes.';
const WRONG_RECOVERY_CODE =
  'That recovery code is not right. Check the code you wrote down when you added your first passkey.';

const RESTART_MESSAGES: Record<string, string> = {
  expired: 'That code has expired. Codes work for 10 minutes. Start again to get a new code.',
  used: 'That code has already been used. Start again to get a new code.',
  'too-many-attempts':
    'The code was entered wrongly too many times. Start again to get a new code.',
  missing: 'Your recovery has expired. Start again to get a new code.',
  locked:
    'Your recovery code was entered wrongly too many times and no longer works. Call your clinic: staff can check who you are and send you a recovery link.',
  'no-recovery-code':
    'Your account has no recovery code. If you have no passkey, sign in with a code instead. Otherwise call your clinic: staff can send you a recovery link.',
  link: 'This recovery link cannot be used. It may have expired or been used already. Call your clinic to get a new one.',
};

function render(c: Context<AppEnv>, model: RecoverModel, status: 200 | 400 | 429 = 200) {
  return renderPage(
    c,
    <RecoverPage chrome={pageChrome(c, 'Recover your account')} model={model} />,
    status,
  );
}

function restart(c: Context<AppEnv>, why: string) {
  deleteStepCookie(c, RECOVER_COOKIE);
  const errors = [
    { field: 'restart', message: RESTART_MESSAGES[why] ?? RESTART_MESSAGES.missing! },
  ];
  return render(c, { step: 'restart', email: '', errors, notice: null }, 400);
}

function setRecoverCookie(c: Context<AppEnv>, value: string) {
  setStepCookie(c, RECOVER_COOKIE, value);
}

function verifiedMark(c: Context<AppEnv>, codeId: string, personId: string) {
  return keyedHash(c.var.config.sessionPepper, 'recovery-verified', codeId, personId);
}

/**
 * Returns the person whose emailed code was right in this recovery, or null. The code row must
 * have been used within the code lifetime, and the cookie's HMAC must bind it to that person.
 */
async function verifiedPerson(c: Context<AppEnv>): Promise<string | null> {
  const [codeId, mark] = (getCookie(c, RECOVER_COOKIE, 'host') ?? '').split('.');
  if (!codeId || !mark) return null;
  const [row] = await c.var.db
    .select({
      personId: oneTimeCodes.personId,
      purpose: oneTimeCodes.purpose,
      usedAt: oneTimeCodes.usedAt,
    })
    .from(oneTimeCodes)
    .where(eq(oneTimeCodes.id, codeId));
  if (!row?.personId || row.purpose !== 'recovery' || !row.usedAt) return null;
  if (Date.now() - Date.parse(row.usedAt) > CODE_LIFETIME_MS) return null;
  if (!digestsEqual(mark, await verifiedMark(c, codeId, row.personId))) return null;
  return row.personId;
}

function auditFailure(c: Context<AppEnv>, personId: string | null, reason: string) {
  return appendAuditEvent(c, {
    actorPersonId: personId,
    actorRole: 'anonymous',
    action: 'recovery.failed',
    resourceType: 'one-time-code',
    outcome: 'failure',
    reason,
  });
}
