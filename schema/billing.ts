import { sqliteTable, text, integer, index } from 'drizzle-orm/sqlite-core';
import { classifyColumns } from './phi.ts';
import { patients } from './patients.ts';
import { SENSITIVITY } from './chart.ts';

/** A billing statement. Amounts are in cents. */
export const statements = sqliteTable(
  'statements',
  {
    id: text('id').primaryKey(),
    patientId: text('patient_id')
      .notNull()
      .references(() => patients.id),
    issuedOn: text('issued_on').notNull(),
    dueOn: text('due_on').notNull(),
    amountDueCents: integer('amount_due_cents').notNull(),
    status: text('status', { enum: ['open', 'paid', 'overdue'] }).notNull(),
  },
  (t) => [index('statements_patient_idx').on(t.patientId, t.issuedOn)],
);

export const statementsPhi = classifyColumns(statements, 'billing', {
  id: 'identifier',
  patientId: 'identifier',
  issuedOn: 'limited',
  dueOn: 'limited',
  amountDueCents: 'full',
  status: 'full',
});

/** One billed service on a statement, coded in CPT. */
export const statementLines = sqliteTable(
  'statement_lines',
  {
    id: text('id').primaryKey(),
    statementId: text('statement_id')
      .notNull()
      .references(() => statements.id),
    patientId: text('patient_id')
      .notNull()
      .references(() => patients.id),
    serviceOn: text('service_on').notNull(),
    cptCode: text('cpt_code').notNull(),
    description: text('description').notNull(),
    chargeCents: integer('charge_cents').notNull(),
    insurancePaidCents: integer('insurance_paid_cents').notNull(),
    patientOwesCents: integer('patient_owes_cents').notNull(),
    sensitivity: text('sensitivity', { enum: SENSITIVITY }).notNull().default('normal'),
  },
  (t) => [index('statement_lines_statement_idx').on(t.statementId)],
);

export const statementLinesPhi = classifyColumns(statementLines, 'billing', {
  id: 'identifier',
  statementId: 'identifier',
  patientId: 'identifier',
  serviceOn: 'limited',
  cptCode: 'full',
  description: 'full',
  chargeCents: 'full',
  insurancePaidCents: 'full',
  patientOwesCents: 'full',
  sensitivity: 'sensitive',
});
