import { env } from 'cloudflare:workers';
import { desc, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import * as schema from '../../schema/index.ts';
import { hashEvent } from '../../worker/audit/chain.ts';
import { lastCompleteWeek } from '../../worker/audit/review-week.ts';
import { formatDate } from '../../views/format.ts';
import { readConfig } from '../../worker/config.ts';
import { createPatient, db, postForm, request, signIn, type TestPatient } from './fixtures.ts';
import { createStaff, signInAtAal2, type TestStaff } from './staff-fixtures.ts';

// Storage is shared by the tests of this file: one privacy officer, one clinician and one
// patient, and break-glass uses and alerts inserted as rows.

let officer: TestStaff;
let officerCookie: string;
let otherOfficer: TestStaff;
let clinician: TestStaff;
let patient: TestPatient;
const week = lastCompleteWeek(new Date(), readConfig(env).clinicTimeZone);
// Noon on the Wednesday of the last complete week in the clinic's time zone, within an hour.
const inLastWeek = new Date(Date.parse(week.startsAt) + 2.5 * 86_400_000).toISOString();

async function newestEvent(action: string) {
  const [event] = await db()
    .select()
    .from(schema.auditEvents)
    .where(eq(schema.auditEvents.action, action))
    .orderBy(desc(schema.auditEvents.seq))
    .limit(1);
  return event;
}

// Appends a correctly chained event with a time in the past, as if written last week.
async function appendPastEvent(at: string) {
  const [head] = await db()
    .select()
    .from(schema.auditEvents)
    .orderBy(desc(schema.auditEvents.seq))
    .limit(1);
  const unhashed = {
    seq: (head?.seq ?? 0) + 1,
    at,
    actorPersonId: clinician.personId,
    actorRole: 'staff',
    actingForPatientId: null,
    action: 'result.view',
    resourceType: 'result',
    resourceId: null,
    patientId: patient.patientId,
    outcome: 'allow' as const,
    reason: 'care-team',
    requestId: `request-past-${at}`,
    clientClass: 'computer',
    prevHash: head!.hash!,
  };
  await db()
    .insert(schema.auditEvents)
    .values({ ...unhashed, hash: await hashEvent(unhashed) });
  return unhashed.seq;
}

async function insertGrant(id: string, staffId: string, startedAt: string) {
  await db()
    .insert(schema.breakGlassGrants)
    .values({
      id,
      staffId,
      patientId: patient.patientId,
      reason: 'emergency-care: Test reason for the review queue',
      startedAt,
      expiresAt: new Date(Date.parse(startedAt) + 3_600_000).toISOString(),
    });
}

beforeAll(async () => {
  patient = await createPatient('privacy');
  officer = await createStaff('officer', 'privacy-officer', []);
  otherOfficer = await createStaff('other-officer', 'privacy-officer', []);
  clinician = await createStaff('clinician', 'clinician', [patient.patientId]);
  officerCookie = await signInAtAal2(officer.email);
  // Some events to search: the patient signs in and opens the results page.
  const patientCookie = await signIn(patient.email);
  await request(`/chart/${patient.patientId}/results`, { cookie: patientCookie });
});

describe('privacy pages access', () => {
  it('hides the pages from other staff', async () => {
    const cookie = await signInAtAal2(clinician.email);
    for (const path of ['/staff/privacy/audit', '/staff/privacy/alerts']) {
      expect((await request(path, { cookie })).status).toBe(404);
    }
  });

  it('steps up a code-only officer', async () => {
    const cookie = await signIn(otherOfficer.email);
    const response = await request('/staff/privacy/audit', { cookie });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toMatch(/^\/step-up/);
  });

  it('hides the pages from patients', async () => {
    const cookie = await signIn(patient.email);
    expect((await request('/staff/privacy/reviews', { cookie })).status).toBe(404);
  });
});

describe('audit search', () => {
  it('filters by patient and audits the search', async () => {
    const response = await request(
      `/staff/privacy/audit?patient=${patient.patientId}&action=result`,
      { cookie: officerCookie },
    );
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('<form method="get" action="/staff/privacy/audit"');
    expect(html).toContain('result.view');
    expect(html).not.toContain('sign-in.succeeded');

    const search = await newestEvent('audit.search');
    expect(search).toMatchObject({
      actorPersonId: officer.personId,
      resourceType: 'audit-trail',
      patientId: patient.patientId,
      reason: 'filters:patient,action;page:1',
    });
  });

  it('keeps typed filters and explains an invalid date', async () => {
    const response = await request('/staff/privacy/audit?from=2026-13-40&action=chart', {
      cookie: officerCookie,
    });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('There is a problem');
    expect(html).toContain('href="#from"');
    expect(html).toContain('value="2026-13-40"');
    expect(html).toContain('value="chart"');
  });

  it('rejects an email address as the person', async () => {
    const response = await request('/staff/privacy/audit?person=someone%40example.org', {
      cookie: officerCookie,
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('not a name or email address');
  });

  it('pages through many events', async () => {
    for (let index = 0; index < 55; index += 1) await appendPastEvent(inLastWeek);
    const first = await (
      await request(`/staff/privacy/audit?person=${clinician.personId}`, { cookie: officerCookie })
    ).text();
    expect(first).toContain(`page=2`);
    const second = await request(`/staff/privacy/audit?person=${clinician.personId}&page=2`, {
      cookie: officerCookie,
    });
    const html = await second.text();
    expect(html).toContain('Newer events');
    expect(html).not.toContain('Older events');
  });
});

describe('alerts page', () => {
  it('lists an alert and acknowledges it', async () => {
    await db()
      .insert(schema.auditAlerts)
      .values({
        id: 'alert-privacy-test',
        kind: 'bulk-access',
        subjectKey: `person:${clinician.personId}`,
        triggerSeq: 1,
        eventCount: 20,
        windowStart: inLastWeek,
        createdAt: inLastWeek,
      });
    // An alert of this week, so the sign-off of last week below still counts one alert.
    await db()
      .insert(schema.auditAlerts)
      .values({
        id: 'alert-privacy-one-event',
        kind: 'bulk-access',
        subjectKey: `person:${clinician.personId}`,
        triggerSeq: 1,
        eventCount: 1,
        windowStart: new Date().toISOString(),
        createdAt: new Date().toISOString(),
      });
    const list = await (await request('/staff/privacy/alerts', { cookie: officerCookie })).text();
    expect(list).toContain('Bulk access to charts');
    const subject = `person ${clinician.personId.slice(0, 8)}…`;
    expect(list).toContain(`20 events by ${subject} since`);
    expect(list).toContain(`1 event by ${subject} since`);
    expect(list).not.toContain('event(s)');
    expect(list).not.toContain('person:');
    expect(list).toContain('/staff/privacy/alerts/alert-privacy-test/acknowledge');

    const acknowledged = await postForm(
      '/staff/privacy/alerts/alert-privacy-test/acknowledge',
      {},
      officerCookie,
    );
    expect(acknowledged.status).toBe(303);
    const [alert] = await db()
      .select()
      .from(schema.auditAlerts)
      .where(eq(schema.auditAlerts.id, 'alert-privacy-test'));
    expect(alert?.acknowledgedByStaffId).toBe(officer.staffId);
    expect((await newestEvent('audit.alert-acknowledge'))?.resourceId).toBe('alert-privacy-test');
  });
});

describe('break-glass review queue', () => {
  it('lists unreviewed uses first', async () => {
    await insertGrant('grant-reviewed', clinician.staffId, inLastWeek);
    await db()
      .update(schema.breakGlassGrants)
      .set({
        reviewOutcome: 'appropriate',
        reviewedByStaffId: otherOfficer.staffId,
        reviewNote: 'ok',
      })
      .where(eq(schema.breakGlassGrants.id, 'grant-reviewed'));
    await insertGrant('grant-open', clinician.staffId, inLastWeek);

    const html = await (
      await request('/staff/privacy/break-glass', { cookie: officerCookie })
    ).text();
    expect(html.indexOf('use-grant-open')).toBeGreaterThan(0);
    expect(html.indexOf('use-grant-open')).toBeLessThan(html.indexOf('use-grant-reviewed'));
  });

  it('shows the reason with the label the staff member chose', async () => {
    // Uses of this week, so the sign-off of last week below counts the same uses.
    const now = new Date().toISOString();
    await db()
      .insert(schema.breakGlassGrants)
      .values(
        [
          { id: 'grant-label-plain', reason: 'emergency-care:' },
          { id: 'grant-label-other', reason: 'other: Checking a made-up test address' },
        ].map((grant) => ({
          ...grant,
          staffId: clinician.staffId,
          patientId: patient.patientId,
          startedAt: now,
          expiresAt: now,
        })),
      );

    const html = await (
      await request('/staff/privacy/break-glass', { cookie: officerCookie })
    ).text();

    expect(html).toContain('Reason given: Emergency care: Test reason for the review queue</p>');
    expect(html).toContain('Reason given: Emergency care</p>');
    expect(html).toContain('Reason given: Other: Checking a made-up test address</p>');
    expect(html).not.toContain('emergency-care');
  });

  it('keeps the note and explains a missing outcome', async () => {
    const response = await postForm(
      '/staff/privacy/break-glass/grant-open',
      { 'note-grant-open': 'Checked with the clinic manager' },
      officerCookie,
    );
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('href="#outcome-grant-open"');
    expect(html).toContain('Checked with the clinic manager');
  });

  it('records a review with its audit event', async () => {
    const response = await postForm(
      '/staff/privacy/break-glass/grant-open',
      { 'outcome-grant-open': 'inappropriate', 'note-grant-open': 'No emergency that day' },
      officerCookie,
    );
    expect(response.status).toBe(303);
    const [grant] = await db()
      .select()
      .from(schema.breakGlassGrants)
      .where(eq(schema.breakGlassGrants.id, 'grant-open'));
    expect(grant).toMatchObject({
      reviewOutcome: 'inappropriate',
      reviewedByStaffId: officer.staffId,
      reviewNote: 'No emergency that day',
    });
    expect(await newestEvent('break-glass.review')).toMatchObject({
      resourceId: 'grant-open',
      patientId: patient.patientId,
      reason: 'inappropriate',
    });
  });

  it("refuses an officer's review of their own use", async () => {
    await insertGrant('grant-own', officer.staffId, inLastWeek);
    const response = await postForm(
      '/staff/privacy/break-glass/grant-own',
      { 'outcome-grant-own': 'appropriate', 'note-grant-own': 'Fine' },
      officerCookie,
    );
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('Another privacy officer must review');
  });
});

describe('weekly sign-off', () => {
  it('shows the last complete week by default', async () => {
    const html = await (await request('/staff/privacy/reviews', { cookie: officerCookie })).text();
    expect(html).toContain(`value="${week.periodStart}"`);
    expect(html).toContain('Emergency access uses not yet reviewed');
    const sunday = new Date(Date.parse(week.periodEnd) - 86_400_000).toISOString().slice(0, 10);
    expect(html).toContain(
      `Last complete week: Monday, <time datetime="${week.periodStart}">` +
        `${formatDate(week.periodStart, 'UTC')}</time> to Sunday, ` +
        `<time datetime="${sunday}">${formatDate(sunday, 'UTC')}</time>.`,
    );
    expect(html).toContain(`Sign off the week of ${formatDate(week.periodStart, 'UTC')}</button>`);
  });

  it('refuses a week with unreviewed break-glass uses', async () => {
    const response = await postForm(
      '/staff/privacy/reviews',
      { week: week.periodStart, note: 'All good' },
      officerCookie,
    );
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('Review the 1 emergency access use of this week');
    expect(html).toContain('All good');
  });

  it('refuses a week that has not ended', async () => {
    const response = await postForm(
      '/staff/privacy/reviews',
      { week: '2999-01-07' },
      officerCookie,
    );
    expect(response.status).toBe(400);
    // The sign-off button under the error names the week it would sign off.
    const html = await response.text();
    expect(html).toContain('Choose a week that has ended');
    expect(html).toContain(`Sign off the week of ${formatDate(week.periodStart, 'UTC')}</button>`);
    expect(html).not.toContain('Sign off this week');
  });

  it('records the sign-off with what was reviewed', async () => {
    await db()
      .update(schema.breakGlassGrants)
      .set({
        reviewOutcome: 'appropriate',
        reviewedByStaffId: otherOfficer.staffId,
        reviewNote: 'ok',
      })
      .where(eq(schema.breakGlassGrants.id, 'grant-own'));

    const response = await postForm(
      '/staff/privacy/reviews',
      { week: week.periodStart, note: 'Followed up on one alert' },
      officerCookie,
    );
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(
      `/staff/privacy/reviews?week=${week.periodStart}&signed=1`,
    );

    const [review] = await db()
      .select()
      .from(schema.auditReviews)
      .where(eq(schema.auditReviews.reviewerStaffId, officer.staffId));
    expect(review).toMatchObject({
      periodStart: week.periodStart,
      periodEnd: week.periodEnd,
      eventCount: 55,
      alertCount: 1,
      breakGlassCount: 3,
      note: 'Followed up on one alert',
    });
    const event = await newestEvent('audit.review-signoff');
    expect(event?.resourceId).toBe(review!.id);
    expect(event?.reason).toBe(
      `period:${week.periodStart}..${week.periodEnd};seq:${review!.firstSeq}-${review!.lastSeq};` +
        'events:55;alerts:1;break-glass:3',
    );

    const page = await (
      await request(response.headers.get('location')!, { cookie: officerCookie })
    ).text();
    expect(page).toContain(`You signed off the week of ${formatDate(week.periodStart, 'UTC')}.`);
    expect(page).toContain('Followed up on one alert');
  });
});
