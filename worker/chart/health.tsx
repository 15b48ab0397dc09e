import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { Hono } from 'hono';
import type { AppEnv } from '../app.ts';
import { allergies, immunizations, problems } from '../../schema/index.ts';
import { HealthSummaryPage } from '../../views/pages/health-summary.tsx';
import { pageChrome, renderPage } from '../http/render.ts';
import { authorizeView, openedChart, visibleSensitivities } from './guard.ts';
import { privateItemsHidden } from './private-items.ts';

export const healthRoutes = new Hono<AppEnv>();

healthRoutes.get('/health', async (c) => {
  const { patientId, patientName } = openedChart(c);
  const db = c.var.db;
  // A teen's sensitive problems (mental health, for example) are hidden from parental proxies.
  const visible = visibleSensitivities(c, 'health-summary');
  const [problemRows, allergyRows, immunizationRows] = await db.batch([
    db
      .select({
        id: problems.id,
        name: problems.name,
        onsetOn: problems.onsetOn,
        status: problems.status,
      })
      .from(problems)
      .where(and(eq(problems.patientId, patientId), inArray(problems.sensitivity, visible)))
      .orderBy(asc(problems.status), desc(problems.onsetOn)),
    db
      .select({
        id: allergies.id,
        substance: allergies.substance,
        reaction: allergies.reaction,
        severity: allergies.severity,
      })
      .from(allergies)
      .where(eq(allergies.patientId, patientId)),
    db
      .select({
        id: immunizations.id,
        name: immunizations.name,
        givenOn: immunizations.givenOn,
        doseNumber: immunizations.doseNumber,
      })
      .from(immunizations)
      .where(eq(immunizations.patientId, patientId))
      .orderBy(desc(immunizations.givenOn)),
  ]);

  await authorizeView(c, { type: 'health-summary', sensitivity: 'normal' });

  const model = { problems: problemRows, allergies: allergyRows, immunizations: immunizationRows };
  const chrome = pageChrome(c, 'Health summary', {
    patientId,
    patientName,
    current: 'health',
    privateItemsHidden: privateItemsHidden(c, 'health-summary'),
  });
  return renderPage(c, <HealthSummaryPage chrome={chrome} model={model} />);
});
