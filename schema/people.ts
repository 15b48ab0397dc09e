import {
  sqliteTable,
  text,
  integer,
  index,
  uniqueIndex,
  primaryKey,
} from 'drizzle-orm/sqlite-core';
import { classifyColumns } from './phi.ts';
import { patients } from './patients.ts';

/** A person who can sign in: a patient, a proxy, a staff member, or several of these. */
export const people = sqliteTable(
  'people',
  {
    id: text('id').primaryKey(),
    // Sign-in address, stored lower-cased. It must match a contact on file for patients.
    email: text('email').notNull(),
    displayName: text('display_name').notNull(),
    createdAt: text('created_at').notNull(),
    disabledAt: text('disabled_at'),
    // WebAuthn user handle: random, made at the first passkey registration. Never the email,
    // because authenticators store the handle and may show or sync it.
    webauthnUserId: text('webauthn_user_id'),
    // The patient asked that their own chart always needs a passkey (AAL2).
    requirePasskey: integer('require_passkey', { mode: 'boolean' }).notNull().default(false),
    // Set by an account recovery: proxy access stays blocked until a passkey is registered after
    // this time, so whoever recovered the account with a code alone cannot read anyone else's chart.
    proxyBlockedSince: text('proxy_blocked_since'),
  },
  (t) => [
    uniqueIndex('people_email_unique').on(t.email),
    uniqueIndex('people_webauthn_user_id_unique').on(t.webauthnUserId),
  ],
);

export const peoplePhi = classifyColumns(people, 'portal', {
  id: 'identifier',
  email: 'limited',
  displayName: 'full',
  createdAt: 'none',
  disabledAt: 'none',
  webauthnUserId: 'identifier',
  requirePasskey: 'none',
  proxyBlockedSince: 'none',
});

/** Links a person to the patient record that is their own chart. */
export const personPatients = sqliteTable(
  'person_patients',
  {
    personId: text('person_id')
      .notNull()
      .references(() => people.id),
    patientId: text('patient_id')
      .notNull()
      .references(() => patients.id),
    linkedAt: text('linked_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.personId, t.patientId] }),
    uniqueIndex('person_patients_patient_unique').on(t.patientId),
  ],
);

export const personPatientsPhi = classifyColumns(personPatients, 'portal', {
  personId: 'identifier',
  patientId: 'identifier',
  linkedAt: 'none',
});

export const RELATIONSHIP_KINDS = [
  'parent-of-minor',
  'legal-guardian-of-minor',
  'court-appointed-guardian',
  'health-care-power-of-attorney',
  'adult-designated-proxy',
] as const;
export const RELATIONSHIP_STATUSES = [
  'pending',
  'active',
  'suspended',
  'revoked',
  'expired',
] as const;

/** A proxy grant: one person may act for one patient within scopes and dates. */
export const relationships = sqliteTable(
  'relationships',
  {
    id: text('id').primaryKey(),
    proxyPersonId: text('proxy_person_id')
      .notNull()
      .references(() => people.id),
    patientId: text('patient_id')
      .notNull()
      .references(() => patients.id),
    kind: text('kind', { enum: RELATIONSHIP_KINDS }).notNull(),
    // Comma-separated subset of: record, messaging, scheduling, billing.
    scopes: text('scopes').notNull(),
    validFrom: text('valid_from').notNull(),
    validTo: text('valid_to'),
    status: text('status', { enum: RELATIONSHIP_STATUSES }).notNull(),
    legalBasis: text('legal_basis').notNull(),
    // Free text of a court order or other restriction; null when none.
    restrictions: text('restrictions'),
    // Comma-separated scopes a restriction removes, for example "record,messaging" for a court
    // order that bars a parent from the chart and from messaging; null when none.
    restrictedScopes: text('restricted_scopes'),
    // Staff member who checked the legal documents; null for adult-designated proxies.
    approvedByStaffId: text('approved_by_staff_id'),
    approvedAt: text('approved_at'),
    createdAt: text('created_at').notNull(),
  },
  (t) => [
    index('relationships_proxy_idx').on(t.proxyPersonId),
    index('relationships_patient_idx').on(t.patientId),
  ],
);

export const relationshipsPhi = classifyColumns(relationships, 'portal', {
  id: 'identifier',
  proxyPersonId: 'identifier',
  patientId: 'identifier',
  kind: 'limited',
  scopes: 'none',
  validFrom: 'limited',
  validTo: 'limited',
  status: 'none',
  legalBasis: 'full',
  restrictions: 'sensitive',
  restrictedScopes: 'sensitive',
  approvedByStaffId: 'identifier',
  approvedAt: 'none',
  createdAt: 'none',
});

export const ASSURANCE_LEVELS = ['AAL1', 'AAL2'] as const;
export type AssuranceLevel = (typeof ASSURANCE_LEVELS)[number];

/** Server-side session rows. The cookie contains the token, and only its hash is stored. */
export const sessions = sqliteTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    personId: text('person_id')
      .notNull()
      .references(() => people.id),
    assuranceLevel: text('assurance_level', { enum: ASSURANCE_LEVELS }).notNull(),
    createdAt: text('created_at').notNull(),
    lastSeenAt: text('last_seen_at').notNull(),
    // Coarse device class from the user agent (phone, tablet, computer), never the full string.
    deviceClass: text('device_class').notNull(),
  },
  (t) => [index('sessions_person_idx').on(t.personId)],
);

