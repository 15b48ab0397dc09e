import { sqliteTable, text, index } from 'drizzle-orm/sqlite-core';
import { classifyColumns } from './phi.ts';
import { patients } from './patients.ts';
import { people } from './people.ts';
import { staff } from './care.ts';

export const CONSENT_SCOPES = ['sensitive-categories'] as const;

/**
 * A teen's consent that a parental proxy may see more than the limited view: given by the teen
 * while signed in at AAL2, or recorded by staff. Revoked by setting revoked_at.
 */
export const proxyConsents = sqliteTable(
  'proxy_consents',
  {
    id: text('id').primaryKey(),
    patientId: text('patient_id')
      .notNull()
      .references(() => patients.id),
    proxyPersonId: text('proxy_person_id')
      .notNull()
      .references(() => people.id),
    scope: text('scope', { enum: CONSENT_SCOPES }).notNull(),
    // Exactly one of the two is set: the teen gave it, or staff recorded it.
    grantedByPersonId: text('granted_by_person_id').references(() => people.id),
    recordedByStaffId: text('recorded_by_staff_id').references(() => staff.id),
    grantedAt: text('granted_at').notNull(),
    revokedAt: text('revoked_at'),
  },
  (t) => [index('proxy_consents_patient_idx').on(t.patientId, t.proxyPersonId)],
);

export const proxyConsentsPhi = classifyColumns(proxyConsents, 'portal', {
  id: 'identifier',
  patientId: 'identifier',
  proxyPersonId: 'identifier',
  scope: 'sensitive',
  grantedByPersonId: 'identifier',
  recordedByStaffId: 'identifier',
  grantedAt: 'none',
  revokedAt: 'none',
});

export const BREAK_GLASS_REVIEW_OUTCOMES = ['appropriate', 'inappropriate'] as const;

/**
 * Break-glass: a staff member outside the patient's care teams opens the chart for a stated
 * reason, for a limited time. Every row is an entry in the privacy officer's review queue until
 * review_outcome is set.
 */
export const breakGlassGrants = sqliteTable(
  'break_glass_grants',
  {
    id: text('id').primaryKey(),
    staffId: text('staff_id')
      .notNull()
      .references(() => staff.id),
    patientId: text('patient_id')
      .notNull()
      .references(() => patients.id),
    reason: text('reason').notNull(),
    startedAt: text('started_at').notNull(),
    expiresAt: text('expires_at').notNull(),
    // Set when the staff member ends it early.
    endedAt: text('ended_at'),
    reviewOutcome: text('review_outcome', { enum: BREAK_GLASS_REVIEW_OUTCOMES }),
    reviewedByStaffId: text('reviewed_by_staff_id').references(() => staff.id),
    reviewedAt: text('reviewed_at'),
    reviewNote: text('review_note'),
  },
  (t) => [
    index('break_glass_grants_staff_idx').on(t.staffId, t.patientId),
    index('break_glass_grants_review_idx').on(t.reviewOutcome, t.startedAt),
  ],
);

export const breakGlassGrantsPhi = classifyColumns(breakGlassGrants, 'portal', {
  id: 'identifier',
  staffId: 'identifier',
  patientId: 'identifier',
  reason: 'full',
  startedAt: 'none',
  expiresAt: 'none',
  endedAt: 'none',
  reviewOutcome: 'none',
  reviewedByStaffId: 'identifier',
  reviewedAt: 'none',
  reviewNote: 'full',
});
