import type { Table } from 'drizzle-orm';
import * as schema from '../schema/index.ts';

type Insert<T extends Table> = T['$inferInsert'];

/** Rows for every table the generator fills, keyed by the drizzle table's export name. */
export interface SeedRows {
  people: Insert<typeof schema.people>[];
  staff: Insert<typeof schema.staff>[];
  careTeams: Insert<typeof schema.careTeams>[];
  careTeamMembers: Insert<typeof schema.careTeamMembers>[];
  patients: Insert<typeof schema.patients>[];
  patientContacts: Insert<typeof schema.patientContacts>[];
  personPatients: Insert<typeof schema.personPatients>[];
  relationships: Insert<typeof schema.relationships>[];
  proxyConsents: Insert<typeof schema.proxyConsents>[];
  patientCareTeams: Insert<typeof schema.patientCareTeams>[];
  visits: Insert<typeof schema.visits>[];
  results: Insert<typeof schema.results>[];
  vitals: Insert<typeof schema.vitals>[];
  medications: Insert<typeof schema.medications>[];
  problems: Insert<typeof schema.problems>[];
  allergies: Insert<typeof schema.allergies>[];
  immunizations: Insert<typeof schema.immunizations>[];
  appointments: Insert<typeof schema.appointments>[];
  messageThreads: Insert<typeof schema.messageThreads>[];
  messages: Insert<typeof schema.messages>[];
  statements: Insert<typeof schema.statements>[];
  statementLines: Insert<typeof schema.statementLines>[];
}

export type SeedTableKey = keyof SeedRows;

/**
 * The tables the generator fills, parents before children, so inserting in this order never
 * breaks a foreign key. A worker test checks the order against the schema's references.
 */
export const SEED_TABLES: readonly { key: SeedTableKey; table: Table }[] = [
  { key: 'people', table: schema.people },
  { key: 'staff', table: schema.staff },
  { key: 'careTeams', table: schema.careTeams },
  { key: 'careTeamMembers', table: schema.careTeamMembers },
  { key: 'patients', table: schema.patients },
  { key: 'patientContacts', table: schema.patientContacts },
  { key: 'personPatients', table: schema.personPatients },
  { key: 'relationships', table: schema.relationships },
  { key: 'proxyConsents', table: schema.proxyConsents },
  { key: 'patientCareTeams', table: schema.patientCareTeams },
  { key: 'visits', table: schema.visits },
  { key: 'results', table: schema.results },
  { key: 'vitals', table: schema.vitals },
  { key: 'medications', table: schema.medications },
  { key: 'problems', table: schema.problems },
  { key: 'allergies', table: schema.allergies },
  { key: 'immunizations', table: schema.immunizations },
  { key: 'appointments', table: schema.appointments },
  { key: 'messageThreads', table: schema.messageThreads },
  { key: 'messages', table: schema.messages },
  { key: 'statements', table: schema.statements },
  { key: 'statementLines', table: schema.statementLines },
];

export function emptyRows(): SeedRows {
  return {
    people: [],
    staff: [],
    careTeams: [],
    careTeamMembers: [],
    patients: [],
    patientContacts: [],
    personPatients: [],
    relationships: [],
    proxyConsents: [],
    patientCareTeams: [],
    visits: [],
    results: [],
    vitals: [],
    medications: [],
    problems: [],
    allergies: [],
    immunizations: [],
    appointments: [],
    messageThreads: [],
    messages: [],
    statements: [],
    statementLines: [],
  };
}
