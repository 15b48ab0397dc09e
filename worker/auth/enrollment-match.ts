import { and, asc, desc, eq } from 'drizzle-orm';
import type { Context } from 'hono';
import { activationCodes, patientContacts, patients, personPatients } from '../../schema/index.ts';
import type { AppEnv } from '../app.ts';
import { activationCodeHash } from './enrollment-codes.ts';

export interface EnrollmentDetails {
  // Normalized activation code: 12 characters from the unambiguous alphabet.
  activationCode: string;
  // YYYY-MM-DD.
  birthDate: string;
  lastName: string;
}

export type EnrollmentMatch =
  | {
      matched: true;
      activationCodeId: string;
      patientId: string;
      alreadyEnrolled: boolean;
      // Contacts on file the code goes to: the primary email and the primary phone, if any.
      email: string;
      phone: string | null;
    }
  | {
      matched: false;
      reason:
        | 'code-unknown'
        | 'code-used'
        | 'code-revoked'
        | 'code-expired'
        | 'birth-date-mismatch'
        | 'name-mismatch'
        | 'no-email-on-file';
      activationCodeId: string | null;
      patientId: string | null;
    };

/**
 * Finds the record an enrollment form describes. The reason of a failed match goes into the
 * audit event only, because the person must get the same response whatever the reason.
 */
export async function matchEnrollment(
  c: Context<AppEnv>,
  details: EnrollmentDetails,
): Promise<EnrollmentMatch> {
  const db = c.var.db;
  const codeHash = await activationCodeHash(c.var.config.sessionPepper, details.activationCode);
  const [row] = await db
    .select({
      id: activationCodes.id,
      patientId: activationCodes.patientId,
      expiresAt: activationCodes.expiresAt,
      usedAt: activationCodes.usedAt,
      revokedAt: activationCodes.revokedAt,
      birthDate: patients.birthDate,
      familyName: patients.familyName,
    })
    .from(activationCodes)
    .innerJoin(patients, eq(patients.id, activationCodes.patientId))
    .where(eq(activationCodes.codeHash, codeHash))
    .orderBy(desc(activationCodes.createdAt))
    .limit(1);
  if (!row)
    return { matched: false, reason: 'code-unknown', activationCodeId: null, patientId: null };

  const ids = { activationCodeId: row.id, patientId: row.patientId };
  if (row.usedAt) return { matched: false, reason: 'code-used', ...ids };
  if (row.revokedAt) return { matched: false, reason: 'code-revoked', ...ids };
  if (row.expiresAt <= new Date().toISOString()) {
    return { matched: false, reason: 'code-expired', ...ids };
  }
  if (row.birthDate !== details.birthDate) {
    return { matched: false, reason: 'birth-date-mismatch', ...ids };
  }
  if (comparableName(row.familyName) !== comparableName(details.lastName)) {
    return { matched: false, reason: 'name-mismatch', ...ids };
  }

  const contacts = await db
    .select({ kind: patientContacts.kind, value: patientContacts.value })
    .from(patientContacts)
    .where(eq(patientContacts.patientId, row.patientId))
    .orderBy(desc(patientContacts.isPrimary), asc(patientContacts.id));
  const email = contacts.find((contact) => contact.kind === 'email')?.value;
  const phone = contacts.find((contact) => contact.kind === 'phone')?.value ?? null;
  // NOTE: an account signs in by email, so a record with only a phone number on file cannot
  // enroll online yet. The person gets the usual response and no code.
  if (!email) return { matched: false, reason: 'no-email-on-file', ...ids };

  const [enrolled] = await db
    .select({ personId: personPatients.personId })
    .from(personPatients)
    .where(and(eq(personPatients.patientId, row.patientId)));
  return { matched: true, ...ids, alreadyEnrolled: Boolean(enrolled), email, phone };
}

/**
 * Reduces a last name to what must match: letters without accents, in lower case, without
 * spaces, hyphens, apostrophes or periods. So "Nuñez-O'Brien" matches "nunez obrien".
 */
export function comparableName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[\s'’ʼ`.\-‐‑–—]/g, '');
}
