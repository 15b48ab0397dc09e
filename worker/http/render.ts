import type { Context } from 'hono';
import type { JSX } from 'hono/jsx/jsx-runtime';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { BreakGlassBanner, PageChrome } from '../../views/models.ts';
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
  chart?: {
    patientId: string;
    patientName: string;
    current?: PageChrome['current'];
    // Set by list pages when the access decision keeps some sensitivity categories hidden.
    privateItemsHidden?: boolean;
  },
): PageChrome {
  return {
    title,
    signedInAs: c.var.person?.displayName ?? null,
    hasOwnChart: Boolean(c.var.person?.ownPatientId),
    chartPath: chart ? `/chart/${chart.patientId}` : null,
    chartOf: chart?.patientName ?? null,
    current: chart?.current,
    hiddenNav: chart ? c.var.chart?.access.hiddenSections : undefined,
    timeZone: c.var.config?.clinicTimeZone ?? 'America/Chicago',
    subjectIsViewer: chart ? c.var.person?.ownPatientId === chart.patientId : true,
    breakGlass: chart ? breakGlassBanner(c, chart.patientId) : null,
    idleTimeoutSeconds:
      c.var.person && c.var.config ? Math.round(c.var.config.sessionIdleMs / 1000) : null,
    privateItemsHidden: chart?.privateItemsHidden ?? false,
    viewerIsStaff: Boolean(c.var.person?.staffId),
  };
}

/** Builds the break-glass banner data while the open chart's access rests on break-glass. */
function breakGlassBanner(c: Context<AppEnv>, patientId: string): BreakGlassBanner | null {
  const access = c.var.chart?.access;
  if (access?.reason !== 'break-glass' || !access.breakGlassExpiresAt) return null;

  return {
    endPath: `/staff/break-glass/${patientId}/end`,
    startedAt: access.breakGlassStartedAt,
    expiresAt: access.breakGlassExpiresAt,
  };
}
