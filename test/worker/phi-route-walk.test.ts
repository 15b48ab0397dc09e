// Walks every PHI route for every kind of actor: the route registry must list each chart route
// the app serves, and each listed chart route must decide and audit as the policy requires.
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import * as schema from '../../schema/index.ts';
import {
  PHI_ROUTES,
  touchesPatientData,
  type ExampleIds,
  type PhiRoute,
} from '../../worker/access/phi-routes.ts';
import type { Action, ChartResourceType } from '../../worker/access/policy.ts';
import { requiredScope } from '../../worker/access/scopes.ts';
import { app } from '../../worker/index.ts';
import { createPatient, db, ORIGIN, signIn, type TestPatient } from './fixtures.ts';
import { createStaff, signInAtAal2 } from './staff-fixtures.ts';

// The clock every case runs at unless it sets its own: Friday 4 December 2026, noon in Chicago.
const NOW = '2026-12-04T18:00:00.000Z';

// The actor role an allowed event records for each allow reason.
const ROLE_OF_REASON: Record<string, string> = {
  self: 'self',
  proxy: 'proxy',
  'care-team': 'staff',
  'break-glass': 'staff',
};

type Expectation =
  | { effect: 'allow'; reason: string }
  | { effect: 'deny'; reason: string; at: 'open' | 'route' }
  | { effect: 'step-up'; reason: string };

interface ActorCase {
  label: string;
  cookie: string;
  personId: string;
  target: TestPatient;
  now?: string;
  expect: (route: PhiRoute) => Expectation;
  // The actor's access to the target as staff. Missing for someone who is not staff.
  staff?: StaffAccess;
}

type StaffAccess = 'care-team' | 'other' | 'break-glass' | 'expired-break-glass';

// The response of a staff route: its status and the newest audit event the actor caused, or null
// when the route writes none.
interface StaffExpectation {
  status: number;
  event: { action: string; outcome: string; reason: string } | null;
}

const chartRoutes = PHI_ROUTES.filter((route) => route.guard === 'chart-policy');
const staffRoutes = PHI_ROUTES.filter((route) => route.guard === 'staff');

// A proxy relationship of each test patient, by patient id, for the staff relationship pages.
const relationshipOf = new Map<string, string>();

function idsOf(target: TestPatient): ExampleIds {
  return {
    ...target,
    relationshipId: relationshipOf.get(target.patientId) ?? 'no-relationship',
    itemId: 'no-such-item',
  };
}

/** Sends a request as a browser on the site would, with the policy clock set to `now`. */
function send(route: PhiRoute, target: TestPatient, cookie: string, now: string) {
  const headers = new Headers({ cookie });
  let body: URLSearchParams | undefined;
  if (route.method === 'POST') {
    headers.set('origin', ORIGIN);
    headers.set('content-type', 'application/x-www-form-urlencoded');
    body = new URLSearchParams({
      subject: 'Test question',
      category: 'general',
      body: 'A made-up test message.',
    });
  }
  const path = route.examplePath(idsOf(target));
  const request = new Request(`${ORIGIN}${path}`, {
    method: route.method,
    headers,
    body,
    redirect: 'manual',
  });
  // TEST_NOW reaches the worker through its bindings, as configuration does. The worker
  // accepts it only in development and test environments.
  return app.fetch(request, { ...env, TEST_NOW: now });
}

function actionOf(route: PhiRoute) {
  return `${route.resourceType}.${route.action}`;
}

async function lastSeq() {
  const row = await env.DB.prepare('select max(seq) as seq from audit_events').first<{
    seq: number | null;
  }>();
  return row?.seq ?? 0;
}

// The newest event the actor caused after `afterSeq`, so an event of an earlier request never
// passes for this one.
async function latestAuditEvent(personId: string, afterSeq: number) {
  return env.DB.prepare(
    'select action, outcome, reason, actor_role from audit_events where actor_person_id = ? and seq > ? order by seq desc limit 1',
  )
    .bind(personId, afterSeq)
    .first<{ action: string; outcome: string; reason: string; actor_role: string }>();
}

