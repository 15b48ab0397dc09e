// Signed prune markers: a compact JWS left by retention pruning over the seq and hash of the last
// deleted audit event. The first remaining event links to that hash, so the chain still verifies
// from a marker that the signing key vouches for. Runtime-neutral, like heads.ts.
import { CompactSign, compactVerify, decodeProtectedHeader, errors } from 'jose';
import type { ChainStart } from './verify.ts';
import type { SigningKey, VerificationKey } from './signing-key.ts';

/** The JWS typ header of a prune marker, so that a chain head cannot pass as a marker. */
export const MARKER_TYPE = 'audit-prune-marker';

/** One audit_prune_markers row. */
export interface PruneMarker {
  throughSeq: number;
  throughHash: string;
  prunedAt: string;
  retentionDays: number;
  deletedCount: number;
  jws: string;
  keyId: string;
}

/** Thrown for a marker that is not validly signed. The message names seq numbers and key ids. */
export class MarkerError extends Error {
  name = 'MarkerError';
}

/** Signs a marker and returns the row to store. */
export async function signMarker(
  marker: Omit<PruneMarker, 'jws' | 'keyId'>,
  key: SigningKey,
): Promise<PruneMarker> {
  const payload = JSON.stringify({
    through_seq: marker.throughSeq,
    through_hash: marker.throughHash,
    pruned_at: marker.prunedAt,
    retention_days: marker.retentionDays,
  });
  const jws = await new CompactSign(new TextEncoder().encode(payload))
    .setProtectedHeader({ alg: key.algorithm, kid: key.keyId, typ: MARKER_TYPE })
    .sign(key.privateKey);
  return { ...marker, jws, keyId: key.keyId };
}

/**
 * Verifies a marker's signature with `key` and that its columns equal its signed payload. Throws
 * MarkerError for a malformed, unsigned or forged marker.
 */
export async function checkMarker(marker: PruneMarker, key: VerificationKey): Promise<void> {
  const where = `the prune marker through sequence number ${marker.throughSeq}`;
  let header;
  try {
    header = decodeProtectedHeader(marker.jws);
  } catch {
    throw new MarkerError(`${where} has no valid JWS`);
  }
  if (header.kid !== marker.keyId || header.kid !== key.keyId) {
    throw new MarkerError(`${where} was not signed with key "${key.keyId}"`);
  }

  let signed;
  try {
    // The algorithm comes from the trusted key, never from the JWS header.
    signed = await compactVerify(marker.jws, key.publicKey, { algorithms: [key.algorithm] });
  } catch (error) {
    if (error instanceof errors.JOSEError) {
      throw new MarkerError(`${where} has a signature that does not verify with "${key.keyId}"`);
    }
    throw error;
  }
  if (signed.protectedHeader.typ !== MARKER_TYPE) {
    throw new MarkerError(`${where} is signed as "${String(signed.protectedHeader.typ)}"`);
  }

  let payload: Record<string, unknown>;
  try {
    payload = JSON.parse(new TextDecoder().decode(signed.payload)) as Record<string, unknown>;
  } catch {
    throw new MarkerError(`${where} has a signed payload that is not JSON`);
  }
  if (
    payload.through_seq !== marker.throughSeq ||
    payload.through_hash !== marker.throughHash ||
    payload.pruned_at !== marker.prunedAt ||
    payload.retention_days !== marker.retentionDays
  ) {
    throw new MarkerError(`${where} has columns that differ from its signed payload`);
  }
}

/**
 * Checks every marker and returns where verification of the remaining chain starts: right after
 * the newest marker, or at the genesis when there is none. A forged marker throws MarkerError, so
 * deleted events cannot be hidden behind an unsigned row. A key of null accepts no marker.
 */
export async function chainStartAfterMarkers(
  markers: readonly PruneMarker[],
  key: VerificationKey | null,
): Promise<ChainStart | null> {
  if (markers.length === 0) return null;
  if (!key) {
    throw new MarkerError(
      `${markers.length} prune marker(s) cannot be checked without the public key`,
    );
  }
  for (const marker of markers) await checkMarker(marker, key);

  const newest = markers.reduce((a, b) => (b.throughSeq > a.throughSeq ? b : a));
  return { afterSeq: newest.throughSeq, prevHash: newest.throughHash };
}
