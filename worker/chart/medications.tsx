import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { Hono } from 'hono';
import type { AppEnv } from '../app.ts';
import { medications, staff } from '../../schema/index.ts';
import { MedicationsPage } from '../../views/pages/medications.tsx';
import { pageChrome, renderPage } from '../http/render.ts';
import { authorizeView, openedChart, visibleSensitivities } from './guard.ts';

export const medicationRoutes = new Hono<AppEnv>();

medicationRoutes.get('/medications', async (c) => {
  const { patientId, patientName } = openedChart(c);
  const rows = await c.var.db
    .select({
      id: medications.id,
      name: medications.name,
      instructions: medications.instructions,
      startedOn: medications.startedOn,
      endedOn: medications.endedOn,
      status: medications.status,
      prescriber: staff.displayName,
    })
    .from(medications)
    .leftJoin(staff, eq(staff.id, medications.prescriberStaffId))
    .where(
      and(
        eq(medications.patientId, patientId),
        inArray(medications.sensitivity, visibleSensitivities(c, 'medication')),
      ),
    )
    .orderBy(asc(medications.status), desc(medications.startedOn));

  await authorizeView(c, { type: 'medication', sensitivity: 'normal' });

  const chrome = pageChrome(c, 'Medications', { patientId, patientName, current: 'medications' });
  return renderPage(c, <MedicationsPage chrome={chrome} model={{ medications: rows }} />);
});
