// A small software authenticator for worker tests: it makes real WebAuthn responses, so the
// server's verification runs unchanged. One ES256 key pair per passkey, "none" attestation,
// and authenticator data with the user-present and user-verified flags set.
import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from '@simplewebauthn/server';

const FLAG_USER_PRESENT = 0x01;
const FLAG_USER_VERIFIED = 0x04;
const FLAG_ATTESTED_CREDENTIAL_DATA = 0x40;

interface StoredPasskey {
  id: string;
  userHandle: string;
  keyPair: CryptoKeyPair;
  signCount: number;
}

/** Stores passkeys for one origin, like a phone's platform authenticator would. */
export class SoftwareAuthenticator {
  readonly passkeys: StoredPasskey[] = [];

  constructor(readonly origin: string) {}

  /** Creates a passkey for the options, as navigator.credentials.create() would. */
  async register(
    options: PublicKeyCredentialCreationOptionsJSON,
  ): Promise<RegistrationResponseJSON> {
    const keyPair = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, [
      'sign',
      'verify',
    ])) as CryptoKeyPair;
    const id = base64url(crypto.getRandomValues(new Uint8Array(16)));
    this.passkeys.push({ id, userHandle: options.user.id, keyPair, signCount: 0 });

    const publicKey = new Uint8Array(
      (await crypto.subtle.exportKey('raw', keyPair.publicKey)) as ArrayBuffer,
    );
    const credentialId = fromBase64url(id);
    const authenticatorData = concat(
      await sha256(new TextEncoder().encode(options.rp.id!)),
      [FLAG_USER_PRESENT | FLAG_USER_VERIFIED | FLAG_ATTESTED_CREDENTIAL_DATA],
      uint32(0),
      new Uint8Array(16), // AAGUID: all zeros, as with "none" attestation
      [credentialId.length >> 8, credentialId.length & 0xff],
      credentialId,
      coseEc2Key(publicKey.slice(1, 33), publicKey.slice(33, 65)),
    );
    const attestationObject = concat(
      [0xa3],
      cborText('fmt'),
      cborText('none'),
      cborText('attStmt'),
      [0xa0],
      cborText('authData'),
      cborBytes(authenticatorData),
    );

    return {
      id,
      rawId: id,
      type: 'public-key',
      response: {
        clientDataJSON: this.clientData('webauthn.create', options.challenge),
        attestationObject: base64url(attestationObject),
        transports: ['internal'],
      },
      authenticatorAttachment: 'platform',
      clientExtensionResults: {},
    };
  }

  /** Signs the challenge with a stored passkey, as navigator.credentials.get() would. */
  async authenticate(
    options: PublicKeyCredentialRequestOptionsJSON,
    passkey = this.passkeys[0]!,
  ): Promise<AuthenticationResponseJSON> {
    passkey.signCount += 1;
    const authenticatorData = concat(
      await sha256(new TextEncoder().encode(options.rpId!)),
      [FLAG_USER_PRESENT | FLAG_USER_VERIFIED],
      uint32(passkey.signCount),
    );
    const clientDataJSON = this.clientData('webauthn.get', options.challenge);
    const signed = concat(authenticatorData, await sha256(fromBase64url(clientDataJSON)));
    const signature = await crypto.subtle.sign(
      { name: 'ECDSA', hash: 'SHA-256' },
      passkey.keyPair.privateKey,
      signed,
    );

    return {
      id: passkey.id,
      rawId: passkey.id,
      type: 'public-key',
      response: {
        clientDataJSON,
        authenticatorData: base64url(authenticatorData),
        // WebAuthn carries ECDSA signatures DER-encoded; Web Crypto returns r || s.
        signature: base64url(derSignature(new Uint8Array(signature))),
        userHandle: passkey.userHandle,
      },
      authenticatorAttachment: 'platform',
      clientExtensionResults: {},
    };
  }

  private clientData(type: string, challenge: string) {
    const json = JSON.stringify({ type, challenge, origin: this.origin, crossOrigin: false });
    return base64url(new TextEncoder().encode(json));
  }
}

// COSE_Key map for an EC2 P-256 key: kty 2, alg -7 (ES256), crv 1, x, y.
function coseEc2Key(x: Uint8Array, y: Uint8Array) {
  return concat(
    [0xa5, 0x01, 0x02, 0x03, 0x26, 0x20, 0x01, 0x21],
    cborBytes(x),
    [0x22],
    cborBytes(y),
  );
}

function cborText(text: string) {
  const bytes = new TextEncoder().encode(text);
  return concat([0x60 | bytes.length], bytes);
}

function cborBytes(bytes: Uint8Array) {
  if (bytes.length < 24) return concat([0x40 | bytes.length], bytes);
  if (bytes.length < 256) return concat([0x58, bytes.length], bytes);
  return concat([0x59, bytes.length >> 8, bytes.length & 0xff], bytes);
}

function derSignature(raw: Uint8Array) {
  const integer = (bytes: Uint8Array) => {
    let start = 0;
    while (start < bytes.length - 1 && bytes[start] === 0) start += 1;
    const trimmed = bytes.slice(start);
    // A leading 1 bit would make the DER integer negative, so a zero byte goes in front.
    const body = trimmed[0]! & 0x80 ? concat([0], trimmed) : trimmed;
    return concat([0x02, body.length], body);
  };
  const r = integer(raw.slice(0, 32));
  const s = integer(raw.slice(32, 64));
  return concat([0x30, r.length + s.length], r, s);
}

function uint32(value: number) {
  return [(value >>> 24) & 0xff, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff];
}

async function sha256(bytes: Uint8Array) {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
}

function concat(...parts: (Uint8Array | number[])[]) {
  const length = parts.reduce((total, part) => total + part.length, 0);
  const out = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

function base64url(bytes: Uint8Array) {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64url(text: string) {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}
