import { sqliteTable, text, integer, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { classifyColumns } from './phi.ts';

/** A patient record. Every chart row below carries patient_id so charts can be sharded. */
export const patients = sqliteTable(
  'patients',
  {
    id: text('id').primaryKey(),
    mrn: text('mrn').notNull(),
    givenName: text('given_name').notNull(),
    familyName: text('family_name').notNull(),
    preferredName: text('preferred_name'),
    birthDate: text('birth_date').notNull(),
    sexAtBirth: text('sex_at_birth', { enum: ['female', 'male'] }).notNull(),
    addressLine: text('address_line').notNull(),
    city: text('city').notNull(),
    state: text('state').notNull(),
    postalCode: text('postal_code').notNull(),
    // 1 for rows made by the synthetic generator; staging refuses to serve rows without it.
    synthetic: integer('synthetic', { mode: 'boolean' }).notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [uniqueIndex('patients_mrn_unique').on(t.mrn)],
);

export const patientsPhi = classifyColumns(patients, 'ehr', {
  id: 'identifier',
  mrn: 'identifier',
  givenName: 'full',
  familyName: 'full',
  preferredName: 'full',
  birthDate: 'limited',
  sexAtBirth: 'limited',
  addressLine: 'full',
  city: 'limited',
  state: 'limited',
  postalCode: 'limited',
  synthetic: 'none',
  createdAt: 'none',
});

/** Email addresses and phone numbers on file for a patient; codes go only to these. */
export const patientContacts = sqliteTable(
  'patient_contacts',
  {
    id: text('id').primaryKey(),
    patientId: text('patient_id')
      .notNull()
      .references(() => patients.id),
    kind: text('kind', { enum: ['email', 'phone'] }).notNull(),
    value: text('value').notNull(),
    isPrimary: integer('is_primary', { mode: 'boolean' }).notNull(),
    verifiedAt: text('verified_at'),
  },
  (t) => [
    index('patient_contacts_patient_idx').on(t.patientId),
    index('patient_contacts_value_idx').on(t.value),
  ],
);

export const patientContactsPhi = classifyColumns(patientContacts, 'ehr', {
  id: 'identifier',
  patientId: 'identifier',
  kind: 'none',
  value: 'limited',
  isPrimary: 'none',
  verifiedAt: 'none',
});
