import { eq } from 'drizzle-orm';
import {
  generateRegistrationOptions,
  verifyRegistrationResponse,
  type PublicKeyCredentialCreationOptionsJSON,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import { isoBase64URL } from '@simplewebauthn/server/helpers';
import type { Context } from 'hono';
import { passkeys } from '../../../schema/index.ts';
import type { AppEnv, Db, SignedInPerson } from '../../app.ts';
import { log } from '../../phi/log.ts';
import { liftProxyBlock, mayAddPasskeyAfterRecovery } from '../recovery-session.ts';
import { consumeChallenge, rememberChallenge } from './challenges.ts';
import { webauthnUserId } from './user-handle.ts';

export type RegistrationResult = { ok: true; passkeyId: string } | { ok: false; reason: string };

/** Generates registration options for the signed-in person and stores their challenge. */
export async function registrationOptions(
  c: Context<AppEnv>,
  person: SignedInPerson,
): Promise<PublicKeyCredentialCreationOptionsJSON> {
  const { db, config } = c.var;
  const existing = await db
    .select({ id: passkeys.id, transports: passkeys.transports })
    .from(passkeys)
    .where(eq(passkeys.personId, person.personId));
  const userHandle = await webauthnUserId(db, person.personId);

  const options = await generateRegistrationOptions({
    rpName: config.rpName,
    rpID: config.rpId,
    userID: isoBase64URL.toBuffer(userHandle),
    // The authenticator shows this name in its passkey list; the display name is what the
    // person already sees on every page, not the email.
    userName: person.displayName,
    userDisplayName: person.displayName,
    attestationType: 'none',
    // Discoverable credentials let a person sign in without typing an email first, and user
    // verification (PIN or biometric) is what makes a passkey sign-in AAL2.
    authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
    // The authenticator rejects a second passkey for the same person on the same device.
    excludeCredentials: existing.map((passkey) => ({
      id: passkey.id,
      transports: passkey.transports?.split(',').filter(Boolean),
    })),
  });
  await rememberChallenge(c, 'registration', person.personId, options.challenge);
  return options;
}

/**
 * Verifies a registration response against the challenge issued to this same person and saves
 * the new passkey under `name`.
 */
export async function verifyRegistration(
  c: Context<AppEnv>,
  person: SignedInPerson,
  response: RegistrationResponseJSON,
  name: string,
): Promise<RegistrationResult> {
  const { db, config } = c.var;
  const challenge = await consumeChallenge(c, 'registration', response.response.clientDataJSON);
  if (!challenge.ok) return challenge;
  // A challenge issued to someone else must not bind a passkey to this person's account.
  if (challenge.personId !== person.personId) {
    return { ok: false, reason: 'challenge-for-another-person' };
  }

  let verification;
  try {
    verification = await verifyRegistrationResponse({
      response,
      expectedChallenge: challenge.challenge,
      expectedOrigin: config.expectedOrigins,
      expectedRPID: config.rpId,
      requireUserVerification: true,
    });
  } catch (error) {
    log('warn', 'passkey.registration-invalid', { error: String(error) });
    return { ok: false, reason: 'response-invalid' };
  }
  if (!verification.verified) return { ok: false, reason: 'response-not-verified' };

  const info = verification.registrationInfo;
  const createdAt = new Date().toISOString();
  await db.insert(passkeys).values({
    id: info.credential.id,
    personId: person.personId,
    publicKey: isoBase64URL.fromBuffer(info.credential.publicKey),
    counter: info.credential.counter,
    transports: info.credential.transports?.join(',') ?? null,
    deviceType: info.credentialDeviceType,
    backedUp: info.credentialBackedUp,
    name,
    createdAt,
  });
  // A passkey created after a recovery ends that recovery's block on proxy access.
  await liftProxyBlock(c, person.personId, createdAt);
  return { ok: true, passkeyId: info.credential.id };
}

/**
 * Returns whether the signed-in person must step up before adding a passkey. Whoever can read a
 * person's email can sign in at AAL1, so once the person has a passkey, adding another needs that
 * passkey first. Otherwise an emailed code would lead to AAL2. The one exception is the session
 * a recovery started, because its person has lost the passkey they would step up with.
 */
export async function needsStepUpToAddPasskey(c: Context<AppEnv>): Promise<boolean> {
  const person = c.var.person!;
  if (person.assuranceLevel === 'AAL2') return false;
  if (!(await hasPasskey(c.var.db, person.personId))) return false;
  return !(await mayAddPasskeyAfterRecovery(c));
}

/** Returns whether the person has at least one passkey. */
export async function hasPasskey(db: Db, personId: string): Promise<boolean> {
  const [passkey] = await db
    .select({ id: passkeys.id })
    .from(passkeys)
    .where(eq(passkeys.personId, personId))
    .limit(1);
  return passkey !== undefined;
}
