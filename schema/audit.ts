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
    // self, proxy, staff, anonymous for events before sign-in, or system for the portal's own jobs.
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
    // The privacy officer's weekly review and the retention pruning select by time alone.
    index('audit_events_at_idx').on(t.at),
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

export const AUDIT_ALERT_KINDS = ['bulk-access', 'failed-sign-in-burst', 'break-glass'] as const;

/**
 * Alerts computed when audit events are written, listed on the privacy officer's review page and
 * sent through the notification outbox. subject_key names what the alert is about (an actor id,
 * an account key or a client key), never PHI.
 */
export const auditAlerts = sqliteTable(
  'audit_alerts',
  {
    id: text('id').primaryKey(),
    kind: text('kind', { enum: AUDIT_ALERT_KINDS }).notNull(),
    subjectKey: text('subject_key').notNull(),
    // The audit event that crossed the threshold.
    triggerSeq: integer('trigger_seq').notNull(),
    eventCount: integer('event_count').notNull(),
    windowStart: text('window_start').notNull(),
    createdAt: text('created_at').notNull(),
    acknowledgedByStaffId: text('acknowledged_by_staff_id'),
    acknowledgedAt: text('acknowledged_at'),
  },
  (t) => [
    index('audit_alerts_created_idx').on(t.createdAt),
    index('audit_alerts_subject_idx').on(t.kind, t.subjectKey, t.windowStart),
  ],
);

export const auditAlertsPhi = classifyColumns(auditAlerts, 'portal', {
  id: 'identifier',
  kind: 'none',
  subjectKey: 'identifier',
  triggerSeq: 'none',
  eventCount: 'none',
  windowStart: 'none',
  createdAt: 'none',
  acknowledgedByStaffId: 'identifier',
  acknowledgedAt: 'none',
});

/** A privacy officer's weekly review sign-off: what was reviewed and by whom. */
export const auditReviews = sqliteTable('audit_reviews', {
  id: text('id').primaryKey(),
  reviewerStaffId: text('reviewer_staff_id').notNull(),
  // The calendar week reviewed, as dates in the clinic's time zone; period_end is exclusive.
  periodStart: text('period_start').notNull(),
  periodEnd: text('period_end').notNull(),
  firstSeq: integer('first_seq'),
  lastSeq: integer('last_seq'),
  eventCount: integer('event_count').notNull(),
  alertCount: integer('alert_count').notNull(),
  breakGlassCount: integer('break_glass_count').notNull(),
  note: text('note'),
  signedAt: text('signed_at').notNull(),
});

export const auditReviewsPhi = classifyColumns(auditReviews, 'portal', {
  id: 'identifier',
  reviewerStaffId: 'identifier',
  periodStart: 'none',
  periodEnd: 'none',
  firstSeq: 'none',
  lastSeq: 'none',
  eventCount: 'none',
  alertCount: 'none',
  breakGlassCount: 'none',
  note: 'full',
  signedAt: 'none',
});

/**
 * Signed markers left by retention pruning. Events up to and including through_seq were deleted
 * after the retention period. through_hash is the hash of the last deleted event, so the chain
 * still verifies from the first remaining row. jws signs { through_seq, through_hash, pruned_at,
 * retention_days }. Append-only.
 */
export const auditPruneMarkers = sqliteTable('audit_prune_markers', {
  throughSeq: integer('through_seq').primaryKey(),
  throughHash: text('through_hash').notNull(),
  prunedAt: text('pruned_at').notNull(),
  retentionDays: integer('retention_days').notNull(),
  deletedCount: integer('deleted_count').notNull(),
  jws: text('jws').notNull(),
  keyId: text('key_id').notNull(),
});

export const auditPruneMarkersPhi = classifyColumns(auditPruneMarkers, 'portal', {
  throughSeq: 'none',
  throughHash: 'none',
  prunedAt: 'none',
  retentionDays: 'none',
  deletedCount: 'none',
  jws: 'none',
  keyId: 'none',
});
