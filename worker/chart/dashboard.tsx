import { and, desc, eq, isNull } from 'drizzle-orm';
import { Hono } from 'hono';
import type { AppEnv } from '../app.ts';
import { results } from '../../schema/index.ts';
import { DashboardPage } from '../../views/pages/dashboard.tsx';
import { pageChrome, renderPage } from '../http/render.ts';
import { loadAppointments } from './appointments.tsx';
import { resultSummary } from './format.ts';
import { authorizeView, mayView, openedChart } from './guard.ts';
import { loadThreads } from './messages.tsx';

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
  };
  const chrome = pageChrome(c, 'Home', { patientId, patientName, current: 'home' });
  return renderPage(c, <DashboardPage chrome={chrome} model={model} />);
});
