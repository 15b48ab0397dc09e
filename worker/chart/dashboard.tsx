import { and, desc, eq, gt, isNull, lte, or } from 'drizzle-orm';
import { Hono, type Context } from 'hono';
import type { AppEnv } from '../app.ts';
import { patients, relationships, results } from '../../schema/index.ts';
import { calendarDate } from '../access/policy.ts';
import { DashboardPage } from '../../views/pages/dashboard.tsx';
import { pageChrome, renderPage } from '../http/render.ts';
import { loadAppointments } from './appointments.tsx';
import { resultSummary } from './format.ts';
import { authorizeView, mayView, openedChart } from './guard.ts';
import { loadThreads } from './messages.tsx';

const RELATIONSHIP_LABELS: Record<string, string> = {
  'parent-of-minor': 'parent',
  'legal-guardian-of-minor': 'legal guardian',
  'court-appointed-guardian': 'court-appointed guardian',
  'health-care-power-of-attorney': 'health care power of attorney',
  'adult-designated-proxy': 'proxy',
};

export const dashboardRoutes = new Hono<AppEnv>();

dashboardRoutes.get('/', async (c) => {
  const { patientId, patientName } = openedChart(c);
  const db = c.var.db;
  const now = new Date().toISOString();
  const [appointments, newResults, threads] = await Promise.all([
    loadAppointments(db, patientId),
    db
      .select()
      .from(results)
      .where(and(eq(results.patientId, patientId), isNull(results.viewedAt)))
      .orderBy(desc(results.releasedAt))
      .limit(5),
    loadThreads(db, patientId),
  ]);

  await authorizeView(c, { type: 'dashboard', sensitivity: 'normal' });

  const model = {
    patientName,
    nextAppointment:
      appointments.find((row) => row.startsAt >= now && row.status === 'booked') ?? null,
    newResults: newResults.map(resultSummary),
    unreadThreads: threads.filter((thread) => thread.unreadCount > 0),
    canViewAccessHistory: mayView(c, { type: 'access-history', sensitivity: 'normal' }),
    actingFor: openedChart(c).actor.ownPatientId === patientId ? await loadActingFor(c) : [],
  };
  const chrome = pageChrome(c, 'Home', { patientId, patientName, current: 'home' });
  return renderPage(c, <DashboardPage chrome={chrome} model={model} />);
});

/**
 * Lists the people the signed-in person may act for today. Only names and the kind of
 * relationship are read, and the proxy already has both. Each chart link runs its own access
 * decision, which asks for a passkey first.
 */
async function loadActingFor(c: Context<AppEnv>) {
  const person = c.var.person!;
  const today = calendarDate(new Date(), c.var.config.clinicTimeZone);
  const rows = await c.var.db
    .select({
      patientId: patients.id,
      givenName: patients.givenName,
      preferredName: patients.preferredName,
      familyName: patients.familyName,
      kind: relationships.kind,
    })
    .from(relationships)
    .innerJoin(patients, eq(patients.id, relationships.patientId))
    .where(
      and(
        eq(relationships.proxyPersonId, person.personId),
        eq(relationships.status, 'active'),
        lte(relationships.validFrom, today),
        or(isNull(relationships.validTo), gt(relationships.validTo, today)),
      ),
    )
    .orderBy(patients.givenName);
  return rows.map((row) => ({
    name: `${row.preferredName ?? row.givenName} ${row.familyName}`,
    relationship: RELATIONSHIP_LABELS[row.kind] ?? row.kind,
    patientId: row.patientId,
  }));
}
