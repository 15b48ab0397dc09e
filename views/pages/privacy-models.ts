// View models of the privacy officer's review pages. Ids stand for patients; people are shown by
// display name. Instants are ISO strings that the pages format in the clinic's time zone.
import type { FormError } from '../models.ts';

/** The audit search form as typed, so the page shows it again. */
export interface AuditFilterValues {
  person: string;
  patient: string;
  action: string;
  outcome: string;
  from: string;
  to: string;
}

export interface AuditEventRow {
  seq: number;
  at: string;
  actorName: string | null;
  actorPersonId: string | null;
  actorRole: string;
  actingForPatientId: string | null;
  action: string;
  resourceType: string;
  resourceId: string | null;
  patientId: string | null;
  outcome: string;
  reason: string;
}

export interface PrivacyAuditModel {
  filters: AuditFilterValues;
  errors: FormError[];
  events: AuditEventRow[];
  page: number;
  // Links to the neighbouring pages with the same filters, or null at either end.
  previousPage: string | null;
  nextPage: string | null;
}

export interface AlertRow {
  id: string;
  title: string;
  subjectKey: string;
  triggerSeq: number;
  eventCount: number;
  windowStart: string;
  createdAt: string;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
}

export interface PrivacyAlertsModel {
  alerts: AlertRow[];
}

export interface BreakGlassUseRow {
  id: string;
  staffName: string;
  patientId: string;
  // The reason the staff member gave, which the officer judges.
  reason: string;
  startedAt: string;
  expiresAt: string;
  endedAt: string | null;
  reviewOutcome: 'appropriate' | 'inappropriate' | null;
  reviewNote: string | null;
  reviewedAt: string | null;
  reviewedBy: string | null;
}

/** A review form that failed, with what was typed, shown beside its grant. */
export interface BreakGlassReviewAttempt {
  grantId: string;
  outcome: string;
  note: string;
  errors: FormError[];
}

export interface PrivacyBreakGlassModel {
  uses: BreakGlassUseRow[];
  attempt: BreakGlassReviewAttempt | null;
}

export interface SignOffRow {
  id: string;
  reviewer: string;
  signedAt: string;
  eventCount: number;
  firstSeq: number | null;
  lastSeq: number | null;
  note: string | null;
}

export interface PrivacyReviewsModel {
  // The Monday of the week shown, and the Monday after it.
  periodStart: string;
  periodEnd: string;
  // The Monday and the Sunday of the last complete week, the page's default week.
  lastCompleteMonday: string;
  lastCompleteSunday: string;
  // Value of the week field: the week shown, or the typed text when it was invalid.
  weekInput: string;
  counts: {
    eventCount: number;
    firstSeq: number | null;
    lastSeq: number | null;
    alertCount: number;
    breakGlassCount: number;
    unreviewedBreakGlass: number;
  };
  signOffs: SignOffRow[];
  note: string;
  errors: FormError[];
  // True right after this officer signed the week off.
  signed: boolean;
}