export const sessionsPhi = classifyColumns(sessions, 'portal', {
  tokenHash: 'sensitive',
  personId: 'identifier',
  assuranceLevel: 'none',
  createdAt: 'none',
  lastSeenAt: 'none',
  deviceClass: 'none',
});

export const ONE_TIME_CODE_PURPOSES = ['sign-in', 'enrollment', 'invitation', 'recovery'] as const;
export type OneTimeCodePurpose = (typeof ONE_TIME_CODE_PURPOSES)[number];

/**
 * One-time sign-in codes. A row is written for every request, also for addresses with no
 * account (person_id null), so known and unknown addresses cost the same work.
 */
export const oneTimeCodes = sqliteTable('one_time_codes', {
  id: text('id').primaryKey(),
  personId: text('person_id').references(() => people.id),
  purpose: text('purpose', { enum: ONE_TIME_CODE_PURPOSES }).notNull(),
  // HMAC-SHA-256 of the code under the server's pepper, keyed to this row's id.
  codeHash: text('code_hash').notNull(),
  createdAt: text('created_at').notNull(),
  expiresAt: text('expires_at').notNull(),
  attempts: integer('attempts').notNull().default(0),
  usedAt: text('used_at'),
});

export const oneTimeCodesPhi = classifyColumns(oneTimeCodes, 'portal', {
  id: 'identifier',
  personId: 'identifier',
  purpose: 'none',
  codeHash: 'sensitive',
  createdAt: 'none',
  expiresAt: 'none',
  attempts: 'none',
  usedAt: 'none',
});

export const OUTBOX_STATUSES = ['queued', 'delivered', 'failed'] as const;

/** Notifications the portal sent. In development this is the only delivery channel. */
export const outbox = sqliteTable(
  'outbox',
  {
    id: text('id').primaryKey(),
    channel: text('channel', { enum: ['email', 'sms'] }).notNull(),
    recipient: text('recipient').notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    createdAt: text('created_at').notNull(),
    // queued until the provider accepted it; the development outbox delivers on insert.
    status: text('status', { enum: OUTBOX_STATUSES }).notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    lastAttemptAt: text('last_attempt_at'),
    deliveredAt: text('delivered_at'),
  },
  (t) => [
    index('outbox_created_idx').on(t.createdAt),
    index('outbox_status_idx').on(t.status, t.createdAt),
  ],
);

export const outboxPhi = classifyColumns(outbox, 'portal', {
  id: 'identifier',
  channel: 'none',
  recipient: 'limited',
  subject: 'none',
  body: 'sensitive',
  createdAt: 'none',
  status: 'none',
  attempts: 'none',
  lastAttemptAt: 'none',
  deliveredAt: 'none',
});
