// Signed chain heads: a compact JWS over the newest audit event's seq and hash. A head kept
// outside the database (in an export, or anywhere the signature travels) pins every event up to
// its seq, because no one without the private key can sign a head for a rewritten chain.
import { CompactSign, compactVerify, decodeProtectedHeader, errors } from 'jose';
import type { SigningKey, VerificationKey } from './signing-key.ts';

/** The JWS typ header of a chain head, so that no other JWS signed by the key passes as one. */
export const HEAD_TYPE = 'audit-chain-head';

/** The payload of a head's signature. */
export interface ChainHead {
  seq: number;
  hash: string;
  signedAt: string;
  // Events with seq <= this head's seq when it was signed. It equals seq on an intact trail.
  eventCount: number;
}

/** One audit_chain_heads row. */
export interface SignedHead {
  seq: number;
  hash: string;
  signedAt: string;
  jws: string;
  keyId: string;
}

/** Thrown for a head that is not validly signed. The message names key ids, never key material. */
export class HeadError extends Error {
  name = 'HeadError';
}

/** Signs a chain head and returns the row to store. */
export async function signHead(head: ChainHead, key: SigningKey): Promise<SignedHead> {
  const payload = JSON.stringify({
    seq: head.seq,
    hash: head.hash,
    signed_at: head.signedAt,
    event_count: head.eventCount,
  });
  const jws = await new CompactSign(new TextEncoder().encode(payload))
    .setProtectedHeader({ alg: key.algorithm, kid: key.keyId, typ: HEAD_TYPE })
    .sign(key.privateKey);
  return { seq: head.seq, hash: head.hash, signedAt: head.signedAt, jws, keyId: key.keyId };
}

/**
 * Verifies a head's signature with `key` and returns its signed payload. Throws HeadError when
 * the JWS is malformed, names another key, does not verify, or when the row's seq, hash,
 * signed_at or key_id differ from what was signed.
 */
export async function readSignedHead(head: SignedHead, key: VerificationKey): Promise<ChainHead> {
  let header;
  try {
    header = decodeProtectedHeader(head.jws);
  } catch {
    throw new HeadError('its jws is not a compact JWS');
  }
  if (header.kid !== head.keyId) {
    throw new HeadError(`its key_id "${head.keyId}" differs from the kid in its JWS`);
  }
  if (header.kid !== key.keyId) {
    throw new HeadError(`it was signed with key "${head.keyId}", not with key "${key.keyId}"`);
  }

  let signed;
  try {
    // The algorithm comes from the trusted key, never from the JWS header.
    signed = await compactVerify(head.jws, key.publicKey, { algorithms: [key.algorithm] });
  } catch (error) {
    if (error instanceof errors.JOSEError) {
      throw new HeadError(`its signature does not verify with key "${key.keyId}"`);
    }
    throw error;
  }
  if (signed.protectedHeader.typ !== HEAD_TYPE) {
    throw new HeadError(`its JWS has typ "${String(signed.protectedHeader.typ)}", not a head`);
  }

  const payload = parsePayload(new TextDecoder().decode(signed.payload));
  if (
    payload.seq !== head.seq ||
    payload.hash !== head.hash ||
    payload.signedAt !== head.signedAt
  ) {
    throw new HeadError('its seq, hash or signed_at differ from its signed payload');
  }
  return payload;
}

function parsePayload(text: string): ChainHead {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new HeadError('its signed payload is not JSON');
  }
  if (typeof value !== 'object' || value === null) {
    throw new HeadError('its signed payload is not a JSON object');
  }
  const {
    seq,
    hash,
    signed_at: signedAt,
    event_count: eventCount,
  } = value as Record<string, unknown>;
  if (
    !Number.isSafeInteger(seq) ||
    typeof hash !== 'string' ||
    typeof signedAt !== 'string' ||
    !Number.isSafeInteger(eventCount)
  ) {
    throw new HeadError('its signed payload lacks seq, hash, signed_at or event_count');
  }
  return { seq: seq as number, hash, signedAt, eventCount: eventCount as number };
}
