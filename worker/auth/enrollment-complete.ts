import { and, asc, desc, eq, gt, isNull } from 'drizzle-orm';
import type { Context } from 'hono';
import {
  activationCodes,
  patientContacts,
  patients,
  people,
  personPatients,
} from '../../schema/index.ts';
import type { AppEnv } from '../app.ts';
import { appendAuditEvent } from '../audit/append.ts';
import { randomToken } from './crypto.ts';

export type EnrollmentResult =
  | { ok: true; personId: string; patientId: string }
  | { ok: false; reason: 'code-no-longer-valid' | 'already-enrolled' | 'email-in-use' };

/**
 * Creates the account for the patient of a verified activation code: one people row whose
 * email is the one on file, linked to the patient record, and the activation code marked used.
 *
 * The activation code is consumed first by a conditional update, so two verifications racing
 * for one code cannot both create an account. The unique index on person_patients.patient_id
 * stops two different codes for one patient. The audit event is written before the account
 * rows, so no account exists without its event.
 */
export async function completeEnrollment(
  c: Context<AppEnv>,
  activationCodeId: string,
): Promise<EnrollmentResult> {
  const db = c.var.db;
  const now = new Date().toISOString();

  const [code] = await db
    .select({ patientId: activationCodes.patientId })
    .from(activationCodes)
    .where(eq(activationCodes.id, activationCodeId));
  if (!code) return { ok: false, reason: 'code-no-longer-valid' };
  const patientId = code.patientId;

  const [enrolled] = await db
    .select({ personId: personPatients.personId })
    .from(personPatients)
    .where(eq(personPatients.patientId, patientId));
  if (enrolled) return { ok: false, reason: 'already-enrolled' };

  const [contact] = await db
    .select({ value: patientContacts.value })
    .from(patientContacts)
    .where(and(eq(patientContacts.patientId, patientId), eq(patientContacts.kind, 'email')))
    .orderBy(desc(patientContacts.isPrimary), asc(patientContacts.id))
    .limit(1);
  if (!contact) return { ok: false, reason: 'code-no-longer-valid' };
  const email = contact.value.toLowerCase();

  // A person with this email may exist already, for example a parent who acts for a child and
  // now enrolls for their own record. That person is linked, unless they have a record already.
  const [existing] = await db
    .select({ id: people.id, ownPatientId: personPatients.patientId })
    .from(people)
    .leftJoin(personPatients, eq(personPatients.personId, people.id))
    .where(eq(people.email, email));
  if (existing?.ownPatientId) return { ok: false, reason: 'email-in-use' };

  const consumed = await db
    .update(activationCodes)
    .set({ usedAt: now })
    .where(
      and(
        eq(activationCodes.id, activationCodeId),
        isNull(activationCodes.usedAt),
        isNull(activationCodes.revokedAt),
        gt(activationCodes.expiresAt, now),
      ),
    );
  if (consumed.meta.changes !== 1) return { ok: false, reason: 'code-no-longer-valid' };

  const personId = existing?.id ?? randomToken(16);
  await appendAuditEvent(c, {
    actorPersonId: personId,
    actorRole: 'self',
    action: 'enrollment.complete',
    resourceType: 'activation-code',
    resourceId: activationCodeId,
    patientId,
    outcome: 'success',
    reason: existing ? 'linked-existing-person' : 'new-person',
  });

  const link = db.insert(personPatients).values({ personId, patientId, linkedAt: now });
  if (existing) {
    await db.batch([link]);
  } else {
    const [patient] = await db
      .select({
        givenName: patients.givenName,
        preferredName: patients.preferredName,
        familyName: patients.familyName,
      })
      .from(patients)
      .where(eq(patients.id, patientId));
    const displayName = `${patient?.preferredName ?? patient?.givenName ?? ''} ${patient?.familyName ?? ''}`;
    const person = db
      .insert(people)
      .values({ id: personId, email, displayName: displayName.trim(), createdAt: now });
    await db.batch([person, link]);
  }
  return { ok: true, personId, patientId };
}
