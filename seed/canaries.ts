// Canary values: unique marker strings planted in a few charts so that a test can seed them,
// use the portal, and fail if any marker reaches a log line, an audit event's text or another
// place PHI must never go.

import type { SeedRows } from './rows.ts';

/** Every canary starts with this, followed by 16 lower-case hex digits. */
export const CANARY_PREFIX = 'CANARY';

/** How many households (from the first) carry a canary; each gets its own value. */
export const CANARY_HOUSEHOLDS = 3;

/** One planted value and the row and column that contain it. */
export interface PlantedCanary {
  value: string;
  table: 'patients' | 'people' | 'messages' | 'visits' | 'appointments';
  column: 'preferred_name' | 'display_name' | 'body' | 'reason';
  rowId: string;
  patientId: string;
}

/**
 * Returns the canary value of one household. It depends only on the seed and the household
 * number, so a test can compute the values without generating anything.
 */
export function canaryValue(seed: number, household: number): string {
  return `${CANARY_PREFIX}${hex32(seed, household, 1)}${hex32(seed, household, 2)}`;
}

/**
 * Plants one household's canary value in its first patient's preferred name (and the display
 * name of that patient's account), the body of the household's first message, and the reason
 * of its first visit and first appointment. Returns what was planted, in that order.
 */
export function plantCanary(rows: SeedRows, value: string): PlantedCanary[] {
  const planted: PlantedCanary[] = [];
  const patient = rows.patients[0];
  if (!patient) return planted;

  patient.preferredName = value;
  planted.push({
    value,
    table: 'patients',
    column: 'preferred_name',
    rowId: patient.id,
    patientId: patient.id,
  });
  const link = rows.personPatients.find((row) => row.patientId === patient.id);
  const person = link && rows.people.find((row) => row.id === link.personId);
  if (person) {
    person.displayName = `${value} ${patient.familyName}`;
    planted.push({
      value,
      table: 'people',
      column: 'display_name',
      rowId: person.id,
      patientId: patient.id,
    });
  }

  const message = rows.messages[0];
  if (message) {
    message.body = `${message.body}\n\nReference: ${value}`;
    const { id, patientId } = message;
    planted.push({ value, table: 'messages', column: 'body', rowId: id, patientId });
  }
  const visit = rows.visits[0];
  if (visit) {
    visit.reason = `${visit.reason} (${value})`;
    const { id, patientId } = visit;
    planted.push({ value, table: 'visits', column: 'reason', rowId: id, patientId });
  }
  const appointment = rows.appointments[0];
  if (appointment) {
    appointment.reason = `${appointment.reason} (${value})`;
    const { id, patientId } = appointment;
    planted.push({ value, table: 'appointments', column: 'reason', rowId: id, patientId });
  }
  return planted;
}

// 8 hex digits from a 32-bit integer hash (the finalizer of MurmurHash3) of the inputs.
function hex32(seed: number, household: number, part: number): string {
  let h = (Math.imul(seed | 0, 0x9e3779b1) ^ Math.imul(household, 0x85ebca6b) ^ part) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0).toString(16).padStart(8, '0');
}
