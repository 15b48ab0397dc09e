import { getCookie } from 'hono/cookie';
import { Hono } from 'hono';
import { CodeEntryPage } from '../../views/pages/code-entry.tsx';
import { PASSKEY_SIGN_IN_ID, SignInPage } from '../../views/pages/sign-in.tsx';
import { SignedOutPage } from '../../views/pages/signed-out.tsx';
import type { CodeEntryModel, FormError } from '../../views/models.ts';
import type { AppEnv } from '../app.ts';
import { appendAuditEvent } from '../audit/append.ts';
import { pageChrome, renderPage } from '../http/render.ts';
import { tooManyTriesMessage } from '../http/rate-limit.ts';
import { safeReturnPath } from '../http/return-path.ts';
import { emailAddressSchema, sixDigitCodeSchema } from './code-schema.ts';
import { checkSignInCode, issueSignInCode, type CodeCheck } from './codes.ts';
import { deleteCurrentSession, endSession, startSession } from './sessions.ts';
import { limitCodeCheck, limitCodeSend } from './sign-in-limits.ts';
import { deleteStepCookie, setStepCookie } from './step-cookie.ts';

// Holds the id of the pending code row between the two sign-in steps; useless without the code.
const SIGN_IN_COOKIE = 'sign-in';

export const emailSchema = emailAddressSchema('Enter your email address');
const codeSchema = sixDigitCodeSchema('Enter the 6-digit code from the email');

export const signIn = new Hono<AppEnv>();

signIn.get('/sign-in', (c) => {
  const returnTo = safeReturnPath(c.req.query('return'));
  // The session middleware reports a cookie whose session row is gone when a person opens
  // /sign-in directly. After a redirect, requireSignIn passes the same fact in the query.
  const ended = c.var.sessionEnded ?? c.req.query('ended');
  const notice = ENDED_NOTICES[ended ?? ''] ?? null;
  return renderPage(
    c,
    <SignInPage
      chrome={pageChrome(c, 'Sign in')}
      model={{ email: '', errors: [], returnTo, notice }}
    />,
  );
});

signIn.post('/sign-in', async (c) => {
  const form = await c.req.parseBody();
  const typed = typeof form.email === 'string' ? form.email : '';
  const returnTo = safeReturnPath(typeof form.return === 'string' ? form.return : null);

  const parsed = emailSchema.safeParse(typed);
  if (!parsed.success) {
    const errors = [{ field: 'email', message: parsed.error.issues[0]!.message }];
    const model = { email: typed, errors, returnTo, notice: null };
    return renderPage(c, <SignInPage chrome={pageChrome(c, 'Sign in')} model={model} />, 400);
  }

  const waitMinutes = await limitCodeSend(c, parsed.data);
  if (waitMinutes !== null) {
    c.header('Retry-After', String(waitMinutes * 60));
    // The address is not wrong, so the error points at the passkey option, the way in that
    // needs no code, and the email field is not marked.
    const message = `${tooManyTriesMessage(waitMinutes)} If you added a passkey, you can sign in with it now instead.`;
    const errors = [{ field: PASSKEY_SIGN_IN_ID, message }];
    const model = { email: typed, errors, returnTo, notice: null };
    return renderPage(c, <SignInPage chrome={pageChrome(c, 'Sign in')} model={model} />, 429);
  }

  const codeId = await issueSignInCode(c, parsed.data);
  setStepCookie(c, SIGN_IN_COOKIE, codeId);
  return c.redirect(withReturn('/sign-in/code', returnTo), 303);
});

signIn.get('/sign-in/code', (c) => {
  const returnTo = safeReturnPath(c.req.query('return'));
  const pending = getCookie(c, SIGN_IN_COOKIE, 'host');
  const model: CodeEntryModel = pending
    ? { notice: CODE_SENT_NOTICE, errors: [], mustRestart: false, returnTo }
    : { notice: '', errors: [RESTART_ERRORS.missing], mustRestart: true, returnTo };
  return renderPage(c, <CodeEntryPage chrome={pageChrome(c, 'Enter your code')} model={model} />);
});

