// The people a proxy may act for right now, for the proxy home and the chart switcher.
import { inArray } from 'drizzle-orm';
import type { Context } from 'hono';
import { patients } from '../../schema/index.ts';
import type { AppEnv } from '../app.ts';
import {
  decide,
  type Action,
  type ActorFacts,
  type ChartResourceType,
  type Scope,
} from '../access/policy.ts';
import {
  loadAccountFacts,
  loadConsentingPatients,
  loadRelationships,
  toRelationshipFacts,
} from './access-facts.ts';
import { requestNow } from './guard.ts';
import { calendarDate } from '../access/calendar.ts';
import { effectiveEnd } from '../access/proxy-rules.ts';
import type { PasskeyStep } from '../../views/models.ts';

export interface ActingFor {
  patientId: string;
  name: string;
  // The kind of relationship in plain words, for example "parent".
  relationship: string;
  scopes: Scope[];
  // The last day of access (YYYY-MM-DD) when it ends within ENDING_SOON_DAYS, else null.
  endsOn: string | null;
}

// A relationship that ended or was stopped, named so the proxy sees why a chart is gone.
export interface EndedAccess {
  name: string;
  why: 'ended' | 'stopped';
}

const ENDING_SOON_DAYS = 30;
const ENDED_REASONS = new Set(['relationship-expired', 'majority-reached']);
const STOPPED_REASONS = new Set(['relationship-revoked', 'relationship-suspended']);

const RELATIONSHIP_LABELS: Record<string, string> = {
  'parent-of-minor': 'parent',
  'legal-guardian-of-minor': 'legal guardian',
  'court-appointed-guardian': 'court-appointed guardian',
  'health-care-power-of-attorney': 'health care power of attorney',
  'adult-designated-proxy': 'proxy',
};

// One request per scope that the decision point is asked about, to list what the proxy may do.
const SCOPE_PROBES: { scope: Scope; type: ChartResourceType; action: Action }[] = [
  { scope: 'record', type: 'health-summary', action: 'view' },
  { scope: 'messaging', type: 'message-thread', action: 'view' },
  { scope: 'scheduling', type: 'appointment', action: 'view' },
  { scope: 'billing', type: 'chart', action: 'pay-bill' },
];

/**
 * Lists the people whose chart the signed-in person may open now as a proxy, with the scopes
 * each relationship allows. The decision point decides every entry, so an ended, revoked,
 * restricted or not yet approved relationship is left out. The list assumes the person will
 * step up to AAL2, because opening the chart redirects to the passkey step-up. A recovery
 * block still leaves the entry out. It reads only names, which the proxy has already seen.
 */
export async function loadActingFor(c: Context<AppEnv>): Promise<{
  actingFor: ActingFor[];
  ended: EndedAccess[];
  blockedUntilPasskey: boolean;
  passkeyStep: PasskeyStep;
}> {
  const person = c.var.person!;
  const db = c.var.db;
  const [account, grants, consenting] = await Promise.all([
    loadAccountFacts(db, person.personId),
    loadRelationships(db, person.personId, null),
    loadConsentingPatients(db, person.personId, null),
  ]);
  // Opening a chart steps up to AAL2, so the page explains how: add a passkey, or use yours.
  const passkeyStep: PasskeyStep =
    account.latestPasskeyCreatedAt === null
      ? 'add'
      : person.assuranceLevel === 'AAL2'
        ? 'none'
        : 'ask';
  const patientIds = [...new Set(grants.map((grant) => grant.patientId))];
  if (patientIds.length === 0) {
    return { actingFor: [], ended: [], blockedUntilPasskey: false, passkeyStep };
  }
  const rows = await db
    .select({
      id: patients.id,
      birthDate: patients.birthDate,
      givenName: patients.givenName,
      preferredName: patients.preferredName,
      familyName: patients.familyName,
    })
    .from(patients)
    .where(inArray(patients.id, patientIds))
    .orderBy(patients.givenName);

  const actingFor: ActingFor[] = [];
  const ended: EndedAccess[] = [];
  let blockedUntilPasskey = false;
  const today = calendarDate(requestNow(c), c.var.config.clinicTimeZone);
  const soon = addDays(today, ENDING_SOON_DAYS);
  for (const row of rows) {
    const actor: ActorFacts = {
      personId: person.personId,
      assuranceLevel: 'AAL2',
      ownPatientId: person.ownPatientId,
      ...account,
      relationships: grants
        .filter((grant) => grant.patientId === row.id)
        .map((grant) => toRelationshipFacts(grant, consenting.includes(row.id))),
      staffId: null,
      careTeamMember: false,
      breakGlass: null,
    };
    const decideProbe = (type: ChartResourceType, action: Action) =>
      decide({
        actor,
        patientId: row.id,
        patient: { patientId: row.id, birthDate: row.birthDate },
        resource: { type, sensitivity: 'normal' },
        action,
        now: requestNow(c),
        clinicTimeZone: c.var.config.clinicTimeZone,
        policy: c.var.config.jurisdiction,
      });

    const name = `${row.preferredName ?? row.givenName} ${row.familyName}`;
    const chart = decideProbe('chart', 'view');
    if (chart.effect === 'deny') {
      if (chart.reason === 'proxy-blocked-until-passkey') blockedUntilPasskey = true;
      if (ENDED_REASONS.has(chart.reason)) ended.push({ name, why: 'ended' });
      if (STOPPED_REASONS.has(chart.reason)) ended.push({ name, why: 'stopped' });
      continue;
    }
    const scopes = SCOPE_PROBES.filter(
      (probe) => decideProbe(probe.type, probe.action).effect === 'allow',
    ).map((probe) => probe.scope);
    const kind = actor.relationships[0]!.kind;
    // The effective end is the first day without access, so the last day is the one before it.
    // NOTE: with several relationships to one patient, the label comes from the first row and the
    // end date from the first row that has one, even when another row allows access for longer.
    const { clinicTimeZone, jurisdiction } = c.var.config;
    const validTo =
      actor.relationships
        .map((grant) => effectiveEnd(grant, jurisdiction.adultProxyMonths, clinicTimeZone))
        .find(Boolean) ?? null;
    actingFor.push({
      patientId: row.id,
      name,
      relationship: RELATIONSHIP_LABELS[kind] ?? kind,
      scopes,
      endsOn: validTo && validTo <= soon ? addDays(validTo, -1) : null,
    });
  }
  return { actingFor, ended, blockedUntilPasskey, passkeyStep };
}

function addDays(date: string, days: number): string {
  const instant = new Date(`${date}T00:00:00Z`);
  instant.setUTCDate(instant.getUTCDate() + days);
  return instant.toISOString().slice(0, 10);
}
