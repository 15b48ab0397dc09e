import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Context } from 'hono';
import { patients, proxyInvitations } from '../../schema/index.ts';
import type { RELATIONSHIP_KINDS } from '../../schema/people.ts';
import type { AppEnv } from '../app.ts';
import { appendAuditEvent } from '../audit/append.ts';
import { queueNotification } from '../notify/outbox.ts';
import { keyedHash, randomToken } from './crypto.ts';

export const INVITATION_LIFETIME_MS = 14 * 24 * 60 * 60_000;

export type RelationshipKind = (typeof RELATIONSHIP_KINDS)[number];

export interface NewInvitation {
  patientId: string;
  email: string;
  kind: RelationshipKind;
  scopes: string[];
  legalBasis: string;
  // Exactly one sender: the patient's person id, or the staff member's id.
  sender: { personId: string } | { staffId: string };
}

/**
 * Creates an invitation and emails its link. Only a keyed hash of the link's token is stored,
 * and the email names no patient, because an email can be read by anyone with the mailbox.
 * The audit event is written before the row and the email.
 */
export async function sendInvitation(c: Context<AppEnv>, invitation: NewInvitation) {
  const { db, config } = c.var;
  const id = randomToken(16);
  const token = randomToken(32);
  const now = Date.now();
  const bySelf = 'personId' in invitation.sender;

  await appendAuditEvent(c, {
    actorPersonId: c.var.person?.personId ?? null,
    actorRole: bySelf ? 'self' : 'staff',
    action: 'invitation.send',
    resourceType: 'proxy-invitation',
    resourceId: id,
    patientId: invitation.patientId,
    outcome: 'success',
    reason: invitation.kind,
  });

  const link = `${new URL(c.req.url).origin}/invitations/${token}`;
  await db.batch([
    db.insert(proxyInvitations).values({
      id,
      patientId: invitation.patientId,
      invitedByPersonId: 'personId' in invitation.sender ? invitation.sender.personId : null,
      invitedByStaffId: 'staffId' in invitation.sender ? invitation.sender.staffId : null,
      email: invitation.email.toLowerCase(),
      kind: invitation.kind,
      scopes: invitation.scopes.join(','),
      legalBasis: invitation.legalBasis,
      tokenHash: await invitationTokenHash(config.sessionPepper, token),
      createdAt: new Date(now).toISOString(),
      expiresAt: new Date(now + INVITATION_LIFETIME_MS).toISOString(),
    }),
    queueNotification(c, {
      channel: 'email',
      recipient: invitation.email.toLowerCase(),
      subject: 'You are invited to help with someone’s care in the patient portal',
      body: `You have been invited to help with someone’s care in the patient portal. Open this link within 14 days to accept: ${link} If you were not expecting this, you can ignore this email.`,
    }),
  ]);
  return id;
}

export function invitationTokenHash(pepper: string, token: string): Promise<string> {
  return keyedHash(pepper, 'invitation-token', token);
}

export interface OpenInvitation {
  id: string;
  patientId: string;
  patientFirstName: string;
  email: string;
  kind: RelationshipKind;
  scopes: string[];
  legalBasis: string;
  invitedByStaffId: string | null;
}

/**
 * Loads the invitation of a link token when it can still be accepted: not accepted, not
 * cancelled and not expired. Returns null otherwise, and callers show one page for every case.
 */
export async function loadOpenInvitation(
  c: Context<AppEnv>,
  token: string,
): Promise<OpenInvitation | null> {
  if (!/^[\w-]{20,100}$/.test(token)) return null;
  const tokenHash = await invitationTokenHash(c.var.config.sessionPepper, token);
  const [row] = await c.var.db
    .select({
      id: proxyInvitations.id,
      patientId: proxyInvitations.patientId,
      email: proxyInvitations.email,
      kind: proxyInvitations.kind,
      scopes: proxyInvitations.scopes,
      legalBasis: proxyInvitations.legalBasis,
      invitedByStaffId: proxyInvitations.invitedByStaffId,
      givenName: patients.givenName,
      preferredName: patients.preferredName,
    })
    .from(proxyInvitations)
    .innerJoin(patients, eq(patients.id, proxyInvitations.patientId))
    .where(
      and(
        eq(proxyInvitations.tokenHash, tokenHash),
        isNull(proxyInvitations.acceptedAt),
        isNull(proxyInvitations.revokedAt),
        gt(proxyInvitations.expiresAt, new Date().toISOString()),
      ),
    )
    .limit(1);
  if (!row) return null;
  return {
    id: row.id,
    patientId: row.patientId,
    patientFirstName: row.preferredName ?? row.givenName,
    email: row.email,
    kind: row.kind,
    scopes: row.scopes.split(','),
    legalBasis: row.legalBasis,
    invitedByStaffId: row.invitedByStaffId,
  };
}
