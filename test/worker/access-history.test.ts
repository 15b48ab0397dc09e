import { env } from 'cloudflare:workers';
import { drizzle } from 'drizzle-orm/d1';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import * as schema from '../../schema/index.ts';
import css from '../../views/static/app.css';
import type { AppEnv } from '../../worker/app.ts';
import { appendAuditEvent, type AuditEventInput } from '../../worker/audit/append.ts';
import { createPatient, db, request, signIn, type TestPatient } from './fixtures.ts';

const BUDGET_BYTES = 14 * 1024;

function historyPath(patient: TestPatient, query = '') {
  return `/chart/${patient.patientId}/access-history${query}`;
}

// The cells of each body row, as text, in page order.
async function tableRows(html: string): Promise<string[][]> {
  const rows: string[][] = [];
  // The label each cell carries for narrow screens is left out of the cell's text.
  const withoutLabels = html.replaceAll(/<span class="cell-label">[^<]*<\/span>/g, '');
  await new HTMLRewriter()
    .on('tbody tr', { element: () => void rows.push([]) })
    .on('tbody th, tbody td', {
      element: () => void rows.at(-1)!.push(''),
      text(chunk) {
        const row = rows.at(-1)!;
        row[row.length - 1] += chunk.text;
      },
    })
    .transform(new Response(withoutLabels))
    .text();
  return rows.map((cells) => cells.map((cell) => cell.trim()));
}

async function linksIn(html: string): Promise<string[]> {
  const links: string[] = [];
  await new HTMLRewriter()
    .on('a', { element: (element) => void links.push(element.getAttribute('href') ?? '') })
    .transform(new Response(html))
    .text();
  return links.map((href) => href.replaceAll('&amp;', '&'));
}

async function gzipSize(text: string): Promise<number> {
  const compressed = new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'));
  return (await new Response(compressed).arrayBuffer()).byteLength;
}

// Appends an audit event through the real, hash-chained append, outside the portal's routes.
// The events represent views that no test route makes here (proxies at AAL2 need a passkey
// ceremony, and staff chart pages do not exist yet), so the page's wording and name lookups are
// checked without them.
async function appendViewEvent(event: AuditEventInput) {
  const app = new Hono<AppEnv>();
  app.get('/append', async (c) => {
    c.set('requestId', `request-${crypto.randomUUID()}`);
    c.set('db', drizzle(env.DB, { schema }));
    await appendAuditEvent(c, event);
    return c.text('ok');
  });
  const response = await app.request('/append');
  if (response.status !== 200) throw new Error(`append failed with ${response.status}`);
}

async function createStaff(label: string, displayName: string) {
  const personId = `person-staff-${label}`;
  const staffId = `staff-${label}`;
  const d = db();
  await d.batch([
    d.insert(schema.people).values({
      id: personId,
      email: `staff-${label}@example.org`,
      displayName: `Staff Person ${label}`,
      createdAt: '2026-01-01T00:00:00.000Z',
    }),
    d.insert(schema.staff).values({ id: staffId, personId, role: 'clinician', displayName }),
  ]);
  return { personId, staffId, email: `staff-${label}@example.org` };
}

