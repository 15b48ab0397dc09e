import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import { Hono, type Context } from 'hono';
import type { AppEnv } from '../app.ts';
import { results } from '../../schema/index.ts';
import { DashboardPage } from '../../views/pages/dashboard.tsx';
import { ProxyHomePage } from '../../views/pages/proxy-home.tsx';
import { pageChrome, renderPage } from '../http/render.ts';
import { loadActingFor } from './acting-for.ts';
import { loadAppointments } from './appointments.tsx';
import { resultSummary } from './format.ts';
import { authorizeView, mayView, openedChart, visibleSensitivities } from './guard.ts';
import { loadThreads } from './messages.tsx';
import { privateItemsHidden } from './private-items.ts';

export const dashboardRoutes = new Hono<AppEnv>();

dashboardRoutes.get('/', async (c) => {
  const { patientId, patientName, actor } = openedChart(c);
  const db = c.var.db;
  const now = new Date().toISOString();
  // A proxy opens the chart with any one scope, so the home page shows only the sections the
  // actor may view: appointments need scheduling, results record and messages messaging.
  const sections = {
    appointments: mayView(c, { type: 'appointment', sensitivity: 'normal' }),
    results: mayView(c, { type: 'result', sensitivity: 'normal' }),
    messages: mayView(c, { type: 'message-thread', sensitivity: 'normal' }),
  };
  // Each card reads only what the actor may see: a parent of a teen gets no sensitive item, and
  // a proxy without the messaging or scheduling scope gets no messages or appointments.
  const [appointments, newResults, threads] = await Promise.all([
    loadAppointments(db, patientId, visibleSensitivities(c, 'appointment')),
    db
      .select()
      .from(results)
      .where(
        and(
          eq(results.patientId, patientId),
          isNull(results.viewedAt),
          inArray(results.sensitivity, visibleSensitivities(c, 'result')),
        ),
      )
      .orderBy(desc(results.releasedAt))
      .limit(5),
    loadThreads(db, patientId, visibleSensitivities(c, 'message-thread')),
  ]);

  await authorizeView(c, { type: 'dashboard', sensitivity: 'normal' });

  const model = {
    patientName,
    sections,
    nextAppointment:
      appointments.find((row) => row.startsAt >= now && row.status === 'booked') ?? null,
    newResults: newResults.map(resultSummary),
    unreadThreads: threads.filter((thread) => thread.unreadCount > 0),
    canViewAccessHistory: mayView(c, { type: 'access-history', sensitivity: 'normal' }),
    ...(actor.ownPatientId === patientId
      ? await loadActingFor(c)
      : { actingFor: [], passkeyStep: 'none' as const }),
  };
  const chrome = pageChrome(c, 'Home', {
    patientId,
    patientName,
    current: 'home',
    privateItemsHidden: privateItemsHidden(c, 'appointment', 'result', 'message-thread'),
  });
  return renderPage(c, <DashboardPage chrome={chrome} model={model} />);
});

/**
 * Renders the home page of a person who has no chart of their own: the people whose chart they
 * may open now as a proxy. Mount after `requireSignIn()`.
 */
export async function proxyHome(c: Context<AppEnv>) {
  const model = await loadActingFor(c);

  return renderPage(c, <ProxyHomePage chrome={pageChrome(c, 'Home')} model={model} />);
}
