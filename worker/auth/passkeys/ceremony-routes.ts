import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../../app.ts';
import { appendAuditEvent } from '../../audit/append.ts';
import { safeReturnPath } from '../../http/return-path.ts';
import { requireSignIn } from '../require-sign-in.ts';
import { deleteCurrentSession, startSession } from '../sessions.ts';
import { authenticationOptions, verifyAuthentication } from './authentication.ts';
import {
  holdCodeForDisplay,
  hasUnusedRecoveryCode,
  replaceRecoveryCode,
} from '../recovery-codes.ts';
import {
  needsStepUpToAddPasskey,
  registrationOptions,
  verifyRegistration,
} from './registration.ts';

/**
 * The JSON endpoints that views/passkey.ts calls: for each ceremony, one route generates the
 * options and remembers the challenge, and one verifies the response. A verified response gets
 * `{ redirect }`, a failed one a 400 with `{ message }` in plain words.
 */
export const passkeyCeremonies = new Hono<AppEnv>();

// Only the fields the server reads are checked here; @simplewebauthn/server checks the rest.
const credentialSchema = z.looseObject({
  id: z.string().min(1).max(1024),
  response: z.looseObject({ clientDataJSON: z.string().min(1).max(4096) }),
});
const ceremonySchema = z.object({
  response: credentialSchema,
  name: z.string().optional(),
  return: z.string().optional(),
});
const MAX_NAME_LENGTH = 60;

passkeyCeremonies.post('/passkeys/registration/options', requireSignIn(), async (c) => {
  const person = c.var.person!;
  if (await needsStepUpToAddPasskey(c)) return c.json({ message: STEP_UP_FIRST }, 403);
  return c.json(await registrationOptions(c, person));
});

passkeyCeremonies.post('/passkeys/registration/verification', requireSignIn(), async (c) => {
  const person = c.var.person!;
  const body = await ceremonyBody(c);
  if (!body) return failed(c, REGISTRATION_FAILED);

  // Without a typed name, the date distinguishes two passkeys, such as a lost one and its successor.
  const name = body.name?.trim().slice(0, MAX_NAME_LENGTH) || defaultPasskeyName(c);
  const result = await verifyRegistration(
    c,
    person,
    body.response as unknown as RegistrationResponseJSON,
    name,
  );
  await appendAuditEvent(c, {
    actorPersonId: person.personId,
    actorRole: 'self',
    action: result.ok ? 'passkey.added' : 'passkey.registration-failed',
    resourceType: 'passkey',
    resourceId: result.ok ? result.passkeyId : null,
    outcome: result.ok ? 'success' : 'failure',
    reason: result.ok ? 'registered' : result.reason,
  });
  if (!result.ok) return failed(c, REGISTRATION_FAILED);

  // The ceremony required user verification on the new passkey, so the session is raised to
  // AAL2 under a new token. This is how a proxy without a passkey gets to a child's chart.
  await replaceSession(c, person.personId);
  const returnTo = safeReturnPath(body.return) ?? '/passkeys';

  // The first passkey (or the first after a recovery used up the code) comes with a recovery
  // code, shown once on the next page before the person carries on to where they were going.
  if (!(await hasUnusedRecoveryCode(c, person.personId))) {
    holdCodeForDisplay(c, await replaceRecoveryCode(c, person.personId));
    await appendAuditEvent(c, {
      actorPersonId: person.personId,
      actorRole: 'self',
      action: 'recovery-code.created',
      resourceType: 'recovery-code',
      outcome: 'success',
      reason: 'passkey-registered',
    });
    const query = new URLSearchParams({ return: returnTo });
    return c.json({ redirect: `/passkeys/recovery-code?${query}` });
  }
  return c.json({ redirect: returnTo });
});

passkeyCeremonies.post('/sign-in/passkey/options', async (c) =>
  c.json(await authenticationOptions(c, null)),
);

