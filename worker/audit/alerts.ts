// Audit alerts, computed right after an event is appended: bulk access to charts, bursts of
// failed sign-ins, and every break-glass start. Each alert is a row in audit_alerts and an email
// to the privacy office through the outbox. Neither contains PHI, only ids, counts and a link.
import { and, count, countDistinct, eq, gt, gte, isNotNull, like, sql } from 'drizzle-orm';
import type { Context } from 'hono';
import {
  auditAlerts,
  auditEvents,
  oneTimeCodes,
  rateLimits,
  type AUDIT_ALERT_KINDS,
} from '../../schema/index.ts';
import type { AppEnv } from '../app.ts';
import { randomToken } from '../auth/crypto.ts';
import { clientKey } from '../http/rate-limit.ts';
import { queueNotification } from '../notify/outbox.ts';
import { log } from '../phi/log.ts';

export type AlertKind = (typeof AUDIT_ALERT_KINDS)[number];

/** The columns of an appended event that alerts look at. */
export interface AppendedEvent {
  seq: number;
  at: string;
  actorPersonId: string | null;
  action: string;
  resourceId: string | null;
  patientId: string | null;
  outcome: string;
}

interface AlertCandidate {
  kind: AlertKind;
  subjectKey: string;
  eventCount: number;
  windowStart: string;
}

// Failed sign-ins of either kind: a wrong one-time code, or a passkey assertion that failed.
const FAILED_SIGN_IN_ACTIONS = new Set(['sign-in.code-failed', 'passkey.sign-in-failed']);
const MINUTE_MS = 60_000;

/**
 * Checks one appended event against the alert rules and records any alert it raises. Events no
 * rule looks at cost no query. A failure is logged and not re-thrown: the event is already in the
 * trail, and the break-glass review queue and the audit search still show what happened.
 */
export async function raiseAlerts(c: Context<AppEnv>, event: AppendedEvent): Promise<void> {
  // The portal's middleware always sets the config. Only bare test apps that append events
  // directly run without it, and they get no alerts.
  if (!c.var.config) return;
  try {
    const candidates = await findAlerts(c, event);
    for (const candidate of candidates) await recordAlert(c, event, candidate);
  } catch (error) {
    const name = error instanceof Error ? error.name : 'Error';
    log('error', 'audit.alert-failed', { requestId: c.var.requestId, seq: event.seq, error: name });
  }
}

async function findAlerts(c: Context<AppEnv>, event: AppendedEvent): Promise<AlertCandidate[]> {
  if (event.action === 'break-glass.start') {
    const subjectKey = `person:${event.actorPersonId ?? 'unknown'}`;
    return [{ kind: 'break-glass', subjectKey, eventCount: 1, windowStart: event.at }];
  }
  if (FAILED_SIGN_IN_ACTIONS.has(event.action)) return failedSignInAlerts(c, event);
  if (event.outcome === 'allow' && event.patientId && event.actorPersonId) {
    const alert = await bulkAccessAlert(c, event, event.actorPersonId);
    return alert ? [alert] : [];
  }
  return [];
}

/**
 * Counts the distinct charts and the downloads of one actor over the last bulkAccessMinutes,
 * through the index on (actor_person_id, at). Raises an alert when either count reaches the
 * threshold, unless the actor already had one within the window.
 */
async function bulkAccessAlert(
  c: Context<AppEnv>,
  event: AppendedEvent,
  actorPersonId: string,
): Promise<AlertCandidate | null> {
  const { db, config } = c.var;
  const { bulkAccessCharts: threshold, bulkAccessMinutes: minutes } = config.audit;
  const windowStart = new Date(Date.parse(event.at) - minutes * MINUTE_MS).toISOString();

  const [counts] = await db
    .select({
      charts: countDistinct(auditEvents.patientId),
      downloads: sql<number>`coalesce(sum(${like(auditEvents.action, '%download%')}), 0)`,
    })
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.actorPersonId, actorPersonId),
        gte(auditEvents.at, windowStart),
        eq(auditEvents.outcome, 'allow'),
        isNotNull(auditEvents.patientId),
      ),
    );
  const eventCount = Math.max(counts?.charts ?? 0, Number(counts?.downloads ?? 0));
  if (eventCount < threshold) return null;

  // One alert per actor per window: an earlier alert whose window started less than one window
  // before this one already covers this burst.
  const subjectKey = `person:${actorPersonId}`;
  const previousStart = new Date(Date.parse(windowStart) - minutes * MINUTE_MS).toISOString();
  const [earlier] = await db
    .select({ alerts: count() })
    .from(auditAlerts)
    .where(
      and(
        eq(auditAlerts.kind, 'bulk-access'),
        eq(auditAlerts.subjectKey, subjectKey),
        gt(auditAlerts.windowStart, previousStart),
      ),
    );
  if ((earlier?.alerts ?? 0) > 0) return null;
  return { kind: 'bulk-access', subjectKey, eventCount, windowStart };
}

