import { sqliteTable, text, index, primaryKey } from 'drizzle-orm/sqlite-core';
import { classifyColumns } from './phi.ts';
import { people } from './people.ts';
import { patients } from './patients.ts';

export const STAFF_ROLES = ['clinician', 'nurse', 'front-desk', 'privacy-officer'] as const;

/** A staff member's role in the portal. The linked person row is the account they sign in with. */
export const staff = sqliteTable('staff', {
  id: text('id').primaryKey(),
  personId: text('person_id')
    .notNull()
    .references(() => people.id),
  role: text('role', { enum: STAFF_ROLES }).notNull(),
  // Shown to patients, for example "Dr. Ada Quill, MD".
  displayName: text('display_name').notNull(),
});

export const staffPhi = classifyColumns(staff, 'portal', {
  id: 'identifier',
  personId: 'identifier',
  role: 'none',
  displayName: 'none',
});

export const careTeams = sqliteTable('care_teams', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  department: text('department').notNull(),
});

export const careTeamsPhi = classifyColumns(careTeams, 'portal', {
  id: 'identifier',
  name: 'none',
  department: 'none',
});

export const careTeamMembers = sqliteTable(
  'care_team_members',
  {
    careTeamId: text('care_team_id')
      .notNull()
      .references(() => careTeams.id),
    staffId: text('staff_id')
      .notNull()
      .references(() => staff.id),
  },
  (t) => [primaryKey({ columns: [t.careTeamId, t.staffId] })],
);

export const careTeamMembersPhi = classifyColumns(careTeamMembers, 'portal', {
  careTeamId: 'identifier',
  staffId: 'identifier',
});

/** Care teams assigned to a patient. */
export const patientCareTeams = sqliteTable(
  'patient_care_teams',
  {
    patientId: text('patient_id')
      .notNull()
      .references(() => patients.id),
    careTeamId: text('care_team_id')
      .notNull()
      .references(() => careTeams.id),
  },
  (t) => [
    primaryKey({ columns: [t.patientId, t.careTeamId] }),
    index('patient_care_teams_team_idx').on(t.careTeamId),
  ],
);

export const patientCareTeamsPhi = classifyColumns(patientCareTeams, 'ehr', {
  patientId: 'identifier',
  careTeamId: 'identifier',
});
