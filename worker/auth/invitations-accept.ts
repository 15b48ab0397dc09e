import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Context } from 'hono';
import { people, personPatients, proxyInvitations, relationships } from '../../schema/index.ts';
import { addMonths, calendarDate } from '../access/calendar.ts';
import type { AppEnv } from '../app.ts';
import { appendAuditEvent } from '../audit/append.ts';
import { randomToken } from './crypto.ts';
import type { OpenInvitation } from './invitations-store.ts';

export type AcceptResult =
  | { ok: true; personId: string; relationshipId: string }
  | { ok: false; reason: 'no-longer-open' | 'own-record' | 'account-disabled' };

/**
 * Accepts an invitation whose email the invitee has just proved: creates or reuses the people
 * row for that email and creates the active relationship.
 *
 * The invitation is closed first by a conditional update, so one link accepted twice at once
 * creates one relationship. The audit event is written before the new rows.
 */
export async function acceptInvitation(
  c: Context<AppEnv>,
  invitation: OpenInvitation,
  displayName: string,
): Promise<AcceptResult> {
  const { db, config } = c.var;
  const now = new Date();
  const nowIso = now.toISOString();

  const [existing] = await db
    .select({
      id: people.id,
      disabledAt: people.disabledAt,
      ownPatientId: personPatients.patientId,
    })
    .from(people)
    .leftJoin(personPatients, eq(personPatients.personId, people.id))
    .where(eq(people.email, invitation.email));
  if (existing?.disabledAt) return { ok: false, reason: 'account-disabled' };
  if (existing?.ownPatientId === invitation.patientId) return { ok: false, reason: 'own-record' };

  const personId = existing?.id ?? randomToken(16);
  const closed = await db
    .update(proxyInvitations)
    .set({ acceptedAt: nowIso, acceptedByPersonId: existing?.id ?? null })
    .where(
      and(
        eq(proxyInvitations.id, invitation.id),
        isNull(proxyInvitations.acceptedAt),
        isNull(proxyInvitations.revokedAt),
        gt(proxyInvitations.expiresAt, nowIso),
      ),
    );
  if (closed.meta.changes !== 1) return { ok: false, reason: 'no-longer-open' };

  const relationshipId = randomToken(16);
  await appendAuditEvent(c, {
    actorPersonId: personId,
    actorRole: 'proxy',
    actingForPatientId: invitation.patientId,
    action: 'invitation.accept',
    resourceType: 'relationship',
    resourceId: relationshipId,
    patientId: invitation.patientId,
    outcome: 'success',
    reason: invitation.kind,
  });

  // Relationship dates are calendar dates in the clinic's time zone, like the policy's "today".
  const today = calendarDate(now, config.clinicTimeZone);
  const validTo =
    invitation.kind === 'adult-designated-proxy'
      ? addMonths(today, config.jurisdiction.adultProxyMonths)
      : null;
  const relationship = db.insert(relationships).values({
    id: relationshipId,
    proxyPersonId: personId,
    patientId: invitation.patientId,
    kind: invitation.kind,
    scopes: invitation.scopes.join(','),
    validFrom: today,
    validTo,
    status: 'active',
    legalBasis: invitation.legalBasis,
    approvedByStaffId: invitation.invitedByStaffId,
    approvedAt: invitation.invitedByStaffId ? nowIso : null,
    createdAt: nowIso,
  });
  if (existing) {
    await db.batch([relationship]);
  } else {
    await db.batch([
      db
        .insert(people)
        .values({ id: personId, email: invitation.email, displayName, createdAt: nowIso }),
      db
        .update(proxyInvitations)
        .set({ acceptedByPersonId: personId })
        .where(eq(proxyInvitations.id, invitation.id)),
      relationship,
    ]);
  }
  return { ok: true, personId, relationshipId };
}
