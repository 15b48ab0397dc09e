import { sqliteTable, text, index } from 'drizzle-orm/sqlite-core';
import { classifyColumns } from './phi.ts';
import { patients } from './patients.ts';
import { careTeams, staff } from './care.ts';
import { people } from './people.ts';
import { SENSITIVITY } from './chart.ts';

/** A conversation between a patient (or their proxy) and a care team. */
export const messageThreads = sqliteTable(
  'message_threads',
  {
    id: text('id').primaryKey(),
    patientId: text('patient_id')
      .notNull()
      .references(() => patients.id),
    careTeamId: text('care_team_id')
      .notNull()
      .references(() => careTeams.id),
    subject: text('subject').notNull(),
    category: text('category', {
      enum: ['refill', 'result-question', 'scheduling', 'billing', 'general'],
    }).notNull(),
    createdAt: text('created_at').notNull(),
    lastMessageAt: text('last_message_at').notNull(),
    sensitivity: text('sensitivity', { enum: SENSITIVITY }).notNull(),
  },
  (t) => [index('message_threads_patient_idx').on(t.patientId, t.lastMessageAt)],
);

export const messageThreadsPhi = classifyColumns(messageThreads, 'portal', {
  id: 'identifier',
  patientId: 'identifier',
  careTeamId: 'identifier',
  subject: 'full',
  category: 'full',
  createdAt: 'limited',
  lastMessageAt: 'limited',
  sensitivity: 'sensitive',
});

export const messages = sqliteTable(
  'messages',
  {
    id: text('id').primaryKey(),
    threadId: text('thread_id')
      .notNull()
      .references(() => messageThreads.id),
    patientId: text('patient_id')
      .notNull()
      .references(() => patients.id),
    // Exactly one of the two authors is set: a person (patient or proxy) or a staff member.
    authorPersonId: text('author_person_id').references(() => people.id),
    authorStaffId: text('author_staff_id').references(() => staff.id),
    body: text('body').notNull(),
    sentAt: text('sent_at').notNull(),
    // When the patient side first read a staff message; null marks it unread.
    readAt: text('read_at'),
  },
  (t) => [
    index('messages_thread_idx').on(t.threadId, t.sentAt),
    index('messages_patient_idx').on(t.patientId),
  ],
);

export const messagesPhi = classifyColumns(messages, 'portal', {
  id: 'identifier',
  threadId: 'identifier',
  patientId: 'identifier',
  authorPersonId: 'identifier',
  authorStaffId: 'identifier',
  body: 'sensitive',
  sentAt: 'limited',
  readAt: 'none',
});
