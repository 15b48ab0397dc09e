import { and, eq } from 'drizzle-orm';
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { HTTPException } from 'hono/http-exception';
import { NotFound } from '../http/errors.tsx';
import { patients, people, relationships } from '../../schema/index.ts';
import type { Sensitivity } from '../../schema/chart.ts';
import type { AppEnv, OpenedChart } from '../app.ts';
import { decide, type ActorFacts, type ChartResourceType } from '../access/policy.ts';
import { appendAuditEvent } from '../audit/append.ts';
import { redirectToStepUp } from '../auth/require-assurance.ts';

/**
 * Opens the chart named in the URL for the signed-in person. The decision point runs first; a
 * denial is audited and answered with 404, the same answer as for an id that does not exist,
 * so nobody learns which ids belong to other patients. The one exception is a denial for a too
 * low assurance level, which happens only for the person's own chart or a relationship in
 * force: that person is sent to the step-up page instead. Mount after `requireSignIn()`.
 */
export const openChart = () =>
  createMiddleware<AppEnv>(async function openChart(c, next) {
    const patientId = c.req.param('patientId') ?? '';
    const actor = await loadActorFacts(c, patientId);
    const decision = decide({
      actor,
      patientId,
      resource: { type: 'chart', sensitivity: 'normal' },
      action: 'view',
      now: new Date(),
      clinicTimeZone: c.var.config.clinicTimeZone,
    });
    if (decision.effect === 'deny') {
      await appendAuditEvent(c, {
        actorPersonId: actor.personId,
        actorRole: decision.actorRole,
        action: 'chart.view',
        resourceType: 'chart',
        patientId,
        outcome: 'deny',
        reason: decision.reason,
      });
      if (decision.reason === 'proxy-needs-aal2' || decision.reason === 'self-needs-aal2') {
        return redirectToStepUp(c);
      }
      throw new NotFound();
    }

    const [patient] = await c.var.db
      .select({
        givenName: patients.givenName,
        familyName: patients.familyName,
        preferredName: patients.preferredName,
      })
      .from(patients)
      .where(eq(patients.id, patientId));
    if (!patient) throw new NotFound();

    c.set('chart', {
      patientId,
      patientName: `${patient.preferredName ?? patient.givenName} ${patient.familyName}`,
      actor,
    });
    await next();
  });

/**
 * Decides access to one resource of the open chart and writes the audit event for the view
 * before the caller renders anything. Throws NotFound on denial.
 */
export async function authorizeView(
  c: Context<AppEnv>,
  resource: { type: ChartResourceType; id?: string; sensitivity: Sensitivity },
) {
  const { patientId, actor } = openedChart(c);
  const decision = decide({
    actor,
    patientId,
    resource,
    action: 'view',
    now: new Date(),
    clinicTimeZone: c.var.config.clinicTimeZone,
  });

  await appendAuditEvent(c, {
    actorPersonId: actor.personId,
    actorRole: decision.actorRole,
    actingForPatientId: decision.actorRole === 'proxy' ? patientId : null,
    action: `${resource.type}.view`,
    resourceType: resource.type,
    resourceId: resource.id ?? null,
    patientId,
    outcome: decision.effect,
    reason: decision.reason,
  });
  if (decision.effect === 'deny') throw new NotFound();
}

/**
 * Decides, without an audit event, whether the open chart's actor may view a resource. Use it
 * only to show or hide a link: the page behind the link still calls authorizeView.
 */
export function mayView(
  c: Context<AppEnv>,
  resource: { type: ChartResourceType; sensitivity: Sensitivity },
): boolean {
  const { patientId, actor } = openedChart(c);
  const decision = decide({
    actor,
    patientId,
    resource,
    action: 'view',
    now: new Date(),
    clinicTimeZone: c.var.config.clinicTimeZone,
  });
  return decision.effect === 'allow';
}

async function loadActorFacts(c: Context<AppEnv>, patientId: string): Promise<ActorFacts> {
  const person = c.var.person;
  if (!person) throw new HTTPException(401, { message: 'Sign in required' });

  // The actor's own chart needs no grant, so the query is skipped.
  const grants =
    person.ownPatientId === patientId
      ? []
      : await c.var.db
          .select({
            patientId: relationships.patientId,
            status: relationships.status,
            scopes: relationships.scopes,
            validFrom: relationships.validFrom,
            validTo: relationships.validTo,
          })
          .from(relationships)
          .where(
            and(
              eq(relationships.proxyPersonId, person.personId),
              eq(relationships.patientId, patientId),
            ),
          );

  // Only the person's own chart depends on their "always require my passkey" setting.
  const [setting] =
    person.ownPatientId === patientId
      ? await c.var.db
          .select({ requirePasskey: people.requirePasskey })
          .from(people)
          .where(eq(people.id, person.personId))
      : [];

  return {
    personId: person.personId,
    assuranceLevel: person.assuranceLevel,
    ownPatientId: person.ownPatientId,
    requirePasskey: setting?.requirePasskey ?? false,
    relationships: grants.map((grant) => ({ ...grant, scopes: grant.scopes.split(',') })),
  };
}

/** Returns the chart opened for this request; chart handlers run only after openChart(). */
export function openedChart(c: Context<AppEnv>): OpenedChart {
  const chart = c.var.chart;
  if (!chart) throw new Error('openChart() must run before a chart handler');
  return chart;
}
