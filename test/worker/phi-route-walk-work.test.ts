// Walks the PHI routes outside a chart that the registry lists under the "sharing" and "privacy"
// guards, for every kind of actor they apply to: the patient's own sharing page and the privacy
// officer's audit trail. The chart and staff routes are walked in phi-route-walk.test.ts.
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import * as schema from '../../schema/index.ts';
import { PHI_ROUTES, type PhiRoute } from '../../worker/access/phi-routes.ts';
import { app } from '../../worker/index.ts';
import { createPatient, db, ORIGIN, signIn, type TestPatient } from './fixtures.ts';
import { createStaff, signInAtAal2 } from './staff-fixtures.ts';

// Friday 4 December 2026, noon in Chicago.
const NOW = '2026-12-04T18:00:00.000Z';

interface Expected {
  // A status, or the statuses a route may return for an allowed request.
  status: number | number[];
  stepUp?: true;
  // The newest audit event the request caused, null for none, or "any" when only the absence of
  // a denial is checked.
  event: { action: string; outcome: string; reason?: string } | null | 'any';
}

interface Actor {
  label: string;
  cookie: string;
  personId: string;
  // The proxy relationship of the actor's own record that the sharing routes name.
  relationshipId: string;
  sharing: (route: PhiRoute) => Expected;
  privacy: (route: PhiRoute) => Expected;
}

const sharingRoutes = PHI_ROUTES.filter((route) => route.guard === 'sharing');
const privacyRoutes = PHI_ROUTES.filter((route) => route.guard === 'privacy');

function send(route: PhiRoute, actor: Actor) {
  const headers = new Headers({ cookie: actor.cookie });
  let body: URLSearchParams | undefined;
  if (route.method === 'POST') {
    headers.set('origin', ORIGIN);
    headers.set('content-type', 'application/x-www-form-urlencoded');
    body = new URLSearchParams();
  }
  const ids = {
    patientId: 'no-patient',
    resultId: 'no-result',
    threadId: 'no-thread',
    relationshipId: actor.relationshipId,
    itemId: 'no-such-item',
  };
  const request = new Request(`${ORIGIN}${route.examplePath(ids)}`, {
    method: route.method,
    headers,
    body,
    redirect: 'manual',
  });
  return app.fetch(request, { ...env, TEST_NOW: NOW });
}

async function lastSeq() {
  const row = await env.DB.prepare('select max(seq) as seq from audit_events').first<{
    seq: number | null;
  }>();
  return row?.seq ?? 0;
}

async function latestAuditEvent(personId: string, afterSeq: number) {
  return env.DB.prepare(
    'select action, outcome, reason from audit_events where actor_person_id = ? and seq > ? order by seq desc limit 1',
  )
    .bind(personId, afterSeq)
    .first<{ action: string; outcome: string; reason: string }>();
}

async function relate(proxy: TestPatient, patient: TestPatient, kind: string) {
  const id = `relationship-work-${proxy.personId}-${patient.patientId}`;
  await db()
    .insert(schema.relationships)
    .values({
      id,
      proxyPersonId: proxy.personId,
      patientId: patient.patientId,
      kind: kind as 'parent-of-minor',
      scopes: 'record,messaging,scheduling,billing',
      validFrom: '2026-01-01',
      validTo: null,
      status: 'active',
      legalBasis: 'Made-up test document',
      approvedAt: '2026-01-01T12:00:00.000Z',
      createdAt: '2026-01-01T12:00:00.000Z',
    });
  return id;
}

const notFound: Expected = { status: 404, event: null };
const stepUp = (event: Expected['event']): Expected => ({ status: 303, stepUp: true, event });
const sharingDeny = (reason: string): Expected => ({
  status: 404,
  event: { action: 'sharing.manage', outcome: 'deny', reason },
});
// A patient's own view of the page, audited with the decision's reason.
const sharingView: Expected = {
  status: 200,
  event: { action: 'sharing.view', outcome: 'allow', reason: 'self' },
};

// Staff who are not privacy officers are refused, and the refusal is audited.
const notOfficer = (route: PhiRoute): Expected => ({
  status: 404,
  event: {
    action: `audit-trail.${route.action}`,
    outcome: 'deny',
    reason: 'privacy-officer-only',
  },
});

