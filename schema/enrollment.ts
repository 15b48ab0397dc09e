import { sqliteTable, text, integer, index } from 'drizzle-orm/sqlite-core';
import { classifyColumns } from './phi.ts';
import { patients } from './patients.ts';
import { people, RELATIONSHIP_KINDS } from './people.ts';
import { staff } from './care.ts';

/**
 * Activation codes the clinic gives a patient (on paper, at the desk or in an after-visit
 * summary) to enroll in the portal. Single use; only a keyed hash is stored.
 */
export const activationCodes = sqliteTable(
  'activation_codes',
  {
    id: text('id').primaryKey(),
    patientId: text('patient_id')
      .notNull()
      .references(() => patients.id),
    // HMAC-SHA-256 of the normalized code under the server's pepper.
    codeHash: text('code_hash').notNull(),
    // Null when the seed or an import made the code rather than a staff member.
    issuedByStaffId: text('issued_by_staff_id').references(() => staff.id),
    createdAt: text('created_at').notNull(),
    expiresAt: text('expires_at').notNull(),
    usedAt: text('used_at'),
    // Set when a newer code for the same patient replaced this one.
    revokedAt: text('revoked_at'),
  },
  (t) => [index('activation_codes_hash_idx').on(t.codeHash)],
);

export const activationCodesPhi = classifyColumns(activationCodes, 'portal', {
  id: 'identifier',
  patientId: 'identifier',
  codeHash: 'sensitive',
  issuedByStaffId: 'identifier',
  createdAt: 'none',
  expiresAt: 'none',
  usedAt: 'none',
  revokedAt: 'none',
});

/**
 * An invitation to act for a patient: sent by an adult patient to a chosen email address, or by
 * staff after the legal documents were checked. Accepting it creates the relationship row.
 */
export const proxyInvitations = sqliteTable(
  'proxy_invitations',
  {
    id: text('id').primaryKey(),
    patientId: text('patient_id')
      .notNull()
      .references(() => patients.id),
    // Exactly one of the two senders is set.
    invitedByPersonId: text('invited_by_person_id').references(() => people.id),
    invitedByStaffId: text('invited_by_staff_id').references(() => staff.id),
    // Lower-cased address the invitation went to; the invitee proves control of it with a code.
    email: text('email').notNull(),
    kind: text('kind', { enum: RELATIONSHIP_KINDS }).notNull(),
    scopes: text('scopes').notNull(),
    legalBasis: text('legal_basis').notNull(),
    // HMAC-SHA-256 of the token in the invitation link.
    tokenHash: text('token_hash').notNull(),
    createdAt: text('created_at').notNull(),
    expiresAt: text('expires_at').notNull(),
    acceptedAt: text('accepted_at'),
    acceptedByPersonId: text('accepted_by_person_id').references(() => people.id),
    revokedAt: text('revoked_at'),
  },
  (t) => [
    index('proxy_invitations_token_idx').on(t.tokenHash),
    index('proxy_invitations_patient_idx').on(t.patientId),
  ],
);

export const proxyInvitationsPhi = classifyColumns(proxyInvitations, 'portal', {
  id: 'identifier',
  patientId: 'identifier',
  invitedByPersonId: 'identifier',
  invitedByStaffId: 'identifier',
  email: 'limited',
  kind: 'limited',
  scopes: 'none',
  legalBasis: 'full',
  tokenHash: 'sensitive',
  createdAt: 'none',
  expiresAt: 'none',
  acceptedAt: 'none',
  acceptedByPersonId: 'identifier',
  revokedAt: 'none',
});

/** Recovery codes shown once when a person registers their first passkey. */
export const recoveryCodes = sqliteTable(
  'recovery_codes',
  {
    id: text('id').primaryKey(),
    personId: text('person_id')
      .notNull()
      .references(() => people.id),
    codeHash: text('code_hash').notNull(),
    createdAt: text('created_at').notNull(),
    usedAt: text('used_at'),
    attempts: integer('attempts').notNull().default(0),
  },
  (t) => [index('recovery_codes_person_idx').on(t.personId)],
);

export const recoveryCodesPhi = classifyColumns(recoveryCodes, 'portal', {
  id: 'identifier',
  personId: 'identifier',
  codeHash: 'sensitive',
  createdAt: 'none',
  usedAt: 'none',
  attempts: 'none',
});

/**
 * A message the person is writing, saved on the server as they type, so that it survives a
 * session timeout and is still there after signing in again. Deleted when the message is sent.
 */
export const messageDrafts = sqliteTable(
  'message_drafts',
  {
    id: text('id').primaryKey(),
    personId: text('person_id')
      .notNull()
      .references(() => people.id),
    patientId: text('patient_id')
      .notNull()
      .references(() => patients.id),
    // Null for a new conversation; set for a reply.
    threadId: text('thread_id'),
    subject: text('subject'),
    body: text('body').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('message_drafts_person_idx').on(t.personId, t.patientId)],
);

export const messageDraftsPhi = classifyColumns(messageDrafts, 'portal', {
  id: 'identifier',
  personId: 'identifier',
  patientId: 'identifier',
  threadId: 'identifier',
  subject: 'sensitive',
  body: 'sensitive',
  updatedAt: 'none',
});
