// Small wrappers over Web Crypto for tokens, codes and their keyed hashes.

const encoder = new TextEncoder();

/** Returns `byteLength` random bytes encoded as base64url, for session tokens and ids. */
export function randomToken(byteLength = 32): string {
  const bytes = crypto.getRandomValues(new Uint8Array(byteLength));
  return base64url(bytes);
}

/** Returns a uniformly random decimal code of `digits` digits, with leading zeros kept. */
export function randomDigits(digits = 6): string {
  const limit = 10 ** digits;
  // Rejection sampling keeps every code equally likely: plain modulo would favour low codes.
  const ceiling = Math.floor(0x1_0000_0000 / limit) * limit;
  const buffer = new Uint32Array(1);
  for (;;) {
    crypto.getRandomValues(buffer);
    const value = buffer[0]!;
    if (value < ceiling) return String(value % limit).padStart(digits, '0');
  }
}

/**
 * Computes HMAC-SHA-256 of `parts` under the server's pepper, as hex. Parts are joined with a
 * separator that cannot occur in them, so ("a", "bc") and ("ab", "c") differ.
 */
export async function keyedHash(pepper: string, ...parts: string[]): Promise<string> {
  const key = await crypto.subtle.importKey(
    'raw',
    encoder.encode(pepper),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const signature = await crypto.subtle.sign('HMAC', key, encoder.encode(parts.join('\u0000')));
  return hex(new Uint8Array(signature));
}

/** Compares two hex digests in constant time, so the comparison leaks nothing through timing. */
export function digestsEqual(a: string, b: string): boolean {
  const left = encoder.encode(a);
  const right = encoder.encode(b);
  if (left.byteLength !== right.byteLength) return false;
  return crypto.subtle.timingSafeEqual(left, right);
}

function hex(bytes: Uint8Array) {
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

function base64url(bytes: Uint8Array) {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
