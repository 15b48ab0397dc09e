import { sqliteTable, text, integer, index } from 'drizzle-orm/sqlite-core';
import { classifyColumns } from './phi.ts';

/**
 * Append-only audit events, linked by a hash chain: every append fills prev_hash and hash (see
 * worker/audit/chain.ts). Both columns are nullable only because rows written before the chain
 * existed have neither, and npm run audit:verify reports such a row as a break.
 */
export const auditEvents = sqliteTable(
  'audit_events',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    at: text('at').notNull(),
    actorPersonId: text('actor_person_id'),
    // self, proxy, staff, or anonymous for events before sign-in.
    actorRole: text('actor_role').notNull(),
    actingForPatientId: text('acting_for_patient_id'),
    action: text('action').notNull(),
    resourceType: text('resource_type').notNull(),
    resourceId: text('resource_id'),
    patientId: text('patient_id'),
    outcome: text('outcome', { enum: ['allow', 'deny', 'success', 'failure'] }).notNull(),
    reason: text('reason').notNull(),
    requestId: text('request_id').notNull(),
    clientClass: text('client_class').notNull(),
    prevHash: text('prev_hash'),
    hash: text('hash'),
  },
  (t) => [
    index('audit_events_patient_idx').on(t.patientId, t.at),
    index('audit_events_actor_idx').on(t.actorPersonId, t.at),
  ],
);

export const auditEventsPhi = classifyColumns(auditEvents, 'portal', {
  seq: 'none',
  at: 'none',
  actorPersonId: 'identifier',
  actorRole: 'none',
  actingForPatientId: 'identifier',
  action: 'none',
  resourceType: 'none',
  resourceId: 'identifier',
  patientId: 'identifier',
  outcome: 'none',
  reason: 'none',
  requestId: 'none',
  clientClass: 'none',
  prevHash: 'none',
  hash: 'none',
});

/**
 * Signed chain heads: one row each time the scheduled handler signs the newest audit event.
 * jws is the signature that counts. seq and hash repeat its payload so that rows can be found
 * without decoding it, and verification rejects a row whose columns differ from its payload.
 * Append-only, like audit_events.
 */
export const auditChainHeads = sqliteTable('audit_chain_heads', {
  // The seq of the audit event that was the chain head when this head was signed.
  seq: integer('seq').primaryKey(),
  hash: text('hash').notNull(),
  signedAt: text('signed_at').notNull(),
  // Compact JWS over the payload { seq, hash, signed_at, event_count }.
  jws: text('jws').notNull(),
  // The kid of the signing key, so heads stay attributable across key rotations.
  keyId: text('key_id').notNull(),
});

export const auditChainHeadsPhi = classifyColumns(auditChainHeads, 'portal', {
  seq: 'none',
  hash: 'none',
  signedAt: 'none',
  jws: 'none',
  keyId: 'none',
});