describe('access history', () => {
  it('lists own earlier views as You', async () => {
    const patient = await createPatient('history-own');
    const session = await signIn(patient.email);
    await request(`/chart/${patient.patientId}/results`, { cookie: session });
    await request(`/chart/${patient.patientId}/results/${patient.resultId}`, { cookie: session });
    await request(`/chart/${patient.patientId}/medications`, { cookie: session });

    const response = await request(historyPath(patient), { cookie: session });
    const html = await response.text();
    const rows = await tableRows(html);

    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(html).toContain('<h1>Who has viewed your record</h1>');
    expect(rows.map((row) => row.slice(1))).toEqual([
      ['You', 'Who has viewed your record'],
      ['You', 'Medications'],
      ['You', 'A test result'],
      ['You', 'Test results'],
    ]);
    expect(rows[0]![0]).toMatch(/^\w+ \d{1,2}, \d{4} at \d{1,2}:\d{2} (AM|PM) C[SD]T$/);
  });

  it('omits denied views by another patient', async () => {
    const alice = await createPatient('history-alice');
    const bob = await createPatient('history-bob');
    const bobSession = await signIn(bob.email);
    const denied = await request(historyPath(alice), { cookie: bobSession });
    await request(`/chart/${alice.patientId}/results`, { cookie: bobSession });
    const deniedEvents = await env.DB.prepare(
      "select count(*) as count from audit_events where patient_id = ? and outcome = 'deny'",
    )
      .bind(alice.patientId)
      .first<{ count: number }>();

    const aliceSession = await signIn(alice.email);
    const html = await (await request(historyPath(alice), { cookie: aliceSession })).text();
    const rows = await tableRows(html);

    expect(denied.status).toBe(404);
    expect(deniedEvents?.count).toBe(2);
    expect(rows.map((row) => row[1])).toEqual(['You']);
    expect(html).not.toContain('Patient history-bob');
  });

  it('omits sign-in and session events', async () => {
    const patient = await createPatient('history-sign-in');
    await signIn(patient.email);
    const session = await signIn(patient.email);

    const html = await (await request(historyPath(patient), { cookie: session })).text();
    const rows = await tableRows(html);

    expect(rows).toHaveLength(1);
    expect(rows[0]![2]).toBe('Who has viewed your record');
  });

  it('shows no internal ids or emails', async () => {
    const patient = await createPatient('history-ids');
    const session = await signIn(patient.email);
    await request(`/chart/${patient.patientId}/results/${patient.resultId}`, { cookie: session });
    await request(`/chart/${patient.patientId}/messages/${patient.threadId}`, { cookie: session });

    const html = await (await request(historyPath(patient), { cookie: session })).text();
    const events = await env.DB.prepare(
      'select request_id, resource_id from audit_events where patient_id = ? or actor_person_id = ?',
    )
      .bind(patient.patientId, patient.personId)
      .all<{ request_id: string; resource_id: string | null }>();

    // The chart's own path, /chart/{patient id}, is in every link of a chart page. Besides
    // those links, the page shows no id at all.
    const withoutChartLinks = html.replaceAll(`href="/chart/${patient.patientId}`, 'href="');

    expect(html).toContain('A test result');
    expect(html).toContain('A message conversation');
    expect(withoutChartLinks).not.toContain(patient.patientId);
    expect(html).not.toContain(patient.personId);
    expect(html).not.toContain(patient.resultId);
    expect(html).not.toContain(patient.threadId);
    expect(html).not.toContain(patient.email);
    expect(events.results.length).toBeGreaterThan(0);
    for (const event of events.results) {
      expect(html).not.toContain(event.request_id);
      if (event.resource_id) expect(html).not.toContain(event.resource_id);
    }
  });

  it('names proxies and staff by capacity', async () => {
    const patient = await createPatient('history-names');
    const clinician = await createStaff('history-quill', 'Dr. Test Quill, MD');
    const emergency = await createStaff('history-glass', 'Dr. Test Glass, DO');
    const other = await createStaff('history-desk', 'Test Desk Clerk');
    const proxyPersonId = 'person-history-proxy';
    await db().insert(schema.people).values({
      id: proxyPersonId,
      email: 'history-proxy@example.org',
      displayName: 'Test Proxy Jane',
      createdAt: '2026-01-01T00:00:00.000Z',
    });
    const view = {
      action: 'result.view',
      resourceType: 'result',
      patientId: patient.patientId,
      outcome: 'allow',
    } as const;
    await appendViewEvent({
      ...view,
      actorPersonId: proxyPersonId,
      actorRole: 'proxy',
      actingForPatientId: patient.patientId,
      reason: 'proxy',
    });
    await appendViewEvent({
      ...view,
      actorPersonId: clinician.personId,
      actorRole: 'staff',
      reason: 'care-team',
    });
    await appendViewEvent({
      ...view,
      actorPersonId: emergency.personId,
      actorRole: 'staff',
      reason: 'break-glass',
    });
    await appendViewEvent({
      ...view,
      actorPersonId: other.personId,
      actorRole: 'staff',
      reason: 'x',
    });

    const session = await signIn(patient.email);
    const html = await (await request(historyPath(patient), { cookie: session })).text();
    const rows = await tableRows(html);

    expect(rows.map((row) => row[1])).toEqual([
      'You',
      'Test Desk Clerk, clinic staff',
      'Dr. Test Glass, DO, emergency access',
      'Dr. Test Quill, MD, your care team',
      'Test Proxy Jane, as your proxy',
    ]);
    for (const email of [clinician.email, emergency.email, other.email, 'history-proxy@example']) {
      expect(html).not.toContain(email);
    }
    expect(html).not.toContain(clinician.staffId);
    expect(html).not.toContain(proxyPersonId);
  });

  it('pages by 50 with plain links', async () => {
    const patient = await createPatient('history-pages');
    const session = await signIn(patient.email);
    for (let index = 0; index < 52; index += 1) {
      await request(`/chart/${patient.patientId}/medications`, { cookie: session });
    }

    const first = await (await request(historyPath(patient), { cookie: session })).text();
    const firstLinks = await linksIn(first);
    const olderPath = historyPath(patient, '?page=2');
    const second = await (await request(olderPath, { cookie: session })).text();
    const secondLinks = await linksIn(second);
    const secondRows = await tableRows(second);

    // 52 views of medications, then page 1 and page 2 of this list: 54 views in all.
    expect(await tableRows(first)).toHaveLength(50);
    expect(firstLinks).toContain(olderPath);
    expect(first).toContain('Older views');
    expect(first).not.toContain('Newer views');
    expect(secondRows).toHaveLength(4);
    expect(secondRows.map((row) => row[2])).toEqual([
      'Medications',
      'Medications',
      'Medications',
      'Medications',
    ]);
    expect(secondLinks).toContain(historyPath(patient));
    expect(second).toContain('Newer views');
    expect(second).not.toContain('Older views');
  });

  it('answers a page past the end', async () => {
    const patient = await createPatient('history-end');
    const session = await signIn(patient.email);

    const response = await request(historyPath(patient, '?page=9'), { cookie: session });
    const html = await response.text();

    expect(response.status).toBe(200);
    expect(html).toContain('There are no more views to show.');
    expect(await linksIn(html)).toContain(historyPath(patient));
  });

  it('rejects an invalid page number', async () => {
    const patient = await createPatient('history-bad-page');
    const session = await signIn(patient.email);

    for (const query of ['?page=0', '?page=-1', '?page=abc', '?page=1.5', '?page=100001']) {
      const response = await request(historyPath(patient, query), { cookie: session });
      expect(response.status, query).toBe(404);
    }
  });

  it('audits its own view', async () => {
    const patient = await createPatient('history-audit');
    const session = await signIn(patient.email);

    await request(historyPath(patient), { cookie: session });
    const event = await env.DB.prepare(
      'select actor_person_id, actor_role, outcome, reason from audit_events where patient_id = ? and action = ?',
    )
      .bind(patient.patientId, 'access-history.view')
      .first();

    expect(event).toEqual({
      actor_person_id: patient.personId,
      actor_role: 'self',
      outcome: 'allow',
      reason: 'self',
    });
  });

  it('is linked from the home page', async () => {
    const patient = await createPatient('history-link');
    const session = await signIn(patient.email);

    const html = await (await request(`/chart/${patient.patientId}`, { cookie: session })).text();

    expect(await linksIn(html)).toContain(historyPath(patient));
    expect(html).toContain('Who has viewed your record');
  });

  it('fits 14 KB compressed with app.css', async () => {
    const patient = await createPatient('history-budget');
    const session = await signIn(patient.email);
    for (let index = 0; index < 50; index += 1) {
      const path = index % 2 ? `/results/${patient.resultId}` : `/messages/${patient.threadId}`;
      await request(`/chart/${patient.patientId}${path}`, { cookie: session });
    }

    const html = await (await request(historyPath(patient), { cookie: session })).text();
    const size = (await gzipSize(html)) + (await gzipSize(css));

    expect(await tableRows(html)).toHaveLength(50);
    expect(size, `access history: ${size} bytes`).toBeLessThanOrEqual(BUDGET_BYTES);
  });
});
