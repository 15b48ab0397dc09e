import type { Context } from 'hono';
import type { JSX } from 'hono/jsx/jsx-runtime';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { PageChrome } from '../../views/models.ts';
import { renderDocument } from '../../views/render.ts';
import type { AppEnv } from '../app.ts';

/** Renders a whole page. Every page is dynamic and may hold PHI, so none is stored by caches. */
export async function renderPage(
  c: Context<AppEnv>,
  page: JSX.Element,
  status: ContentfulStatusCode = 200,
) {
  c.header('Cache-Control', 'no-store');
  return c.html(await renderDocument(page), status);
}

/** Builds the header and navigation data of a page for the current person. */
export function pageChrome(
  c: Context<AppEnv>,
  title: string,
  chart?: { patientId: string; patientName: string; current?: PageChrome['current'] },
): PageChrome {
  return {
    title,
    signedInAs: c.var.person?.displayName ?? null,
    chartPath: chart ? `/chart/${chart.patientId}` : null,
    chartOf: chart?.patientName ?? null,
    current: chart?.current,
    timeZone: c.var.config?.clinicTimeZone ?? 'America/Chicago',
  };
}
