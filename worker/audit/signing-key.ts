// The key that signs audit chain heads: a private JWK with a kid, kept in the Worker secret
// AUDIT_SIGNING_KEY (in .dev.vars locally). Runtime-neutral, so the worker and the scripts under
// Node 22 read keys the same way.
import { calculateJwkThumbprint, importJWK, type CryptoKey, type JWK } from 'jose';

/** The JWS algorithms a chain head may be signed with, one per supported curve. */
export type HeadAlgorithm = 'ES256' | 'EdDSA';

/** The public half of a signing key: safe to publish, print and put into exports. */
export interface PublicJwk {
  kty: 'EC' | 'OKP';
  crv: 'P-256' | 'Ed25519';
  x: string;
  // Only EC keys have a y coordinate.
  y?: string;
  kid: string;
  alg: HeadAlgorithm;
}

export interface SigningKey {
  keyId: string;
  algorithm: HeadAlgorithm;
  privateKey: CryptoKey;
  publicJwk: PublicJwk;
}

export interface VerificationKey {
  keyId: string;
  algorithm: HeadAlgorithm;
  publicKey: CryptoKey;
  publicJwk: PublicJwk;
  // RFC 7638 SHA-256 thumbprint, for comparing a key with a copy kept elsewhere.
  thumbprint: string;
}

/**
 * Thrown when a key is missing or malformed. Its message names the problem but never contains
 * any part of the key, so it may be logged.
 */
export class SigningKeyError extends Error {
  name = 'SigningKeyError';
}

const ALGORITHM_BY_CURVE = { 'P-256': 'ES256', Ed25519: 'EdDSA' } as const;
const KEY_TYPE_BY_CURVE = { 'P-256': 'EC', Ed25519: 'OKP' } as const;

/**
 * Parses and imports the private signing key from the AUDIT_SIGNING_KEY secret. Throws
 * SigningKeyError when the secret is missing, is not a JSON object, is not an EC P-256 or
 * Ed25519 private JWK, or has no kid.
 */
export async function readSigningKey(secret: string | undefined): Promise<SigningKey> {
  if (!secret) {
    throw new SigningKeyError('AUDIT_SIGNING_KEY is missing: set it as a Worker secret');
  }
  const jwk = parseJwkText(secret, 'AUDIT_SIGNING_KEY');
  if (typeof jwk.d !== 'string' || jwk.d === '') {
    throw new SigningKeyError(
      'AUDIT_SIGNING_KEY has no private part "d": it must be a private JWK',
    );
  }
  const publicJwk = checkPublicMembers(jwk, 'AUDIT_SIGNING_KEY');

  const privateKey = await importKey(
    { ...publicJwk, d: jwk.d },
    publicJwk.alg,
    'AUDIT_SIGNING_KEY',
  );
  return { keyId: publicJwk.kid, algorithm: publicJwk.alg, privateKey, publicJwk };
}

/**
 * Parses and imports a public JWK, from an export or a file the verifier trusts. `source` names
 * where it came from in error messages. A JWK with a private part is rejected, so a private key
 * is not passed around by mistake.
 */
export async function readVerificationKey(
  value: unknown,
  source: string,
): Promise<VerificationKey> {
  const jwk = typeof value === 'string' ? parseJwkText(value, source) : value;
  if (!isObject(jwk)) throw new SigningKeyError(`${source} is not a JSON object`);
  if ('d' in jwk) {
    throw new SigningKeyError(`${source} contains a private key: pass the public JWK only`);
  }
  const publicJwk = checkPublicMembers(jwk, source);

  const publicKey = await importKey(publicJwk, publicJwk.alg, source);
  const thumbprint = await calculateJwkThumbprint(publicJwk as JWK);
  return { keyId: publicJwk.kid, algorithm: publicJwk.alg, publicKey, publicJwk, thumbprint };
}

/** Derives the verification key from a signing key. */
export function verificationKeyOf(key: SigningKey): Promise<VerificationKey> {
  return readVerificationKey(key.publicJwk, 'the public part of AUDIT_SIGNING_KEY');
}

// JSON.parse's own message quotes part of its input, so it is never passed on: for
// AUDIT_SIGNING_KEY that input is the private key.
function parseJwkText(text: string, source: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new SigningKeyError(`${source} is not valid JSON: it must be a JWK as a JSON object`);
  }
  if (!isObject(parsed)) throw new SigningKeyError(`${source} is not a JSON object`);
  return parsed;
}

// Copies only the public members, so the result has no private member such as `d`.
function checkPublicMembers(jwk: Record<string, unknown>, source: string): PublicJwk {
  const curve = jwk.crv;
  if (curve !== 'P-256' && curve !== 'Ed25519') {
    throw new SigningKeyError(`${source} must be an EC P-256 or OKP Ed25519 key`);
  }
  const algorithm = ALGORITHM_BY_CURVE[curve];
  if (jwk.kty !== KEY_TYPE_BY_CURVE[curve]) {
    throw new SigningKeyError(`${source} has curve ${curve} but key type ${String(jwk.kty)}`);
  }
  if (jwk.alg !== undefined && jwk.alg !== algorithm) {
    throw new SigningKeyError(`${source} has alg ${String(jwk.alg)}, expected ${algorithm}`);
  }
  if (typeof jwk.kid !== 'string' || jwk.kid.trim() === '') {
    throw new SigningKeyError(`${source} has no kid: give the key an id`);
  }
  if (typeof jwk.x !== 'string' || (curve === 'P-256' && typeof jwk.y !== 'string')) {
    throw new SigningKeyError(`${source} lacks its public coordinates`);
  }

  const publicJwk: PublicJwk = {
    kty: KEY_TYPE_BY_CURVE[curve],
    crv: curve,
    x: jwk.x,
    kid: jwk.kid,
    alg: algorithm,
  };
  if (curve === 'P-256') publicJwk.y = jwk.y as string;
  return publicJwk;
}

// jose's import errors describe the key's shape, not its bytes, but they are replaced anyway so
// that the message is the same whichever runtime imported the key.
async function importKey(jwk: JWK, algorithm: HeadAlgorithm, source: string): Promise<CryptoKey> {
  try {
    const key = await importJWK(jwk, algorithm);
    if (key instanceof Uint8Array) throw new Error('symmetric key');
    return key;
  } catch {
    throw new SigningKeyError(`${source} could not be imported as an ${algorithm} key`);
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