describe('PHI route walk of work pages', () => {
  const actors: Actor[] = [];

  beforeAll(async () => {
    const adult = await createPatient('work-adult');
    const adultsProxy = await createPatient('work-adult-proxy');
    const teen = await createPatient('work-teen', { birthDate: '2011-03-10' });
    const parent = await createPatient('work-parent');
    const adultRelationship = await relate(adultsProxy, adult, 'adult-designated-proxy');
    const teenRelationship = await relate(parent, teen, 'parent-of-minor');
    const careTeam = await createStaff('work-care-team', 'clinician', [adult.patientId]);
    const other = await createStaff('work-other', 'nurse', []);
    const officer = await createStaff('work-officer', 'privacy-officer', []);
    const officerAal1 = await createStaff('work-officer-aal1', 'privacy-officer', []);

    actors.push(
      {
        label: 'an adult patient at AAL1 without a passkey',
        cookie: await signIn(adult.email),
        personId: adult.personId,
        relationshipId: adultRelationship,
        // The walk's empty form gets errors. Revoking ends the proxy, so renewing it next finds
        // nothing to renew.
        sharing: (route) => {
          if (route.method === 'GET') return sharingView;
          if (route.path.endsWith('/revoke')) {
            return {
              status: 303,
              event: { action: 'relationship.revoke', outcome: 'success', reason: 'self' },
            };
          }
          if (route.path.startsWith('/account/sharing/consents/')) {
            return sharingDeny('sharing-adolescent-only');
          }
          if (route.path === '/account/sharing/invitations') return { status: 400, event: null };
          return notFound;
        },
        privacy: () => notFound,
      },
      {
        label: 'a teen at AAL1',
        cookie: await signIn(teen.email),
        personId: teen.personId,
        relationshipId: teenRelationship,
        sharing: () =>
          stepUp({ action: 'sharing.view', outcome: 'deny', reason: 'self-needs-aal2' }),
        privacy: () => notFound,
      },
      {
        label: 'a teen at AAL2',
        cookie: await signInAtAal2(teen.email),
        personId: teen.personId,
        relationshipId: teenRelationship,
        // The walk's form carries no "grant", so the consent route withdraws the parent's view.
        sharing: (route) => {
          if (route.method === 'GET') return sharingView;
          if (route.path.startsWith('/account/sharing/consents/')) {
            return {
              status: 303,
              event: { action: 'consent.revoke', outcome: 'success', reason: 'self' },
            };
          }
          return sharingDeny('sharing-adult-only');
        },
        privacy: () => notFound,
      },
      {
        // A proxy's own record has no proxies, so the items the routes name do not exist.
        label: 'a proxy, on their own page',
        cookie: await signInAtAal2(parent.email),
        personId: parent.personId,
        relationshipId: 'no-relationship',
        sharing: (route) => {
          if (route.method === 'GET') return sharingView;
          if (route.path.startsWith('/account/sharing/consents/')) {
            return sharingDeny('sharing-adolescent-only');
          }
          if (route.path === '/account/sharing/invitations') return { status: 400, event: null };
          return notFound;
        },
        privacy: () => notFound,
      },
      {
        label: 'care-team staff',
        cookie: await signInAtAal2(careTeam.email),
        personId: careTeam.personId,
        relationshipId: adultRelationship,
        sharing: () => notFound,
        privacy: notOfficer,
      },
      {
        label: 'other staff',
        cookie: await signInAtAal2(other.email),
        personId: other.personId,
        relationshipId: adultRelationship,
        sharing: () => notFound,
        privacy: notOfficer,
      },
      {
        label: 'a privacy officer at AAL1',
        cookie: await signIn(officerAal1.email),
        personId: officerAal1.personId,
        relationshipId: adultRelationship,
        sharing: () => notFound,
        privacy: () => stepUp('any'),
      },
      {
        label: 'a privacy officer at AAL2',
        cookie: await signInAtAal2(officer.email),
        personId: officer.personId,
        relationshipId: adultRelationship,
        sharing: () => notFound,
        // The walk names no real alert or grant and sends an empty form, so a POST may return
        // a form error or a 404 for the missing item, but never a refusal.
        privacy: (route) =>
          route.method === 'GET'
            ? { status: 200, event: { action: 'audit.search', outcome: 'success' } }
            : { status: [303, 400, 404], event: 'any' },
      },
    );
  }, 120_000);

  it('registers the sharing and privacy routes', () => {
    expect(sharingRoutes.length).toBe(6);
    expect(privacyRoutes.length).toBe(7);
  });

  it('decides and audits every work route for every actor', { timeout: 300_000 }, async () => {
    expect(actors.length).toBe(8);
    for (const actor of actors) {
      for (const route of [...sharingRoutes, ...privacyRoutes]) {
        const where = `${actor.label}: ${route.method} ${route.path}`;
        const expected = route.guard === 'sharing' ? actor.sharing(route) : actor.privacy(route);
        const before = await lastSeq();
        const response = await send(route, actor);
        const event = await latestAuditEvent(actor.personId, before);

        const statuses = [expected.status].flat();
        expect(statuses, where).toContain(response.status);
        if (expected.stepUp) {
          expect(response.headers.get('location'), where).toMatch(/^\/step-up/);
        }
        if (expected.event === 'any') {
          expect(event?.outcome, where).not.toBe('deny');
        } else if (expected.event === null) {
          expect(event, where).toBeNull();
        } else {
          expect(event, where).toMatchObject(expected.event);
        }
      }
    }
  });
});