passkeyCeremonies.post('/sign-in/passkey/verification', async (c) => {
  const body = await ceremonyBody(c);
  if (!body) return failed(c, SIGN_IN_FAILED);

  const result = await verifyAuthentication(
    c,
    body.response as unknown as AuthenticationResponseJSON,
  );
  if (!result.ok) {
    await auditAuthenticationFailure(c, result, 'sign-in');
    return failed(c, SIGN_IN_FAILED);
  }

  // The events are written first, so a failed audit write leaves no session behind.
  await auditPasskeyUsed(c, result.personId, result.passkeyId, 'sign-in');
  await appendAuditEvent(c, {
    actorPersonId: result.personId,
    actorRole: 'self',
    action: 'sign-in.succeeded',
    resourceType: 'session',
    outcome: 'success',
    reason: 'passkey',
  });
  await replaceSession(c, result.personId);
  return c.json({ redirect: safeReturnPath(body.return) ?? '/' });
});

passkeyCeremonies.post('/step-up/options', requireSignIn(), async (c) =>
  c.json(await authenticationOptions(c, c.var.person!.personId)),
);

passkeyCeremonies.post('/step-up/verification', requireSignIn(), async (c) => {
  const body = await ceremonyBody(c);
  if (!body) return failed(c, STEP_UP_FAILED);

  const result = await verifyAuthentication(
    c,
    body.response as unknown as AuthenticationResponseJSON,
  );
  if (!result.ok) {
    await auditAuthenticationFailure(c, result, 'step-up');
    return failed(c, STEP_UP_FAILED);
  }

  await auditPasskeyUsed(c, result.personId, result.passkeyId, 'step-up');
  // A new token at the higher level, so a token copied while at AAL1 never reaches AAL2.
  await replaceSession(c, result.personId);
  return c.json({ redirect: safeReturnPath(body.return) ?? '/' });
});

const STEP_UP_FIRST =
  'You already have a passkey. Sign in with it first, then you can add another one.';
const REGISTRATION_FAILED =
  'We could not add your passkey. Try again, or use another device that supports passkeys.';
const SIGN_IN_FAILED =
  'We could not sign you in with that passkey. Try again, or sign in with a code instead.';
const STEP_UP_FAILED =
  'We could not check your passkey. Try again with a passkey you added to this account.';

async function ceremonyBody(c: Context<AppEnv>) {
  try {
    const parsed = ceremonySchema.safeParse(await c.req.json());
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function failed(c: Context<AppEnv>, message: string) {
  return c.json({ message }, 400);
}

async function replaceSession(c: Context<AppEnv>, personId: string) {
  await deleteCurrentSession(c);
  await startSession(c, personId, 'AAL2');
}

async function auditPasskeyUsed(
  c: Context<AppEnv>,
  personId: string,
  passkeyId: string,
  reason: 'sign-in' | 'step-up',
) {
  await appendAuditEvent(c, {
    actorPersonId: personId,
    actorRole: 'self',
    action: 'passkey.used',
    resourceType: 'passkey',
    resourceId: passkeyId,
    outcome: 'success',
    reason,
  });
}

async function auditAuthenticationFailure(
  c: Context<AppEnv>,
  result: { reason: string; personId?: string; passkeyId?: string },
  ceremony: 'sign-in' | 'step-up',
) {
  await appendAuditEvent(c, {
    actorPersonId: c.var.person?.personId ?? result.personId ?? null,
    actorRole: c.var.person ? 'self' : 'anonymous',
    action: `passkey.${ceremony}-failed`,
    resourceType: 'passkey',
    resourceId: result.passkeyId ?? null,
    outcome: 'failure',
    reason: result.reason,
  });
}

function defaultPasskeyName(c: Context<AppEnv>): string {
  const added = new Intl.DateTimeFormat('en-US', {
    dateStyle: 'long',
    timeZone: c.var.config.clinicTimeZone,
  }).format(new Date());
  return `Passkey added ${added}`;
}