// Every proxy in the walk has every scope, so only the rule under test can deny.
async function relate(
  proxy: TestPatient,
  patient: TestPatient,
  values: Partial<typeof schema.relationships.$inferInsert> = {},
) {
  const id = `relationship-${proxy.personId}-${patient.patientId}-${values.kind ?? 'parent'}`;
  if (!relationshipOf.has(patient.patientId)) relationshipOf.set(patient.patientId, id);
  await db()
    .insert(schema.relationships)
    .values({
      id,
      proxyPersonId: proxy.personId,
      patientId: patient.patientId,
      kind: 'parent-of-minor',
      scopes: 'record,messaging,scheduling,billing',
      validFrom: '2010-01-01',
      validTo: null,
      status: 'active',
      legalBasis: 'Made-up test document',
      approvedAt: '2010-01-01T12:00:00.000Z',
      createdAt: '2010-01-01T12:00:00.000Z',
      ...values,
    });
}

// Adds a sensitive result and message thread to a chart and points its ids at them.
async function addSensitiveItems(patient: TestPatient): Promise<TestPatient> {
  const resultId = `${patient.resultId}-sensitive`;
  const threadId = `${patient.threadId}-sensitive`;
  const d = db();
  await d.batch([
    d.insert(schema.results).values({
      id: resultId,
      patientId: patient.patientId,
      panel: 'Depression screening',
      loincCode: '44249-1',
      name: 'PHQ-9 total score',
      valueNumeric: 12,
      unit: '{score}',
      flag: 'high',
      observedAt: '2026-11-25T15:00:00.000Z',
      releasedAt: '2026-11-26T15:00:00.000Z',
      sensitivity: 'mental-health',
    }),
    d.insert(schema.messageThreads).values({
      id: threadId,
      patientId: patient.patientId,
      careTeamId: `team-${patient.patientId.replace('patient-', '')}`,
      subject: 'Follow-up on counselling',
      category: 'general',
      createdAt: '2026-11-27T10:00:00.000Z',
      lastMessageAt: '2026-11-27T10:00:00.000Z',
      sensitivity: 'mental-health',
    }),
  ]);
  return { ...patient, resultId, threadId };
}

async function grantBreakGlass(staffId: string, patientId: string, expiresAt: string) {
  await db()
    .insert(schema.breakGlassGrants)
    .values({
      id: `break-glass-${staffId}-${patientId}`,
      staffId,
      patientId,
      reason: 'Made-up emergency for a test',
      startedAt: '2026-12-04T17:30:00.000Z',
      expiresAt,
    });
}

const allowAll =
  (reason: string) =>
  (route: PhiRoute): Expectation =>
    route.resourceType === 'access-history'
      ? { effect: 'deny', reason: 'access-history-self-only', at: 'route' }
      : { effect: 'allow', reason };

// Staff read the chart but do not write as the patient.
const staffReadOnly =
  (reason: string) =>
  (route: PhiRoute): Expectation =>
    route.action === 'view'
      ? allowAll(reason)(route)
      : { effect: 'deny', reason: 'staff-read-only', at: 'route' };

const denyAtOpen = (reason: string) => (): Expectation => ({ effect: 'deny', reason, at: 'open' });

// A proxy opens the chart with any one scope, and each page needs its own: results, medications
// and the health summary need record, messages messaging, appointments scheduling. `reason` is
// what a page outside the usable scopes denies with.
const scopedProxy =
  (usable: string[], reason = 'relationship-out-of-scope') =>
  (route: PhiRoute): Expectation => {
    if (route.resourceType === 'access-history') return allowAll('proxy')(route);
    // Only chart routes reach here, so the resource type and action are the chart's.
    const scope = requiredScope(
      { type: route.resourceType as ChartResourceType },
      route.action as Action,
    );
    return scope === null || usable.includes(scope)
      ? { effect: 'allow', reason: 'proxy' }
      : { effect: 'deny', reason, at: 'route' };
  };

// Detail and reply routes of the teen's sensitive items are hidden from a parent.
const SENSITIVE_ITEM_PATHS = [
  '/chart/:patientId/results/:resultId',
  '/chart/:patientId/messages/:threadId',
  '/chart/:patientId/messages/:threadId/reply',
];

/**
 * Returns the response a staff route gives an actor. Anyone who is not staff gets the ordinary 404
 * page and no audit event. The decision point rules staff pages by care-team link, not by
 * break-glass, so break-glass opens the chart but not the activation code, invitation or
 * relationship pages.
 */
