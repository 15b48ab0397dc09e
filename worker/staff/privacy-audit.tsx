import { eq } from 'drizzle-orm';
import { Hono, type Context } from 'hono';
import { auditAlerts } from '../../schema/index.ts';
import type { FormError } from '../../views/models.ts';
import { PrivacyAlertsPage } from '../../views/pages/privacy-alerts.tsx';
import { PrivacyAuditPage } from '../../views/pages/privacy-audit.tsx';
import type { AuditFilterValues } from '../../views/pages/privacy-models.ts';
import type { AppEnv } from '../app.ts';
import { ALERT_TITLES } from '../audit/alerts.ts';
import { appendAuditEvent } from '../audit/append.ts';
import {
  acknowledgeAlert,
  listAlerts,
  searchAuditEvents,
  type AuditSearch,
} from '../audit/review.ts';
import { addDays, startOfDay } from '../audit/review-week.ts';
import { NotFound } from '../http/errors.tsx';
import { pageChrome, renderPage } from '../http/render.ts';
import { auditReviewRead, requirePrivacyOfficer } from './privacy-officer.ts';
import { loadStaffMember, requireStaff } from './staff-member.ts';

/** The privacy officer's audit search and alert list, at AAL2. */
export const privacyAuditRoutes = new Hono<AppEnv>();

privacyAuditRoutes.use('/staff/privacy/*', requireStaff(), requirePrivacyOfficer());

const OUTCOMES = new Set(['allow', 'deny', 'success', 'failure']);
const FILTER_NAMES = ['person', 'patient', 'action', 'outcome', 'from', 'to'] as const;
// Ids in this portal are UUIDs or short slugs. Anything else, such as an email or a name, is
// rejected so that it does not stay in the URL and the browser history.
const ID_PATTERN = /^[A-Za-z0-9_-]{1,100}$/;

privacyAuditRoutes.get('/staff/privacy/audit', async (c) => {
  const member = await loadStaffMember(c);
  const filters = readFilters(c);
  const page = Math.max(1, Math.floor(Number(c.req.query('page') ?? '1')) || 1);
  const chrome = pageChrome(c, 'Audit trail');

  const { search, errors } = checkFilters(filters, page, c.var.config.clinicTimeZone);
  if (!search) {
    const model = { filters, errors, events: [], page, previousPage: null, nextPage: null };
    return renderPage(c, <PrivacyAuditPage chrome={chrome} model={model} />, 400);
  }
  const { events, hasNextPage } = await searchAuditEvents(c.var.db, search);

  const used = FILTER_NAMES.filter((name) => filters[name] !== '');
  await auditReviewRead(c, member, {
    resourceType: 'audit-trail',
    resourceId: search.personId,
    patientId: search.patientId,
    reason: `filters:${used.join(',') || 'none'};page:${page}`,
  });

  const model = {
    filters,
    errors,
    events,
    page,
    previousPage: page > 1 ? searchPath(filters, page - 1) : null,
    nextPage: hasNextPage ? searchPath(filters, page + 1) : null,
  };
  return renderPage(c, <PrivacyAuditPage chrome={chrome} model={model} />);
});

privacyAuditRoutes.get('/staff/privacy/alerts', async (c) => {
  const member = await loadStaffMember(c);
  const alerts = await listAlerts(c.var.db);

  await auditReviewRead(c, member, { resourceType: 'audit-alerts', reason: 'alert-list' });

  const model = {
    alerts: alerts.map((alert) => ({ ...alert, title: capitalize(ALERT_TITLES[alert.kind]) })),
  };
  return renderPage(c, <PrivacyAlertsPage chrome={pageChrome(c, 'Alerts')} model={model} />);
});

privacyAuditRoutes.post('/staff/privacy/alerts/:alertId/acknowledge', async (c) => {
  const member = await loadStaffMember(c);
  const alertId = c.req.param('alertId');
  const [alert] = await c.var.db
    .select({ acknowledgedAt: auditAlerts.acknowledgedAt })
    .from(auditAlerts)
    .where(eq(auditAlerts.id, alertId));
  if (!alert) throw new NotFound();

  // An alert acknowledged twice, for example from two open tabs, keeps the first.
  if (!alert.acknowledgedAt) {
    await appendAuditEvent(c, {
      actorPersonId: member.personId,
      actorRole: 'staff',
      action: 'audit.alert-acknowledge',
      resourceType: 'audit-alert',
      resourceId: alertId,
      outcome: 'success',
      reason: 'acknowledged',
    });
    await acknowledgeAlert(c.var.db, alertId, member.staffId, new Date());
  }
  return c.redirect(`/staff/privacy/alerts#alert-${alertId}`, 303);
});

function readFilters(c: Context<AppEnv>): AuditFilterValues {
  const value = (name: string) => (c.req.query(name) ?? '').trim();
  return {
    person: value('person'),
    patient: value('patient'),
    action: value('action'),
    outcome: OUTCOMES.has(value('outcome')) ? value('outcome') : '',
    from: value('from'),
    to: value('to'),
  };
}

function checkFilters(
  filters: AuditFilterValues,
  page: number,
  timeZone: string,
): { search: AuditSearch | null; errors: FormError[] } {
  const errors: FormError[] = [];
  if (filters.person && !ID_PATTERN.test(filters.person)) {
    errors.push({ field: 'person', message: "Enter the person's id, not a name or email address" });
  }
  if (filters.patient && !ID_PATTERN.test(filters.patient)) {
    errors.push({ field: 'patient', message: "Enter the patient's id, not a name or MRN" });
  }
  if (filters.action && !/^[a-z0-9.-]{1,60}$/.test(filters.action)) {
    errors.push({ field: 'action', message: 'Enter an action such as chart.view or sign-in' });
  }
  for (const field of ['from', 'to'] as const) {
    if (filters[field] && !isDate(filters[field])) {
      errors.push({ field, message: 'Enter a date as year-month-day, for example 2026-11-23' });
    }
  }
  if (errors.length === 0 && filters.from && filters.to && filters.from > filters.to) {
    errors.push({ field: 'to', message: 'Enter a date on or after the first day' });
  }
  if (errors.length > 0) return { search: null, errors };

  return {
    errors,
    search: {
      personId: filters.person || null,
      patientId: filters.patient || null,
      action: filters.action || null,
      outcome: (filters.outcome || null) as AuditSearch['outcome'],
      fromInstant: filters.from ? startOfDay(filters.from, timeZone).toISOString() : null,
      toInstant: filters.to ? startOfDay(addDays(filters.to, 1), timeZone).toISOString() : null,
      page,
    },
  };
}

function searchPath(filters: AuditFilterValues, page: number) {
  const params = new URLSearchParams();
  for (const name of FILTER_NAMES) if (filters[name]) params.set(name, filters[name]);
  params.set('page', String(page));
  return `/staff/privacy/audit?${params}`;
}

function isDate(value: string) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const time = Date.parse(`${value}T00:00:00Z`);
  // 2026-02-30 is rejected whether Date.parse returns NaN for it or rolls it over to March.
  return !Number.isNaN(time) && new Date(time).toISOString().startsWith(value);
}

function capitalize(text: string) {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
