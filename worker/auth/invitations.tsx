import { Hono, type Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { z } from 'zod';
import {
  InvitationCodePage,
  InvitationPage,
  InvitationUnavailablePage,
  type InvitationModel,
} from '../../views/pages/invitation.tsx';
import type { FormError } from '../../views/models.ts';
import type { AppEnv } from '../app.ts';
import { appendAuditEvent } from '../audit/append.ts';
import { accountKey, clientKey, tooManyTriesMessage } from '../http/rate-limit.ts';
import { pageChrome, renderPage } from '../http/render.ts';
import { queueNotification } from '../notify/outbox.ts';
import { sixDigitCodeSchema } from './code-schema.ts';
import { boundCodeRow, checkBoundCode, type BoundCodeCheck } from './enrollment-codes.ts';
import { acceptInvitation } from './invitations-accept.ts';
import { loadOpenInvitation, type OpenInvitation } from './invitations-store.ts';
import { hasPasskey } from './passkeys/registration.ts';
import { deleteCurrentSession, startSession } from './sessions.ts';
import { limitAndAudit } from './sign-in-limits.ts';
import { deleteStepCookie, setStepCookie } from './step-cookie.ts';

// Holds the id of the pending invitation code row between the two steps.
const INVITATION_COOKIE = 'invitation';

const nameSchema = z
  .string()
  .trim()
  .min(1, 'Enter your full name')
  .max(100, 'Enter a name of 100 characters or fewer');
const codeSchema = sixDigitCodeSchema('Enter the 6-digit code from the email');

/** Accepting a proxy invitation from its emailed link: /invitations/:token and its steps. */
export const invitations = new Hono<AppEnv>();

invitations.get('/invitations/:token', async (c) => {
  const invitation = await openOrAudit(c, 'view');
  if (!invitation) return unavailable(c);
  const model = invitationModel(c, invitation);
  return renderPage(c, <InvitationPage chrome={pageChrome(c, 'Invitation')} model={model} />);
});

invitations.post('/invitations/:token/code', async (c) => {
  const invitation = await openOrAudit(c, 'code');
  if (!invitation) return unavailable(c);

  const waitMinutes = await limitAndAudit(c, 'invitation.rate-limited', [
    ['code-send:account', await accountKey(c, invitation.email)],
    ['code-send:client', await clientKey(c)],
  ]);
  if (waitMinutes !== null) {
    c.header('Retry-After', String(waitMinutes * 60));
    const errors = [{ field: 'code', message: tooManyTriesMessage(waitMinutes) }];
    return codePage(c, invitation, { errors, mustRestart: true }, 429);
  }

  // The code goes to the invited address only, so accepting proves control of that mailbox.
  const code = await boundCodeRow(c, 'invitation', invitation.id);
  await appendAuditEvent(c, {
    actorRole: 'anonymous',
    action: 'invitation.code-sent',
    resourceType: 'one-time-code',
    resourceId: code.id,
    patientId: invitation.patientId,
    outcome: 'success',
    reason: 'code-sent',
  });
  await c.var.db.batch([
    code.insert,
    queueNotification(c, {
      channel: 'email',
      recipient: invitation.email,
      subject: 'Your code to accept the invitation',
      body: `Your code to accept the invitation is ${code.code}. It expires in 10 minutes. If you did not ask for it, you can ignore this email.`,
    }),
  ]);

  setStepCookie(c, INVITATION_COOKIE, code.id);
  return c.redirect(`/invitations/${c.req.param('token')}/verify`, 303);
});

invitations.get('/invitations/:token/verify', async (c) => {
  const invitation = await loadOpenInvitation(c, c.req.param('token'));
  if (!invitation) return unavailable(c);
  const pending = getCookie(c, INVITATION_COOKIE, 'host');
  const state = pending
    ? { errors: [], mustRestart: false }
    : { errors: [RESTART_ERRORS.missing], mustRestart: true };
  return codePage(c, invitation, state);
});

invitations.post('/invitations/:token/verify', async (c) => {
  const invitation = await openOrAudit(c, 'verify');
  if (!invitation) return unavailable(c);
  const form = await c.req.parseBody();
  const typedName = typeof form.name === 'string' ? form.name : '';
  const codeId = getCookie(c, INVITATION_COOKIE, 'host');

  const name = nameSchema.safeParse(typedName);
  const code = codeSchema.safeParse(typeof form.code === 'string' ? form.code : '');
  const errors: FormError[] = [];
  if (!name.success) errors.push({ field: 'name', message: name.error.issues[0]!.message });
  if (!code.success) errors.push({ field: 'code', message: code.error.issues[0]!.message });
  if (!name.success || !code.success) {
    return codePage(c, invitation, { errors, mustRestart: !codeId, name: typedName }, 400);
  }

  const waitMinutes = await limitAndAudit(c, 'invitation.rate-limited', [
    ['code-check:client', await clientKey(c)],
  ]);
  if (waitMinutes !== null) {
    c.header('Retry-After', String(waitMinutes * 60));
    const limited = [{ field: 'code', message: tooManyTriesMessage(waitMinutes) }];
    return codePage(c, invitation, { errors: limited, mustRestart: false, name: typedName }, 429);
  }

  const check: BoundCodeCheck = codeId
    ? await checkBoundCode(c, 'invitation', codeId, invitation.id, code.data)
    : { ok: false, why: 'missing' };
  if (!check.ok) {
    await auditFailure(c, invitation, check.why);
    const mustRestart = check.why !== 'wrong-code';
    if (mustRestart) deleteStepCookie(c, INVITATION_COOKIE);
    const state = { errors: [RESTART_ERRORS[check.why]], mustRestart, name: typedName };
    return codePage(c, invitation, state, 400);
  }

  const result = await acceptInvitation(c, invitation, name.data);
  deleteStepCookie(c, INVITATION_COOKIE);
  if (!result.ok) {
    await auditFailure(c, invitation, result.reason);
    if (result.reason === 'no-longer-open') return unavailable(c);
    const state = { errors: [ACCEPT_ERRORS[result.reason]], mustRestart: true };
    return codePage(c, invitation, state, 400);
  }

  // A new session at AAL1. The policy denies every proxy below AAL2, so a person without a
  // passkey is sent to register one before the chart opens. One with a passkey steps up.
  await deleteCurrentSession(c);
  await startSession(c, result.personId, 'AAL1');
  const chartPath = `/chart/${invitation.patientId}`;
  if (await hasPasskey(c.var.db, result.personId)) return c.redirect(chartPath, 303);
  return c.redirect(`/passkeys/new?${new URLSearchParams({ return: chartPath })}`, 303);
});

/** Loads the invitation of the URL's token; audits a link that cannot be used. */
async function openOrAudit(c: Context<AppEnv>, step: string): Promise<OpenInvitation | null> {
  const invitation = await loadOpenInvitation(c, c.req.param('token') ?? '');
  if (invitation) return invitation;
  await appendAuditEvent(c, {
    actorRole: 'anonymous',
    action: 'invitation.unavailable',
    resourceType: 'proxy-invitation',
    outcome: 'failure',
    reason: `unusable-link:${step}`,
  });
  return null;
}

function invitationModel(c: Context<AppEnv>, invitation: OpenInvitation): InvitationModel {
  return {
    token: c.req.param('token') ?? '',
    patientFirstName: invitation.patientFirstName,
    sentByClinic: invitation.invitedByStaffId !== null,
    scopes: invitation.scopes,
  };
}

function codePage(
  c: Context<AppEnv>,
  invitation: OpenInvitation,
  state: { errors: FormError[]; mustRestart: boolean; name?: string },
  status: 200 | 400 | 429 = 200,
) {
  const model = { ...invitationModel(c, invitation), name: '', ...state };
  return renderPage(
    c,
    <InvitationCodePage chrome={pageChrome(c, 'Enter your code')} model={model} />,
    status,
  );
}

function unavailable(c: Context<AppEnv>) {
  return renderPage(
    c,
    <InvitationUnavailablePage chrome={pageChrome(c, 'Invitation cannot be used')} />,
    404,
  );
}

function auditFailure(c: Context<AppEnv>, invitation: OpenInvitation, reason: string) {
  return appendAuditEvent(c, {
    actorRole: 'anonymous',
    action: 'invitation.failed',
    resourceType: 'proxy-invitation',
    resourceId: invitation.id,
    patientId: invitation.patientId,
    outcome: 'failure',
    reason,
  });
}

const RESTART_ERRORS: Record<Exclude<BoundCodeCheck, { ok: true }>['why'], FormError> = {
  'wrong-code': {
    field: 'code',
    message: 'That code is not right. Check the newest email from us and enter its code.',
  },
  expired: { field: 'code', message: 'That code has expired. Codes work for 10 minutes.' },
  used: { field: 'code', message: 'That code has already been used.' },
  'too-many-attempts': { field: 'code', message: 'The code was entered wrongly too many times.' },
  missing: { field: 'code', message: 'Your code has expired. Ask for a new one.' },
};

const ACCEPT_ERRORS: Record<'own-record' | 'account-disabled', FormError> = {
  'own-record': {
    field: 'code',
    message: 'This invitation is for your own record, which you can already see. Sign in instead.',
  },
  'account-disabled': {
    field: 'code',
    message: 'The account for this email address is closed. Call the clinic for help.',
  },
};
