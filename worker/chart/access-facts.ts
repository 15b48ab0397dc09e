// Loads the facts the decision point needs about one actor and one patient. The policy itself
// is pure, so every fact it weighs is read here, in one place.
import { and, desc, eq, isNull, max } from 'drizzle-orm';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import {
  breakGlassGrants,
  careTeamMembers,
  passkeys,
  patientCareTeams,
  patients,
  people,
  proxyConsents,
  relationships,
} from '../../schema/index.ts';
import type { AppEnv, Db } from '../app.ts';
import type { ActorFacts, PatientFacts, RelationshipFacts } from '../access/policy.ts';

/** Loads what the policy needs to know about the signed-in person and one patient. */
export async function loadAccessFacts(
  c: Context<AppEnv>,
  patientId: string,
): Promise<{ actor: ActorFacts; patient: PatientFacts }> {
  const person = c.var.person;
  if (!person) throw new HTTPException(401, { message: 'Sign in required' });
  const db = c.var.db;
  const own = person.ownPatientId === patientId;

  // The actor's own chart needs no grant, care-team link or break-glass, so those are skipped.
  const [account, grants, consents, careTeamLinks, breakGlass, patient] = await Promise.all([
    loadAccountFacts(db, person.personId),
    own ? [] : loadRelationships(db, person.personId, patientId),
    own ? [] : loadConsentingPatients(db, person.personId, patientId),
    own || !person.staffId ? [] : loadCareTeamLinks(db, person.staffId, patientId),
    own || !person.staffId ? [] : loadBreakGlass(db, person.staffId, patientId),
    db.select({ birthDate: patients.birthDate }).from(patients).where(eq(patients.id, patientId)),
  ]);

  const actor: ActorFacts = {
    personId: person.personId,
    assuranceLevel: person.assuranceLevel,
    ownPatientId: person.ownPatientId,
    ...account,
    relationships: grants.map((grant) => toRelationshipFacts(grant, consents.length > 0)),
    staffId: person.staffId,
    careTeamMember: careTeamLinks.length > 0,
    breakGlass: breakGlass[0] ?? null,
  };
  return { actor, patient: { patientId, birthDate: patient[0]?.birthDate ?? null } };
}

/**
 * Loads the facts about a person's account that the policy weighs: the "always require my
 * passkey" setting, and whether an account recovery still blocks proxy access.
 */
export async function loadAccountFacts(db: Db, personId: string) {
  const [[account], [passkey]] = await Promise.all([
    db
      .select({
        requirePasskey: people.requirePasskey,
        proxyBlockedSince: people.proxyBlockedSince,
      })
      .from(people)
      .where(eq(people.id, personId)),
    db
      .select({ latest: max(passkeys.createdAt) })
      .from(passkeys)
      .where(eq(passkeys.personId, personId)),
  ]);
  return {
    requirePasskey: account?.requirePasskey ?? false,
    proxyBlockedSince: account?.proxyBlockedSince ?? null,
    latestPasskeyCreatedAt: passkey?.latest ?? null,
  };
}

export type StoredRelationship = Awaited<ReturnType<typeof loadRelationships>>[number];

/** Loads the relationships a proxy holds, for one patient or for all when patientId is null. */
export function loadRelationships(db: Db, proxyPersonId: string, patientId: string | null) {
  const forProxy = eq(relationships.proxyPersonId, proxyPersonId);
  return db
    .select({
      patientId: relationships.patientId,
      kind: relationships.kind,
      status: relationships.status,
      scopes: relationships.scopes,
      restrictedScopes: relationships.restrictedScopes,
      validFrom: relationships.validFrom,
      validTo: relationships.validTo,
      approvedAt: relationships.approvedAt,
    })
    .from(relationships)
    .where(patientId === null ? forProxy : and(forProxy, eq(relationships.patientId, patientId)));
}

/**
 * Loads the ids of patients who gave this proxy an unrevoked consent to see sensitive
 * categories, for one patient or for all when patientId is null.
 */
export async function loadConsentingPatients(
  db: Db,
  proxyPersonId: string,
  patientId: string | null,
): Promise<string[]> {
  const conditions = [
    eq(proxyConsents.proxyPersonId, proxyPersonId),
    eq(proxyConsents.scope, 'sensitive-categories'),
    isNull(proxyConsents.revokedAt),
  ];
  if (patientId !== null) conditions.push(eq(proxyConsents.patientId, patientId));
  const rows = await db
    .select({ patientId: proxyConsents.patientId })
    .from(proxyConsents)
    .where(and(...conditions));
  return rows.map((row) => row.patientId);
}

/** Converts a stored relationship row into the facts the policy reads. */
export function toRelationshipFacts(
  row: StoredRelationship,
  sensitiveConsent: boolean,
): RelationshipFacts {
  return {
    ...row,
    scopes: splitList(row.scopes),
    restrictedScopes: splitList(row.restrictedScopes),
    sensitiveConsent,
  };
}

function loadCareTeamLinks(db: Db, staffId: string, patientId: string) {
  return db
    .select({ careTeamId: patientCareTeams.careTeamId })
    .from(patientCareTeams)
    .innerJoin(careTeamMembers, eq(careTeamMembers.careTeamId, patientCareTeams.careTeamId))
    .where(and(eq(patientCareTeams.patientId, patientId), eq(careTeamMembers.staffId, staffId)))
    .limit(1);
}

// The newest grant not ended early decides, and the policy compares its expiry with the clock.
function loadBreakGlass(db: Db, staffId: string, patientId: string) {
  return db
    .select({ startedAt: breakGlassGrants.startedAt, expiresAt: breakGlassGrants.expiresAt })
    .from(breakGlassGrants)
    .where(
      and(
        eq(breakGlassGrants.staffId, staffId),
        eq(breakGlassGrants.patientId, patientId),
        isNull(breakGlassGrants.endedAt),
      ),
    )
    .orderBy(desc(breakGlassGrants.expiresAt))
    .limit(1);
}

function splitList(value: string | null): string[] {
  return (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}
