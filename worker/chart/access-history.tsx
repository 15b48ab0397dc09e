import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { auditEvents, people, staff } from '../../schema/index.ts';
import type { AccessHistoryEntry, ViewedPart } from '../../views/models.ts';
import { AccessHistoryPage } from '../../views/pages/access-history.tsx';
import type { ChartResourceType } from '../access/policy.ts';
import type { AppEnv, Db } from '../app.ts';
import { NotFound } from '../http/errors.tsx';
import { pageChrome, renderPage } from '../http/render.ts';
import { authorizeView, openedChart } from './guard.ts';

const PAGE_SIZE = 50;
// Caps the page number so that the OFFSET stays a small, safe integer. 100,000 pages of 50 (5
// million views) is an assumed upper bound on one chart's history, not a measured one.
const MAX_PAGE = 100_000;

// The part of the chart that a view of each resource type opened: the whole list, or one item
// of it when the audit event names a resource id. Keyed by every resource type of the policy, so
// a new type does not compile until it has an entry here.
const VIEWED_PARTS: Record<ChartResourceType, { list: ViewedPart; item: ViewedPart }> = {
  chart: { list: 'chart', item: 'chart' },
  dashboard: { list: 'home', item: 'home' },
  result: { list: 'results', item: 'result' },
  medication: { list: 'medications', item: 'medications' },
  'message-thread': { list: 'messages', item: 'message-thread' },
  appointment: { list: 'appointments', item: 'appointments' },
  'health-summary': { list: 'health-summary', item: 'health-summary' },
  'access-history': { list: 'access-history', item: 'access-history' },
};

// authorizeView writes each chart view as the action "{resource type}.view". Sign-in, one-time
// code and session events have other actions, no patient id and a success or failure outcome.
const VIEW_ACTIONS = new Map(
  Object.entries(VIEWED_PARTS).map(([type, parts]) => [`${type}.view`, parts]),
);

// The allow reasons the policy's staff rules give a staff member's chart view. The page names
// them "your care team" and "emergency access". Any other reason reads as "clinic staff", which
// is true of every staff member.
const STAFF_CAPACITIES = new Map<string, 'care-team' | 'break-glass'>([
  ['care-team', 'care-team'],
  ['break-glass', 'break-glass'],
]);

export const accessHistoryRoutes = new Hono<AppEnv>();

accessHistoryRoutes.get('/access-history', async (c) => {
  const { patientId, patientName } = openedChart(c);
  const page = parsePage(c.req.query('page'));

  // Decided and audited before the trail is read, because the policy keeps this page to the
  // patient alone and a denied request should not read the trail at all. The view event written
  // here is the newest row, so page 1 lists this visit at the top as "You". It is shown on
  // purpose, because it is true and tells the patient that this page is audited like any other.
  await authorizeView(c, { type: 'access-history', sensitivity: 'normal' });

  const entries = await loadAccessHistory(c.var.db, patientId, page);

  const model = {
    entries: entries.slice(0, PAGE_SIZE),
    page,
    hasOlderPage: entries.length > PAGE_SIZE,
  };
  const chrome = pageChrome(c, 'Who has viewed your record', { patientId, patientName });
  return renderPage(c, <AccessHistoryPage chrome={chrome} model={model} />);
});

/**
 * Loads one page of the allowed views of a patient's chart, newest first, and one row more, so
 * the caller knows whether an older page exists. Reads audit_events by patient id only, through
 * its (patient_id, at) index, and names the viewers from people and staff.
 *
 * NOTE: pages are counted from the newest view, so a view written while the patient pages
 * through the list (their own visit to the next page included) moves every row down by one. The
 * next page then repeats the last row of the one before, but no row is skipped.
 */
async function loadAccessHistory(
  db: Db,
  patientId: string,
  page: number,
): Promise<AccessHistoryEntry[]> {
  const rows = await db
    .select({
      at: auditEvents.at,
      action: auditEvents.action,
      actorRole: auditEvents.actorRole,
      reason: auditEvents.reason,
      // Only whether the event names one item: resource ids never reach the page.
      isItem: sql<boolean>`${auditEvents.resourceId} is not null`.mapWith(Boolean),
      personName: people.displayName,
      // A correlated subquery rather than a join, because staff.person_id is not unique and a
      // join could repeat an event. staff.person_id has no index, so the subquery scans the
      // staff table, and it runs only for staff views.
      staffName: sql<string | null>`case when ${auditEvents.actorRole} = 'staff' then (
        select ${staff.displayName} from ${staff}
        where ${staff.personId} = ${auditEvents.actorPersonId}
        order by ${staff.id}
        limit 1
      ) end`,
    })
    .from(auditEvents)
    .leftJoin(people, eq(people.id, auditEvents.actorPersonId))
    .where(
      and(
        eq(auditEvents.patientId, patientId),
        eq(auditEvents.outcome, 'allow'),
        inArray(auditEvents.action, [...VIEW_ACTIONS.keys()]),
      ),
    )
    .orderBy(desc(auditEvents.at), desc(auditEvents.seq))
    .limit(PAGE_SIZE + 1)
    .offset((page - 1) * PAGE_SIZE);

  return rows.map((row) => ({
    viewedAt: row.at,
    viewed: viewedPart(row.action, row.isItem),
    ...viewerOf(row),
  }));
}

function viewedPart(action: string, isItem: boolean): ViewedPart {
  const parts = VIEW_ACTIONS.get(action);
  if (!parts) throw new Error(`the access history query returned an unknown action: ${action}`);
  return isItem ? parts.item : parts.list;
}

function viewerOf(row: {
  actorRole: string;
  reason: string;
  personName: string | null;
  staffName: string | null;
}): Pick<AccessHistoryEntry, 'capacity' | 'viewerName'> {
  switch (row.actorRole) {
    case 'self':
      return { capacity: 'self', viewerName: null };
    case 'proxy':
      return { capacity: 'proxy', viewerName: row.personName };
    case 'staff':
      return {
        capacity: STAFF_CAPACITIES.get(row.reason) ?? 'staff',
        viewerName: row.staffName ?? row.personName,
      };
    default:
      return { capacity: 'unknown', viewerName: null };
  }
}

// A missing page parameter means page 1. Anything but a whole number from 1 to MAX_PAGE gets
// the same 404 as an address that does not exist.
function parsePage(value: string | undefined): number {
  if (value === undefined) return 1;
  if (!/^[1-9]\d*$/.test(value)) throw new NotFound();
  const page = Number(value);
  if (page > MAX_PAGE) throw new NotFound();
  return page;
}