function staffExpectation(access: StaffAccess | undefined, route: PhiRoute): StaffExpectation {
  if (access === undefined) return { status: 404, event: null };
  const onTeam = access === 'care-team';
  const allow = (action: string, reason: string) => ({ action, outcome: 'allow', reason });
  const deny = (action: string) => ({ action, outcome: 'deny', reason: 'not-on-care-team' });
  const key = `${route.method} ${route.path}`;

  switch (key) {
    case 'GET /staff':
      return { status: 200, event: allow('staff.patient-list', 'care-team') };
    case 'GET /staff/patients/:patientId/activation-code':
      return onTeam
        ? { status: 200, event: allow('activation-code.view', 'care-team') }
        : { status: 404, event: deny('activation-code.view') };
    case 'POST /staff/patients/:patientId/activation-code':
      return onTeam
        ? {
            status: 200,
            event: {
              action: 'activation-code.issue',
              outcome: 'success',
              reason: 'care-team',
            },
          }
        : { status: 404, event: deny('activation-code.issue') };
    // The walk's form has no invitation fields, so a care-team member sees the form's errors.
    case 'GET /staff/patients/:patientId/invitations':
    case 'POST /staff/patients/:patientId/invitations':
      return onTeam
        ? {
            status: route.method === 'GET' ? 200 : 400,
            event: allow('invitation.form-view', 'care-team'),
          }
        : { status: 404, event: deny('invitation.form-view') };
    case 'GET /staff/break-glass/:patientId':
      return {
        status: 200,
        event: allow('break-glass.form', 'staff-directory'),
      };
    // A care-team member is sent to the chart without a grant. Anyone else gets the form back,
    // because the walk's form has no reason.
    case 'POST /staff/break-glass/:patientId':
      return onTeam
        ? { status: 303, event: null }
        : { status: 400, event: allow('break-glass.form', 'staff-directory') };
    case 'POST /staff/break-glass/:patientId/end':
      return access === 'break-glass'
        ? {
            status: 303,
            event: { action: 'break-glass.end', outcome: 'success', reason: 'ended-by-staff' },
          }
        : { status: 303, event: null };
    case 'GET /staff/relationships':
      return { status: 200, event: allow('staff.relationship-list', 'care-team') };
    // The walk's form names no change, so a care-team member sees the page with an error.
    case 'GET /staff/relationships/:relationshipId':
    case 'POST /staff/relationships/:relationshipId':
      return onTeam
        ? {
            status: route.method === 'GET' ? 200 : 400,
            event: allow('relationship.view', 'care-team'),
          }
        : { status: 404, event: deny('relationship.view') };
    default:
      throw new Error(`No expectation for the staff route ${key}`);
  }
}

describe('PHI route registry', () => {
  it('lists every route that touches patient data', () => {
    const registered = new Set(PHI_ROUTES.map((route) => `${route.method} ${route.path}`));
    const missing = app.routes
      .filter((route) => route.method !== 'ALL' && touchesPatientData(route.path))
      .map((route) => `${route.method} ${route.path}`)
      .filter((key) => !registered.has(key));
    expect(missing).toEqual([]);
  });

  it('lists no route the app does not serve', () => {
    const served = new Set(app.routes.map((route) => `${route.method} ${route.path}`));
    const stale = PHI_ROUTES.map((route) => `${route.method} ${route.path}`).filter(
      (key) => !served.has(key),
    );
    expect(stale).toEqual([]);
  });
});

