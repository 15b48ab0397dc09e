import type { Context } from 'hono';
import { auditEvents } from '../../schema/index.ts';
import type { AppEnv } from '../app.ts';

export type ActorRole = 'self' | 'proxy' | 'staff' | 'anonymous';

export interface AuditEventInput {
  actorPersonId?: string | null;
  actorRole: ActorRole;
  actingForPatientId?: string | null;
  // Dotted verb, for example "chart.view", "sign-in.code-failed", "session.timed-out".
  action: string;
  resourceType: string;
  resourceId?: string | null;
  patientId?: string | null;
  outcome: 'allow' | 'deny' | 'success' | 'failure';
  // The access decision's reason, or why a security event happened. Never PHI.
  reason: string;
}

/**
 * Builds the insert of one audit event. The caller awaits it, or puts it in a `db.batch()` with
 * the change it records so that both are written or neither is. A PHI response must be sent
 * only after this insert succeeded: if it throws, the error handler answers 503 without PHI.
 *
 * TODO: hash chain (prev_hash, hash) with serialized appends; the columns are reserved for it.
 */
export function appendAuditEvent(c: Context<AppEnv>, event: AuditEventInput) {
  return c.var.db.insert(auditEvents).values({
    at: new Date().toISOString(),
    actorPersonId: event.actorPersonId ?? null,
    actorRole: event.actorRole,
    actingForPatientId: event.actingForPatientId ?? null,
    action: event.action,
    resourceType: event.resourceType,
    resourceId: event.resourceId ?? null,
    patientId: event.patientId ?? null,
    outcome: event.outcome,
    reason: event.reason,
    requestId: c.var.requestId,
    clientClass: clientClass(c.req.header('user-agent')),
  });
}

/** Reduces a user agent to a coarse device class, so no fingerprint is stored. */
export function clientClass(userAgent: string | undefined): string {
  if (!userAgent) return 'unknown';
  if (/iPad|Tablet/i.test(userAgent)) return 'tablet';
  if (/Mobi|Android|iPhone/i.test(userAgent)) return 'phone';
  return 'computer';
}
