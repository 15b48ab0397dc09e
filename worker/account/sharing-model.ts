import { and, asc, eq, gt, isNull } from 'drizzle-orm';
import type { Context } from 'hono';
import {
  patients,
  people,
  proxyConsents,
  proxyInvitations,
  relationships,
} from '../../schema/index.ts';
import type { SharingModel } from '../../views/pages/sharing.tsx';
import { calendarDate } from '../access/calendar.ts';
import { ageGroupOn, type AgeGroup } from '../access/jurisdiction.ts';
import { isParentalKind } from '../access/proxy-rules.ts';
import type { AppEnv } from '../app.ts';
import { hasPasskey } from '../auth/passkeys/registration.ts';

// Kinds the patient may end alone. A guardianship or a parent's access is ended by a court or
// by the clinic, so the page shows no button for them.
export const REVOCABLE_KINDS = ['adult-designated-proxy', 'health-care-power-of-attorney'] as const;

export interface SharingFacts {
  patientId: string;
  birthDate: string | null;
  // The instant the age group was computed at, which the access decision uses too.
  now: Date;
  ageGroup: AgeGroup;
  // The patient has a passkey, so changes to who can see the record need AAL2.
  hasPasskey: boolean;
  // The patient turned on "always require my passkey", so even viewing the page needs AAL2.
  requirePasskey: boolean;
}

/** Loads the facts the decision point needs about the signed-in patient's own record. */
export async function loadSharingFacts(
  c: Context<AppEnv>,
  patientId: string,
): Promise<SharingFacts> {
  const { db, config } = c.var;
  const [patient] = await db
    .select({ birthDate: patients.birthDate })
    .from(patients)
    .where(eq(patients.id, patientId));
  const [setting] = await db
    .select({ requirePasskey: people.requirePasskey })
    .from(people)
    .where(eq(people.id, c.var.person!.personId));
  // TEST_NOW moves this clock in development and tests, as it moves the chart's decisions.
  const now = config.clockOverride ?? new Date();
  const birthDate = patient?.birthDate ?? null;
  return {
    patientId,
    birthDate,
    now,
    ageGroup: ageGroupOn(birthDate, calendarDate(now, config.clinicTimeZone), config.jurisdiction),
    hasPasskey: await hasPasskey(db, c.var.person!.personId),
    requirePasskey: setting?.requirePasskey ?? false,
  };
}

/** Loads the proxies, consents and open invitations of the patient's record for the page. */
export async function loadSharingModel(
  c: Context<AppEnv>,
  facts: SharingFacts,
  form: SharingModel['form'],
): Promise<SharingModel> {
  const db = c.var.db;
  const proxies = await db
    .select({
      id: relationships.id,
      proxyPersonId: relationships.proxyPersonId,
      name: people.displayName,
      kind: relationships.kind,
      scopes: relationships.scopes,
      status: relationships.status,
      validTo: relationships.validTo,
    })
    .from(relationships)
    .innerJoin(people, eq(people.id, relationships.proxyPersonId))
    .where(eq(relationships.patientId, facts.patientId))
    .orderBy(asc(relationships.createdAt));
  const consents = await db
    .select({ proxyPersonId: proxyConsents.proxyPersonId })
    .from(proxyConsents)
    .where(
      and(
        eq(proxyConsents.patientId, facts.patientId),
        eq(proxyConsents.scope, 'sensitive-categories'),
        isNull(proxyConsents.revokedAt),
      ),
    );
  const invitations = await db
    .select({
      id: proxyInvitations.id,
      email: proxyInvitations.email,
      scopes: proxyInvitations.scopes,
      expiresAt: proxyInvitations.expiresAt,
    })
    .from(proxyInvitations)
    .where(
      and(
        eq(proxyInvitations.patientId, facts.patientId),
        isNull(proxyInvitations.acceptedAt),
        isNull(proxyInvitations.revokedAt),
        gt(proxyInvitations.expiresAt, new Date().toISOString()),
      ),
    )
    .orderBy(asc(proxyInvitations.createdAt));

  const consenting = new Set(consents.map((consent) => consent.proxyPersonId));
  const isTeen = facts.ageGroup === 'adolescent';
  const isAdult = facts.ageGroup === 'adult';
  return {
    ageGroup: facts.ageGroup,
    passkeyNeededForInvitee: !facts.hasPasskey,
    adultProxyMonths: c.var.config.jurisdiction.adultProxyMonths,
    proxies: proxies.map((proxy) => {
      const parental = isParentalKind(proxy.kind);
      const open = proxy.status === 'active' || proxy.status === 'expired';
      return {
        id: proxy.id,
        name: proxy.name,
        firstName: proxy.name.split(' ')[0] ?? proxy.name,
        kind: proxy.kind,
        scopes: proxy.scopes.split(','),
        status: proxy.status,
        validTo: proxy.validTo,
        mayRevoke:
          isAdult &&
          proxy.status === 'active' &&
          (REVOCABLE_KINDS as readonly string[]).includes(proxy.kind),
        mayRenew: isAdult && open && proxy.kind === 'adult-designated-proxy',
        consent:
          isTeen && parental && proxy.status === 'active'
            ? { granted: consenting.has(proxy.proxyPersonId) }
            : null,
      };
    }),
    invitations: isAdult
      ? invitations.map((row) => ({ ...row, scopes: row.scopes.split(',') }))
      : [],
    form,
    notice: null,
  };
}