signIn.post('/sign-in/code', async (c) => {
  const form = await c.req.parseBody();
  const returnTo = safeReturnPath(typeof form.return === 'string' ? form.return : null);
  const codeId = getCookie(c, SIGN_IN_COOKIE, 'host');
  const chrome = pageChrome(c, 'Enter your code');

  const parsed = codeSchema.safeParse(typeof form.code === 'string' ? form.code : '');
  if (!parsed.success) {
    const errors = [{ field: 'code', message: parsed.error.issues[0]!.message }];
    const model = { notice: CODE_SENT_NOTICE, errors, mustRestart: !codeId, returnTo };
    return renderPage(c, <CodeEntryPage chrome={chrome} model={model} />, 400);
  }

  const waitMinutes = await limitCodeCheck(c);
  if (waitMinutes !== null) {
    c.header('Retry-After', String(waitMinutes * 60));
    const errors = [{ field: 'code', message: tooManyTriesMessage(waitMinutes) }];
    const model = { notice: CODE_SENT_NOTICE, errors, mustRestart: !codeId, returnTo };
    return renderPage(c, <CodeEntryPage chrome={chrome} model={model} />, 429);
  }

  const check: CodeCheck = codeId
    ? await checkSignInCode(c, codeId, parsed.data)
    : { ok: false, reason: 'restart', why: 'missing' };
  if (!check.ok) {
    await appendAuditEvent(c, {
      actorRole: 'anonymous',
      action: 'sign-in.code-failed',
      resourceType: 'one-time-code',
      resourceId: codeId ?? null,
      outcome: 'failure',
      reason: check.reason === 'restart' ? check.why : check.reason,
    });
    const mustRestart = check.reason === 'restart';
    const model = {
      notice: CODE_SENT_NOTICE,
      errors: [mustRestart ? RESTART_ERRORS[check.why] : wrongCodeError(check.attemptsLeft)],
      mustRestart,
      returnTo,
    };
    if (mustRestart) deleteStepCookie(c, SIGN_IN_COOKIE);
    return renderPage(c, <CodeEntryPage chrome={chrome} model={model} />, 400);
  }

  // A new session token on every sign-in, so a token planted before sign-in is worthless.
  // The event is written first, so a failed audit write leaves no session behind.
  await appendAuditEvent(c, {
    actorPersonId: check.personId,
    actorRole: 'self',
    action: 'sign-in.succeeded',
    resourceType: 'session',
    outcome: 'success',
    reason: 'one-time-code',
  });
  await deleteCurrentSession(c);
  await startSession(c, check.personId, 'AAL1');
  deleteStepCookie(c, SIGN_IN_COOKIE);
  return c.redirect(returnTo ?? '/', 303);
});

signIn.post('/sign-out', async (c) => {
  const person = c.var.person;
  // The session ends before the event is written: a failed audit write must never keep a
  // person signed in on a shared computer after they asked to sign out.
  await endSession(c);
  if (person) {
    await appendAuditEvent(c, {
      actorPersonId: person.personId,
      actorRole: 'self',
      action: 'session.ended',
      resourceType: 'session',
      outcome: 'success',
      reason: 'signed-out',
    });
  }
  return c.redirect('/signed-out', 303);
});

signIn.get('/signed-out', (c) =>
  renderPage(c, <SignedOutPage chrome={pageChrome(c, 'Signed out')} reason="signed-out" />),
);

const ENDED_NOTICES: Record<string, string> = {
  'timed-out': 'You were signed out because you were inactive. Sign in again to carry on.',
  'signed-out-elsewhere': 'You were signed out from another device. Sign in again to carry on.',
};

const CODE_SENT_NOTICE =
  'If the address you entered is on file, we have sent a 6-digit code to it. The code works for 10 minutes.';

const RESTART_ERRORS: Record<'expired' | 'used' | 'too-many-attempts' | 'missing', FormError> = {
  expired: {
    field: 'code',
    message: 'That code has expired. Codes work for 10 minutes. Ask for a new code.',
  },
  used: { field: 'code', message: 'That code has already been used. Ask for a new code.' },
  'too-many-attempts': {
    field: 'code',
    message: 'The code was entered wrongly too many times. Ask for a new code.',
  },
  missing: { field: 'code', message: 'Your sign-in has expired. Ask for a new code.' },
};

function wrongCodeError(attemptsLeft: number): FormError {
  const tries = attemptsLeft === 1 ? '1 more try' : `${attemptsLeft} more tries`;
  return {
    field: 'code',
    message: `That code is not right. Check the newest email from us and enter its code. You have ${tries}.`,
  };
}

function withReturn(path: string, returnTo: string | null) {
  return returnTo ? `${path}?${new URLSearchParams({ return: returnTo })}` : path;
}
