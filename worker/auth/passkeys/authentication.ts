import { and, eq } from 'drizzle-orm';
import {
  generateAuthenticationOptions,
  verifyAuthenticationResponse,
  type AuthenticationResponseJSON,
  type PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/server';
import { isoBase64URL } from '@simplewebauthn/server/helpers';
import type { Context } from 'hono';
import { passkeys, people } from '../../../schema/index.ts';
import type { AppEnv } from '../../app.ts';
import { log } from '../../phi/log.ts';
import { consumeChallenge, rememberChallenge } from './challenges.ts';

export type AuthenticationResult =
  | { ok: true; personId: string; passkeyId: string }
  | { ok: false; reason: string; personId?: string; passkeyId?: string };

/**
 * Generates options for a discoverable-credential authentication and stores the challenge.
 * `personId` is the signed-in person for a step-up, or null for a passkey sign-in.
 */
export async function authenticationOptions(
  c: Context<AppEnv>,
  personId: string | null,
): Promise<PublicKeyCredentialRequestOptionsJSON> {
  const options = await generateAuthenticationOptions({
    rpID: c.var.config.rpId,
    // Empty: the authenticator offers the passkeys it holds for this site, so nobody types an
    // email first and the server reveals no list of credentials for an account.
    allowCredentials: [],
    userVerification: 'required',
  });
  await rememberChallenge(c, 'authentication', personId, options.challenge);
  return options;
}

/**
 * Verifies an authentication response, then stores the new signature counter and the time of
 * use. A challenge issued to a signed-in person is accepted only with one of that person's
 * passkeys, so a step-up cannot be completed with someone else's.
 */
export async function verifyAuthentication(
  c: Context<AppEnv>,
  response: AuthenticationResponseJSON,
): Promise<AuthenticationResult> {
  const { db, config } = c.var;
  const challenge = await consumeChallenge(c, 'authentication', response.response.clientDataJSON);
  if (!challenge.ok) return challenge;

  const [passkey] = await db
    .select({
      id: passkeys.id,
      personId: passkeys.personId,
      publicKey: passkeys.publicKey,
      counter: passkeys.counter,
      transports: passkeys.transports,
      disabledAt: people.disabledAt,
    })
    .from(passkeys)
    .innerJoin(people, eq(people.id, passkeys.personId))
    .where(eq(passkeys.id, response.id));
  // A removed passkey has no row, so its responses fail here.
  if (!passkey) return { ok: false, reason: 'passkey-unknown' };
  const ids = { personId: passkey.personId, passkeyId: passkey.id };
  if (passkey.disabledAt) return { ok: false, reason: 'person-disabled', ...ids };
  if (challenge.personId !== null && challenge.personId !== passkey.personId) {
    return { ok: false, reason: 'challenge-for-another-person', ...ids };
  }

  let verification;
  try {
    verification = await verifyAuthenticationResponse({
      response,
      expectedChallenge: challenge.challenge,
      expectedOrigin: config.expectedOrigins,
      expectedRPID: config.rpId,
      requireUserVerification: true,
      credential: {
        id: passkey.id,
        publicKey: isoBase64URL.toBuffer(passkey.publicKey),
        counter: passkey.counter,
        transports: passkey.transports?.split(',').filter(Boolean),
      },
    });
  } catch (error) {
    log('warn', 'passkey.authentication-invalid', { passkeyId: passkey.id, error: String(error) });
    return { ok: false, reason: 'response-invalid', ...ids };
  }
  if (!verification.verified) return { ok: false, reason: 'response-not-verified', ...ids };

  await db
    .update(passkeys)
    .set({
      counter: verification.authenticationInfo.newCounter,
      lastUsedAt: new Date().toISOString(),
    })
    .where(and(eq(passkeys.id, passkey.id), eq(passkeys.personId, passkey.personId)));
  return { ok: true, ...ids };
}
