import { eq } from 'drizzle-orm';
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { NotFound } from '../http/errors.tsx';
import { patients } from '../../schema/index.ts';
import { SENSITIVITY, type Sensitivity } from '../../schema/chart.ts';
import type { ChartSection } from '../../views/models.ts';
import type { AppEnv, OpenedChart } from '../app.ts';
import {
  decide,
  STEP_UP_REASONS,
  type Action,
  type ChartResource,
  type ChartResourceType,
  type Decision,
} from '../access/policy.ts';
import { appendAuditEvent } from '../audit/append.ts';
import { redirectToStepUp } from '../auth/require-assurance.ts';
import { loadAccessFacts } from './access-facts.ts';

// The resource type each navigation section lists. A proxy opens the chart with any one scope,
// so a section outside the proxy's scopes is left out of the navigation.
const SECTION_TYPES: [ChartSection, ChartResourceType][] = [
  ['results', 'result'],
  ['medications', 'medication'],
  ['messages', 'message-thread'],
  ['appointments', 'appointment'],
  ['health', 'health-summary'],
];

/**
 * Opens the chart named in the URL for the signed-in person. The decision point runs first. A
 * denial is audited and returns 404, the same response as for an id that does not exist,
 * so nobody learns which ids belong to other patients. Two denials respond otherwise,
 * because they happen only to someone the chart is open to: a too low assurance level sends the
 * person to the step-up page, and a proxy blocked by an account recovery to add a passkey.
 * Mount after `requireSignIn()`.
 */
export const openChart = () =>
  createMiddleware<AppEnv>(async function openChart(c, next) {
    const patientId = c.req.param('patientId') ?? '';
    const { actor, patient } = await loadAccessFacts(c, patientId);
    const decideView = (type: ChartResourceType) =>
      decideOn(c, { actor, patientId, patient }, { type, sensitivity: 'normal' }, 'view');
    const decision = decideView('chart');
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
      if (STEP_UP_REASONS.includes(decision.reason)) return redirectToStepUp(c);
      if (decision.reason === 'proxy-blocked-until-passkey')
        return c.redirect('/passkeys/new', 303);
      throw new NotFound();
    }

    const [row] = await c.var.db
      .select({
        givenName: patients.givenName,
        familyName: patients.familyName,
        preferredName: patients.preferredName,
      })
      .from(patients)
      .where(eq(patients.id, patientId));
    if (!row) throw new NotFound();

    const grant = decision.reason === 'break-glass' ? actor.breakGlass : null;
    const hiddenSections = SECTION_TYPES.filter(
      ([, type]) => decideView(type).effect === 'deny',
    ).map(([section]) => section);
    c.set('chart', {
      patientId,
      patientName: `${row.preferredName ?? row.givenName} ${row.familyName}`,
      actor,
      patient,
      access: {
        role:
          decision.actorRole === 'self' || decision.actorRole === 'proxy'
            ? decision.actorRole
            : 'staff',
        reason: decision.reason,
        breakGlassStartedAt: grant?.startedAt ?? null,
        breakGlassExpiresAt: grant?.expiresAt ?? null,
        hiddenSections,
      },
    });
    await next();
  });

/**
 * Decides an action on one resource of the open chart and writes its audit event before the
 * caller reads or renders anything more. Throws NotFound on denial, so a denied item looks
 * like one that does not exist.
 */
export async function authorize(c: Context<AppEnv>, resource: ChartResource, action: Action) {
  const { patientId, actor } = openedChart(c);
  const decision = decideFor(c, resource, action);

  await appendAuditEvent(c, {
    actorPersonId: actor.personId,
    actorRole: decision.actorRole,
    actingForPatientId: decision.actorRole === 'proxy' ? patientId : null,
    action: `${resource.type}.${action}`,
    resourceType: resource.type,
    resourceId: resource.id ?? null,
    patientId,
    outcome: decision.effect,
    reason: decision.reason,
  });
  if (decision.effect === 'deny') throw new NotFound();
}

/** Decides and audits a view of one resource of the open chart, as authorize() does. */
export function authorizeView(c: Context<AppEnv>, resource: ChartResource) {
  return authorize(c, resource, 'view');
}

/**
 * Decides, without an audit event, whether the open chart's actor may view a resource. Use it
 * only to show or hide a link: the page behind the link still calls authorize().
 */
export function mayView(
  c: Context<AppEnv>,
  resource: { type: ChartResourceType; sensitivity: Sensitivity },
): boolean {
  return decideFor(c, resource, 'view').effect === 'allow';
}

/**
 * Returns the sensitivity categories of a resource type that the open chart's actor may view.
 * List pages read only items in these categories, so a parental proxy of a teen never receives
 * a sensitive item. The list's own authorize() call writes the audit event.
 */
export function visibleSensitivities(c: Context<AppEnv>, type: ChartResourceType): Sensitivity[] {
  return SENSITIVITY.filter((sensitivity) => mayView(c, { type, sensitivity }));
}

/** Returns the instant access decisions use: the clock, or TEST_NOW in development and tests. */
export function requestNow(c: Context<AppEnv>): Date {
  return c.var.config.clockOverride ?? new Date();
}

/** Returns the chart opened for this request, so it throws unless openChart() ran first. */
export function openedChart(c: Context<AppEnv>): OpenedChart {
  const chart = c.var.chart;
  if (!chart) throw new Error('openChart() must run before a chart handler');
  return chart;
}

function decideFor(c: Context<AppEnv>, resource: ChartResource, action: Action): Decision {
  return decideOn(c, openedChart(c), resource, action);
}

function decideOn(
  c: Context<AppEnv>,
  { actor, patientId, patient }: Pick<OpenedChart, 'actor' | 'patientId' | 'patient'>,
  resource: ChartResource,
  action: Action,
): Decision {
  return decide({
    actor,
    patientId,
    patient,
    resource,
    action,
    now: requestNow(c),
    clinicTimeZone: c.var.config.clinicTimeZone,
    policy: c.var.config.jurisdiction,
  });
}
