import { and, eq, gt, isNull } from 'drizzle-orm';
import { decodeClientDataJSON } from '@simplewebauthn/server/helpers';
import type { Context } from 'hono';
import { webauthnChallenges } from '../../../schema/index.ts';
import type { AppEnv } from '../../app.ts';

// Long enough for a person to find their phone, short enough that a leaked challenge goes stale.
const CHALLENGE_TTL_MS = 5 * 60_000;

export type CeremonyPurpose = 'registration' | 'authentication';

export type ChallengeCheck =
  | { ok: true; challenge: string; personId: string | null }
  | { ok: false; reason: 'challenge-unknown' | 'challenge-expired' | 'challenge-used' };

/**
 * Stores the challenge of options just generated, with the person it was issued to. The
 * challenge must be kept on the server until the response is verified: a challenge the browser
 * could choose would let an old, recorded response be replayed.
 */
export async function rememberChallenge(
  c: Context<AppEnv>,
  purpose: CeremonyPurpose,
  personId: string | null,
  challenge: string,
): Promise<void> {
  const now = Date.now();
  await c.var.db.insert(webauthnChallenges).values({
    id: crypto.randomUUID(),
    personId,
    purpose,
    challenge,
    createdAt: new Date(now).toISOString(),
    expiresAt: new Date(now + CHALLENGE_TTL_MS).toISOString(),
  });
}

/**
 * Marks the challenge that a ceremony response contains as used and returns it. The conditional
 * update lets exactly one request consume a challenge, so a replayed response fails even when
 * both copies arrive at once. It runs before the signature check, so a failed verification
 * uses the challenge up too.
 */
export async function consumeChallenge(
  c: Context<AppEnv>,
  purpose: CeremonyPurpose,
  clientDataJSON: string,
): Promise<ChallengeCheck> {
  const challenge = challengeOf(clientDataJSON);
  if (!challenge) return { ok: false, reason: 'challenge-unknown' };
  const now = new Date().toISOString();

  const [consumed] = await c.var.db
    .update(webauthnChallenges)
    .set({ usedAt: now })
    .where(
      and(
        eq(webauthnChallenges.challenge, challenge),
        eq(webauthnChallenges.purpose, purpose),
        isNull(webauthnChallenges.usedAt),
        gt(webauthnChallenges.expiresAt, now),
      ),
    )
    .returning({ personId: webauthnChallenges.personId });
  if (consumed) return { ok: true, challenge, personId: consumed.personId };

  // Only to give the audit event a precise reason: the row exists but was used or has expired.
  const [row] = await c.var.db
    .select({ usedAt: webauthnChallenges.usedAt })
    .from(webauthnChallenges)
    .where(
      and(eq(webauthnChallenges.challenge, challenge), eq(webauthnChallenges.purpose, purpose)),
    );
  if (!row) return { ok: false, reason: 'challenge-unknown' };
  return { ok: false, reason: row.usedAt ? 'challenge-used' : 'challenge-expired' };
}

function challengeOf(clientDataJSON: string): string | null {
  try {
    const challenge = decodeClientDataJSON(clientDataJSON).challenge;
    return typeof challenge === 'string' && challenge.length <= 128 ? challenge : null;
  } catch {
    return null;
  }
}
