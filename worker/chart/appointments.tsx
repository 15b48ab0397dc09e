import { and, asc, eq, inArray } from 'drizzle-orm';
import { Hono } from 'hono';
import { appointments, staff } from '../../schema/index.ts';
import type { AppointmentSummary } from '../../views/models.ts';
import { AppointmentsPage } from '../../views/pages/appointments.tsx';
import type { Sensitivity } from '../../schema/chart.ts';
import type { AppEnv, Db } from '../app.ts';
import { pageChrome, renderPage } from '../http/render.ts';
import { authorizeView, openedChart, visibleSensitivities } from './guard.ts';
import { privateItemsHidden } from './private-items.ts';

const KIND_LABELS: Record<string, string> = {
  office: 'Office visit',
  annual: 'Annual check-up',
  telehealth: 'Video visit',
  lab: 'Lab appointment',
  'well-child': 'Well-child visit',
};

export const appointmentRoutes = new Hono<AppEnv>();

appointmentRoutes.get('/appointments', async (c) => {
  const { patientId, patientName } = openedChart(c);
  const rows = await loadAppointments(c.var.db, patientId, visibleSensitivities(c, 'appointment'));

  await authorizeView(c, { type: 'appointment', sensitivity: 'normal' });

  const now = new Date().toISOString();
  const model = {
    upcoming: rows.filter((row) => row.startsAt >= now && row.status === 'booked'),
    past: rows.filter((row) => row.startsAt < now || row.status !== 'booked').reverse(),
  };
  const chrome = pageChrome(c, 'Appointments', {
    patientId,
    patientName,
    current: 'appointments',
    privateItemsHidden: privateItemsHidden(c, 'appointment'),
  });
  return renderPage(c, <AppointmentsPage chrome={chrome} model={model} />);
});

/**
 * Loads a patient's appointments in the given sensitivity categories, oldest first, as the pages
 * show them. Pass the categories the actor may view.
 */
export async function loadAppointments(
  db: Db,
  patientId: string,
  sensitivities: Sensitivity[],
): Promise<AppointmentSummary[]> {
  const rows = await db
    .select({
      id: appointments.id,
      startsAt: appointments.startsAt,
      durationMinutes: appointments.durationMinutes,
      kind: appointments.kind,
      reason: appointments.reason,
      location: appointments.location,
      clinician: staff.displayName,
      status: appointments.status,
    })
    .from(appointments)
    .leftJoin(staff, eq(staff.id, appointments.clinicianStaffId))
    .where(
      and(eq(appointments.patientId, patientId), inArray(appointments.sensitivity, sensitivities)),
    )
    .orderBy(asc(appointments.startsAt));
  return rows.map(({ kind, ...row }) => ({ ...row, kindLabel: KIND_LABELS[kind] ?? kind }));
}
