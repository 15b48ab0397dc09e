import { and, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Context } from 'hono';
import { careTeamMembers, patientCareTeams, patients } from '../../schema/index.ts';
import type { StaffPatientRow } from '../../views/models.ts';
import type { AppEnv } from '../app.ts';
import { NotFound } from '../http/errors.tsx';
import { pageOffset, STAFF_PAGE_SIZE, takePage } from './paging.ts';
import { decideWithCareTeamLink } from './staff-access.ts';
import type { StaffMember } from './staff-member.ts';

export const SEARCH_RESULT_LIMIT = 20;
// Shorter queries match too many patients to be a lookup of one person.
export const SEARCH_MIN_LENGTH = 2;

const patientColumns = {
  patientId: patients.id,
  mrn: patients.mrn,
  givenName: patients.givenName,
  preferredName: patients.preferredName,
  familyName: patients.familyName,
  birthDate: patients.birthDate,
};

/** Returns the patient's full name, or throws NotFound for an unknown id. */
export async function loadPatientName(c: Context<AppEnv>, patientId: string): Promise<string> {
  const [patient] = await c.var.db
    .select({ givenName: patients.givenName, familyName: patients.familyName })
    .from(patients)
    .where(eq(patients.id, patientId));
  if (!patient) throw new NotFound();
  return `${patient.givenName} ${patient.familyName}`;
}

/** Lists one page of the patients of the staff member's care teams, by family name. */
export async function loadCareTeamPatients(
  c: Context<AppEnv>,
  member: StaffMember,
  page: number,
): Promise<{ patients: StaffPatientRow[]; more: boolean }> {
  const rows = await c.var.db
    .selectDistinct(patientColumns)
    .from(careTeamMembers)
    .innerJoin(patientCareTeams, eq(patientCareTeams.careTeamId, careTeamMembers.careTeamId))
    .innerJoin(patients, eq(patients.id, patientCareTeams.patientId))
    .where(eq(careTeamMembers.staffId, member.staffId))
    .orderBy(patients.familyName, patients.givenName, patients.id)
    .limit(STAFF_PAGE_SIZE + 1)
    .offset(pageOffset(page));

  const { rows: shown, more } = takePage(rows);
  // The query joins through the care teams, so every row has a care-team link.
  return { patients: shown.map((row) => toRow(c, member, row, true)), more };
}

/**
 * Finds patients whose name or MRN contains the query, across all patients. The decision point
 * shows the birth date to the care team alone, so other patients come back without one, because
 * break-glass has not opened their chart.
 */
export async function searchPatients(
  c: Context<AppEnv>,
  member: StaffMember,
  query: string,
): Promise<StaffPatientRow[]> {
  // instr() rather than LIKE: D1 caps a LIKE pattern at 50 bytes, and a long name (the seed has
  // names of more than 50 characters) must still be found. instr() also needs no escaping.
  const needle = query.toLowerCase();
  const contains = (text: SQL) => sql`instr(lower(${text}), ${needle}) > 0`;
  const mrn = contains(sql`${patients.mrn}`);
  const fullName = contains(sql`${patients.givenName} || ' ' || ${patients.familyName}`);
  const preferredFullName = contains(
    sql`coalesce(${patients.preferredName}, '') || ' ' || ${patients.familyName}`,
  );

  const rows = await c.var.db
    .select(patientColumns)
    .from(patients)
    .where(or(mrn, fullName, preferredFullName))
    .orderBy(patients.familyName, patients.givenName, patients.id)
    .limit(SEARCH_RESULT_LIMIT);
  if (rows.length === 0) return [];

  const onTeam = await c.var.db
    .selectDistinct({ patientId: patientCareTeams.patientId })
    .from(patientCareTeams)
    .innerJoin(careTeamMembers, eq(careTeamMembers.careTeamId, patientCareTeams.careTeamId))
    .where(
      and(
        eq(careTeamMembers.staffId, member.staffId),
        inArray(
          patientCareTeams.patientId,
          rows.map((row) => row.patientId),
        ),
      ),
    );
  const onTeamIds = new Set(onTeam.map((row) => row.patientId));
  return rows.map((row) => toRow(c, member, row, onTeamIds.has(row.patientId)));
}

/** Formats a patient's name the way the chart header shows it. */
export function patientName(row: {
  givenName: string;
  preferredName: string | null;
  familyName: string;
}) {
  return `${row.preferredName ?? row.givenName} ${row.familyName}`;
}

function toRow(
  c: Context<AppEnv>,
  member: StaffMember,
  row: {
    patientId: string;
    mrn: string;
    givenName: string;
    preferredName: string | null;
    familyName: string;
    birthDate: string;
  },
  careTeamMember: boolean,
): StaffPatientRow {
  const demographics = decideWithCareTeamLink(
    c,
    member,
    { resourceType: 'demographics', action: 'view', patientId: row.patientId },
    careTeamMember,
  );
  const allowed = demographics.effect === 'allow';
  return {
    patientId: row.patientId,
    name: patientName(row),
    mrn: row.mrn,
    birthDate: allowed ? row.birthDate : null,
    onCareTeam: allowed,
  };
}