describe('PHI route walk', () => {
  const cases: ActorCase[] = [];

  beforeAll(async () => {
    const youngChild = await createPatient('walk-young', { birthDate: '2019-05-01' });
    const teenOrdinary = await createPatient('walk-teen', { birthDate: '2011-03-10' });
    const teen = await addSensitiveItems(teenOrdinary);
    // Turns 18 on 5 December 2026, which begins in Chicago at 06:00 UTC.
    const nearlyAdult = await createPatient('walk-nearly-adult', { birthDate: '2008-12-05' });
    const adultWard = await createPatient('walk-ward', { birthDate: '1990-02-01' });
    const adult = await createPatient('walk-adult');

    const self = adult;
    const unrelated = await createPatient('walk-unrelated');
    const parentOfChild = await createPatient('walk-parent-young');
    const parentOfTeen = await createPatient('walk-parent-teen');
    const parentNearMajority = await createPatient('walk-parent-majority');
    const restrictedParent = await createPatient('walk-parent-restricted');
    const guardian = await createPatient('walk-guardian');
    const expiredProxy = await createPatient('walk-proxy-expired');
    const revokedProxy = await createPatient('walk-proxy-revoked');
    const proxyAtAal1 = await createPatient('walk-proxy-aal1');
    const messagingProxy = await createPatient('walk-proxy-messaging');
    const schedulingProxy = await createPatient('walk-proxy-scheduling');
    const billingProxy = await createPatient('walk-proxy-billing');

    await relate(parentOfChild, youngChild);
    await relate(proxyAtAal1, youngChild);
    await relate(parentOfTeen, teen);
    await relate(parentNearMajority, nearlyAdult);
    await relate(restrictedParent, youngChild, {
      restrictions: 'Made-up court order barring record and messaging access',
      restrictedScopes: 'record,messaging',
    });
    await relate(guardian, adultWard, { kind: 'court-appointed-guardian' });
    // No renewal date: it lapsed 18 months after its approval in 2020.
    await relate(expiredProxy, adult, {
      kind: 'adult-designated-proxy',
      validFrom: '2020-01-01',
      approvedAt: '2020-01-01T12:00:00.000Z',
    });
    await relate(revokedProxy, youngChild, { status: 'revoked' });
    await relate(messagingProxy, youngChild, { scopes: 'messaging' });
    await relate(schedulingProxy, youngChild, { scopes: 'scheduling' });
    await relate(billingProxy, youngChild, { scopes: 'billing' });

    const careTeamStaff = await createStaff('walk-care-team', 'clinician', [adult.patientId]);
    const otherStaff = await createStaff('walk-other', 'nurse', []);
    const breakGlassStaff = await createStaff('walk-break-glass', 'clinician', []);
    const expiredBreakGlassStaff = await createStaff('walk-break-glass-expired', 'nurse', []);
    await grantBreakGlass(breakGlassStaff.staffId, adult.patientId, '2026-12-04T18:30:00.000Z');
    await grantBreakGlass(
      expiredBreakGlassStaff.staffId,
      adult.patientId,
      '2026-12-04T17:59:00.000Z',
    );

    // Adding a second passkey needs a step-up first, so each person signs in at AAL2 once.
    const sessions = new Map<string, Promise<string>>();
    const aal2 = (person: { email: string }) => {
      if (!sessions.has(person.email)) sessions.set(person.email, signInAtAal2(person.email));
      return sessions.get(person.email)!;
    };
    cases.push(
      {
        label: 'the patient',
        cookie: await signIn(self.email),
        personId: self.personId,
        target: self,
        expect: () => ({ effect: 'allow', reason: 'self' }),
      },
      {
        label: 'an unrelated patient',
        cookie: await aal2(unrelated),
        personId: unrelated.personId,
        target: self,
        expect: denyAtOpen('no-relationship'),
      },
      {
        label: 'a parent of a young child',
        cookie: await aal2(parentOfChild),
        personId: parentOfChild.personId,
        target: youngChild,
        expect: allowAll('proxy'),
      },
      {
        label: 'a parent of a teen, ordinary items',
        cookie: await aal2(parentOfTeen),
        personId: parentOfTeen.personId,
        target: teenOrdinary,
        expect: allowAll('proxy'),
      },
      {
        label: 'a parent of a teen, sensitive items',
        cookie: await aal2(parentOfTeen),
        personId: parentOfTeen.personId,
        target: teen,
        expect: (route) =>
          SENSITIVE_ITEM_PATHS.includes(route.path)
            ? { effect: 'deny', reason: 'sensitive-without-consent', at: 'route' }
            : allowAll('proxy')(route),
      },
      {
        label: 'a parent the day before majority',
        cookie: await aal2(parentNearMajority),
        personId: parentNearMajority.personId,
        target: nearlyAdult,
        // 23:59:59 on 4 December in Chicago.
        now: '2026-12-05T05:59:59.000Z',
        expect: allowAll('proxy'),
      },
      {
        label: 'a parent after UTC midnight before majority',
        cookie: await aal2(parentNearMajority),
        personId: parentNearMajority.personId,
        target: nearlyAdult,
        // Already 5 December in UTC, still 4 December in Chicago.
        now: '2026-12-05T03:00:00.000Z',
        expect: allowAll('proxy'),
      },
      {
        label: 'a parent on the day of majority',
        cookie: await aal2(parentNearMajority),
        personId: parentNearMajority.personId,
        target: nearlyAdult,
        // Midnight on 5 December in Chicago.
        now: '2026-12-05T06:00:00.000Z',
        expect: denyAtOpen('majority-reached'),
      },
      {
        // The order removes record and messaging. Scheduling and billing still open the chart.
        label: 'a court-restricted parent',
        cookie: await aal2(restrictedParent),
        personId: restrictedParent.personId,
        target: youngChild,
        expect: scopedProxy(['scheduling', 'billing'], 'court-restricted'),
      },
      {
        label: 'a proxy with messaging only',
        cookie: await aal2(messagingProxy),
        personId: messagingProxy.personId,
        target: youngChild,
        expect: scopedProxy(['messaging']),
      },
      {
        label: 'a proxy with scheduling only',
        cookie: await aal2(schedulingProxy),
        personId: schedulingProxy.personId,
        target: youngChild,
        expect: scopedProxy(['scheduling']),
      },
      {
        label: 'a proxy with billing only',
        cookie: await aal2(billingProxy),
        personId: billingProxy.personId,
        target: youngChild,
        expect: scopedProxy(['billing']),
      },
      {
        label: 'a guardian of an adult',
        cookie: await aal2(guardian),
        personId: guardian.personId,
        target: adultWard,
        expect: allowAll('proxy'),
      },
      {
        label: 'an expired proxy',
        cookie: await aal2(expiredProxy),
        personId: expiredProxy.personId,
        target: adult,
        expect: denyAtOpen('relationship-expired'),
      },
      {
        label: 'a revoked proxy',
        cookie: await aal2(revokedProxy),
        personId: revokedProxy.personId,
        target: youngChild,
        expect: denyAtOpen('relationship-revoked'),
      },
      {
        label: 'a proxy at AAL1',
        cookie: await signIn(proxyAtAal1.email),
        personId: proxyAtAal1.personId,
        target: youngChild,
        expect: () => ({ effect: 'step-up', reason: 'proxy-needs-aal2' }),
      },
      {
        label: 'care-team staff',
        staff: 'care-team',
        cookie: await aal2(careTeamStaff),
        personId: careTeamStaff.personId,
        target: adult,
        expect: staffReadOnly('care-team'),
      },
      {
        label: 'other staff without break-glass',
        staff: 'other',
        cookie: await aal2(otherStaff),
        personId: otherStaff.personId,
        target: adult,
        expect: denyAtOpen('no-relationship'),
      },
      {
        label: 'other staff with break-glass',
        staff: 'break-glass',
        cookie: await aal2(breakGlassStaff),
        personId: breakGlassStaff.personId,
        target: adult,
        expect: staffReadOnly('break-glass'),
      },
      {
        label: 'staff with an expired break-glass',
        staff: 'expired-break-glass',
        cookie: await aal2(expiredBreakGlassStaff),
        personId: expiredBreakGlassStaff.personId,
        target: adult,
        expect: denyAtOpen('break-glass-expired'),
      },
    );
  }, 120_000);

  // About 20 actors times 14 routes, each request writing an audit event: vitest's default
  // 5-second limit per test is too short on a shared 2-core machine.
  it('decides and audits every route for every actor', { timeout: 300_000 }, async () => {
    expect(cases.length).toBe(20);
    for (const actorCase of cases) {
      for (const route of chartRoutes) {
        const where = `${actorCase.label}: ${route.method} ${route.path}`;
        const expected = actorCase.expect(route);
        const before = await lastSeq();
        const response = await send(
          route,
          actorCase.target,
          actorCase.cookie,
          actorCase.now ?? NOW,
        );
        const event = await latestAuditEvent(actorCase.personId, before);

        if (expected.effect === 'step-up') {
          expect(response.status, where).toBe(303);
          expect(response.headers.get('location'), where).toMatch(/^\/step-up\?return=/);
          expect(event, where).toMatchObject({ outcome: 'deny', reason: expected.reason });
          continue;
        }
        if (expected.effect === 'deny') {
          expect(response.status, where).toBe(404);
          expect(event, where).toMatchObject({ outcome: 'deny', reason: expected.reason });
          if (expected.at === 'open') expect(event?.action, where).toBe('chart.view');
          else if (!route.ownAuditActions) expect(event?.action, where).toBe(actionOf(route));
          continue;
        }

        // A GET page renders, and a POST responds with a redirect or a form error, never a 404.
        if (route.method === 'GET') expect(response.status, where).toBe(200);
        else expect([200, 303, 400], where).toContain(response.status);
        // A route naming its own events may decide a repeated draft save without one.
        if (route.ownAuditActions && event === null) continue;
        expect(event, where).toMatchObject({
          outcome: 'allow',
          reason: expected.reason,
          actor_role: ROLE_OF_REASON[expected.reason],
        });
        if (!route.ownAuditActions) expect(event?.action, where).toBe(actionOf(route));
      }
    }
  });

  // Runs after the chart walk, because ending the live break-glass grant closes that chart.
  it('walks staff routes for every actor', { timeout: 300_000 }, async () => {
    expect(staffRoutes.length).toBe(11);
    for (const actorCase of cases) {
      for (const route of staffRoutes) {
        const where = `${actorCase.label}: ${route.method} ${route.path}`;
        const expected = staffExpectation(actorCase.staff, route);
        const before = await lastSeq();
        const response = await send(route, actorCase.target, actorCase.cookie, NOW);
        const event = await latestAuditEvent(actorCase.personId, before);

        expect(response.status, where).toBe(expected.status);
        if (expected.event === null) {
          expect(event, where).toBeNull();
        } else {
          expect(event, where).toMatchObject(expected.event);
          expect(event?.actor_role, where).toBe('staff');
        }
      }
    }
  });

  it('shows a scoped proxy only its sections', async () => {
    const home = chartRoutes.find((route) => route.path === '/chart/:patientId')!;
    const sections: Record<string, string[]> = {
      'a proxy with messaging only': ['Unread messages'],
      'a proxy with scheduling only': ['Next appointment'],
      'a proxy with billing only': [],
    };
    const all = ['Unread messages', 'Next appointment', 'New test results'];
    for (const [label, shown] of Object.entries(sections)) {
      const actorCase = cases.find((entry) => entry.label === label)!;
      const response = await send(home, actorCase.target, actorCase.cookie, NOW);
      expect(response.status, label).toBe(200);
      const html = await response.text();
      for (const heading of all) {
        if (shown.includes(heading)) expect(html, label).toContain(`<h2>${heading}</h2>`);
        else expect(html, label).not.toContain(`<h2>${heading}</h2>`);
      }
      // The navigation leaves out what the proxy may not open.
      const resultsLink = `href="/chart/${actorCase.target.patientId}/results"`;
      expect(html, label).not.toContain(resultsLink);
      const messagesLink = `href="/chart/${actorCase.target.patientId}/messages"`;
      if (shown.includes('Unread messages')) expect(html, label).toContain(messagesLink);
      else expect(html, label).not.toContain(messagesLink);
    }
  });

  it('leaves sensitive items out of a parent’s lists', async () => {
    const parentOfTeen = cases.find(
      (entry) => entry.label === 'a parent of a teen, sensitive items',
    )!;
    const teen = parentOfTeen.target;
    for (const page of ['', '/results', '/messages']) {
      const route = { ...chartRoutes[0]!, examplePath: () => `/chart/${teen.patientId}${page}` };
      const html = await (await send(route, teen, parentOfTeen.cookie, NOW)).text();
      expect(html, page).not.toContain('PHQ-9');
      expect(html, page).not.toContain('counselling');
    }

    const self = await signIn(
      (await db().query.people.findFirst({
        where: (people, { eq }) => eq(people.id, teen.personId),
      }))!.email,
    );
    const ownResults = {
      ...chartRoutes[0]!,
      examplePath: () => `/chart/${teen.patientId}/results`,
    };
    expect(await (await send(ownResults, teen, self, NOW)).text()).toContain('PHQ-9');
  });
});
