import { sqliteTable, text, integer, index, primaryKey } from 'drizzle-orm/sqlite-core';
import { classifyColumns } from './phi.ts';
import { people } from './people.ts';

/** A passkey (WebAuthn credential) registered by a person. */
export const passkeys = sqliteTable(
  'passkeys',
  {
    // The credential id, base64url, as the authenticator returns it.
    id: text('id').primaryKey(),
    personId: text('person_id')
      .notNull()
      .references(() => people.id),
    // COSE public key, base64url.
    publicKey: text('public_key').notNull(),
    // Signature counter from the last verified authentication; 0 for authenticators without one.
    counter: integer('counter').notNull(),
    // Comma-separated WebAuthn transports, for example "internal,hybrid".
    transports: text('transports'),
    deviceType: text('device_type', { enum: ['singleDevice', 'multiDevice'] }).notNull(),
    backedUp: integer('backed_up', { mode: 'boolean' }).notNull(),
    // A name the person chose, for example "My phone".
    name: text('name').notNull(),
    createdAt: text('created_at').notNull(),
    lastUsedAt: text('last_used_at'),
  },
  (t) => [index('passkeys_person_idx').on(t.personId)],
);

export const passkeysPhi = classifyColumns(passkeys, 'portal', {
  id: 'identifier',
  personId: 'identifier',
  publicKey: 'none',
  counter: 'none',
  transports: 'none',
  deviceType: 'none',
  backedUp: 'none',
  name: 'limited',
  createdAt: 'none',
  lastUsedAt: 'none',
});

/**
 * WebAuthn challenges kept on the server until their ceremony is verified, then marked used, so
 * each challenge can be answered once. A registration challenge belongs to a person; an
 * authentication challenge for a passkey-only sign-in has none until it is answered.
 */
export const webauthnChallenges = sqliteTable('webauthn_challenges', {
  id: text('id').primaryKey(),
  personId: text('person_id').references(() => people.id),
  purpose: text('purpose', { enum: ['registration', 'authentication'] }).notNull(),
  challenge: text('challenge').notNull(),
  createdAt: text('created_at').notNull(),
  expiresAt: text('expires_at').notNull(),
  usedAt: text('used_at'),
});

export const webauthnChallengesPhi = classifyColumns(webauthnChallenges, 'portal', {
  id: 'identifier',
  personId: 'identifier',
  purpose: 'none',
  challenge: 'sensitive',
  createdAt: 'none',
  expiresAt: 'none',
  usedAt: 'none',
});

/**
 * Fixed-window counters for rate limits, kept in D1 so that every Worker instance counts the
 * same requests. The bucket names what is limited and for whom, with ids or hashes only.
 */
export const rateLimits = sqliteTable(
  'rate_limits',
  {
    // For example "code-send:person:<id>" or "code-check:client:<hash of the address>".
    bucket: text('bucket').notNull(),
    windowStart: text('window_start').notNull(),
    count: integer('count').notNull(),
  },
  (t) => [primaryKey({ columns: [t.bucket, t.windowStart] })],
);

export const rateLimitsPhi = classifyColumns(rateLimits, 'portal', {
  bucket: 'identifier',
  windowStart: 'none',
  count: 'none',
});
