import { and, desc, eq, inArray, isNull, lt } from 'drizzle-orm';
import { Hono } from 'hono';
import type { AppEnv } from '../app.ts';
import { results } from '../../schema/index.ts';
import { ResultDetailPage } from '../../views/pages/result-detail.tsx';
import { ResultsPage } from '../../views/pages/results.tsx';
import { pageChrome, renderPage } from '../http/render.ts';
import { displayUnit, displayValue, resultSummary } from './format.ts';
import { NotFound } from '../http/errors.tsx';
import { authorizeView, openedChart, visibleSensitivities } from './guard.ts';
import { privateItemsHidden } from './private-items.ts';

// Earlier values shown on a result's page; one more is read to tell whether there are others.
const HISTORY_LENGTH = 10;

export const resultRoutes = new Hono<AppEnv>();

resultRoutes.get('/results', async (c) => {
  const { patientId, patientName } = openedChart(c);
  // Items the actor may not see, such as a teen's sensitive results for a parent, are never read.
  const visible = visibleSensitivities(c, 'result');
  const rows = await c.var.db
    .select()
    .from(results)
    .where(and(eq(results.patientId, patientId), inArray(results.sensitivity, visible)))
    .orderBy(desc(results.observedAt), results.panel, results.name);

  // NOTE: the list is audited as one event; each item opened gets its own event.
  await authorizeView(c, { type: 'result', sensitivity: 'normal' });

  const chrome = pageChrome(c, 'Test results', {
    patientId,
    patientName,
    current: 'results',
    privateItemsHidden: privateItemsHidden(c, 'result'),
  });
  return renderPage(
    c,
    <ResultsPage chrome={chrome} model={{ results: rows.map(resultSummary) }} />,
  );
});

resultRoutes.get('/results/:resultId', async (c) => {
  const { patientId, patientName } = openedChart(c);
  const db = c.var.db;
  const [row] = await db
    .select()
    .from(results)
    .where(and(eq(results.patientId, patientId), eq(results.id, c.req.param('resultId'))));
  if (!row) throw new NotFound();

  await authorizeView(c, { type: 'result', id: row.id, sensitivity: row.sensitivity });

  const history = await db
    .select()
    .from(results)
    .where(
      and(
        eq(results.patientId, patientId),
        eq(results.loincCode, row.loincCode),
        lt(results.observedAt, row.observedAt),
        inArray(results.sensitivity, visibleSensitivities(c, 'result')),
      ),
    )
    .orderBy(desc(results.observedAt))
    .limit(HISTORY_LENGTH + 1);
  if (row.viewedAt === null && openedChart(c).actor.ownPatientId === patientId) {
    await db
      .update(results)
      .set({ viewedAt: new Date().toISOString() })
      .where(and(eq(results.id, row.id), isNull(results.viewedAt)));
  }

  const model = {
    ...resultSummary(row),
    loincCode: row.loincCode,
    valueNumeric: row.valueNumeric,
    valueText: row.valueText,
    unit: displayUnit(row.unit),
    referenceLow: row.referenceLow,
    referenceHigh: row.referenceHigh,
    releasedAt: row.releasedAt,
    history: history.slice(0, HISTORY_LENGTH).map((earlier) => ({
      observedAt: earlier.observedAt,
      display: displayValue(earlier),
      flag: earlier.flag,
    })),
    olderNotShown: history.length > HISTORY_LENGTH,
  };
  const chrome = pageChrome(c, row.name, { patientId, patientName, current: 'results' });
  return renderPage(c, <ResultDetailPage chrome={chrome} model={model} />);
});