/**
 * Counts a failed sign-in for its account (when the code or passkey belongs to one) and for its
 * client, each in a fixed window of failedSignInMinutes. The counters are rows of rate_limits,
 * raised by one atomic upsert, so exactly one request gets back a count equal to the threshold and
 * concurrent failures raise one alert per window.
 *
 * The windows are fixed, aligned to multiples of the window length since the Unix epoch, so a
 * burst split across two windows raises an alert only when one window alone reaches the count.
 *
 * NOTE: consumeRateLimit deletes rate_limits rows whose window started more than 15 minutes ago,
 * so with AUDIT_FAILED_SIGN_IN_MINUTES above 15 a counter may restart inside its window.
 */
async function failedSignInAlerts(
  c: Context<AppEnv>,
  event: AppendedEvent,
): Promise<AlertCandidate[]> {
  const { db, config } = c.var;
  const windowMs = config.audit.failedSignInMinutes * MINUTE_MS;
  const windowStart = new Date(Math.floor(Date.parse(event.at) / windowMs) * windowMs);

  const subjects = [`client:${await clientKey(c)}`];
  const accountId = await failedAccountId(c, event);
  if (accountId) subjects.push(`person:${accountId}`);

  const alerts: AlertCandidate[] = [];
  for (const subjectKey of subjects) {
    const [row] = await db
      .insert(rateLimits)
      .values({
        bucket: `audit-alert:failed-sign-in:${subjectKey}`,
        windowStart: windowStart.toISOString(),
        count: 1,
      })
      .onConflictDoUpdate({
        target: [rateLimits.bucket, rateLimits.windowStart],
        set: { count: sql`${rateLimits.count} + 1` },
      })
      .returning({ count: rateLimits.count });
    if (row?.count === config.audit.failedSignInCount) {
      alerts.push({
        kind: 'failed-sign-in-burst',
        subjectKey,
        eventCount: row.count,
        windowStart: windowStart.toISOString(),
      });
    }
  }
  return alerts;
}

// A failed code check names the code row, which names the account. A failed passkey sign-in
// names the person when the passkey was found.
async function failedAccountId(c: Context<AppEnv>, event: AppendedEvent) {
  if (event.actorPersonId) return event.actorPersonId;
  if (event.action !== 'sign-in.code-failed' || !event.resourceId) return null;

  const [code] = await c.var.db
    .select({ personId: oneTimeCodes.personId })
    .from(oneTimeCodes)
    .where(eq(oneTimeCodes.id, event.resourceId));
  return code?.personId ?? null;
}

async function recordAlert(c: Context<AppEnv>, event: AppendedEvent, candidate: AlertCandidate) {
  const { db, config } = c.var;
  const id = randomToken(16);
  const link = new URL(`/staff/privacy/alerts#alert-${id}`, c.req.url).href;

  await db.batch([
    db.insert(auditAlerts).values({
      id,
      ...candidate,
      triggerSeq: event.seq,
      createdAt: new Date().toISOString(),
    }),
    queueNotification(c, {
      channel: 'email',
      recipient: config.audit.privacyOfficeEmail,
      subject: `Audit alert: ${ALERT_TITLES[candidate.kind]}`,
      body: alertBody(id, candidate, event.seq, link),
    }),
  ]);
  log('warn', 'audit.alert-raised', { alertId: id, kind: candidate.kind, seq: event.seq });
}

export const ALERT_TITLES: Record<AlertKind, string> = {
  'bulk-access': 'bulk access to charts',
  'failed-sign-in-burst': 'burst of failed sign-ins',
  'break-glass': 'break-glass access started',
};

// Ids and counts only: the subject key is a person id or a keyed hash of a client address.
function alertBody(id: string, candidate: AlertCandidate, seq: number, link: string) {
  return (
    `Alert ${id}: ${ALERT_TITLES[candidate.kind]} by ${candidate.subjectKey}, ` +
    `${candidate.eventCount} event(s) since ${candidate.windowStart}, raised by audit event ` +
    `${seq}. Review it at ${link}`
  );
}
