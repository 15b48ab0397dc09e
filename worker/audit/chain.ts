// The hash chain over audit events. Pure functions on plain rows with no node: imports, so the
// worker (workerd) and scripts/audit-verify.ts (Node 22) compute the same hashes.

/** The prev_hash of the first event: 64 zeros, the width of a hex SHA-256 digest. */
export const GENESIS_HASH = '0'.repeat(64);

/** One audit_events row, every column as stored. */
export interface ChainedEvent {
  seq: number;
  at: string;
  actorPersonId: string | null;
  actorRole: string;
  actingForPatientId: string | null;
  action: string;
  resourceType: string;
  resourceId: string | null;
  patientId: string | null;
  outcome: string;
  reason: string;
  requestId: string;
  clientClass: string;
  prevHash: string | null;
  hash: string | null;
}

/** An event about to be appended: prev_hash is known, hash is not yet computed. */
export type UnhashedEvent = Omit<ChainedEvent, 'hash' | 'prevHash'> & { prevHash: string };

/**
 * The keys of the canonical form in serialization order: every column except hash, under its
 * name in the database, each paired with its field on ChainedEvent. Adding, removing or
 * reordering an entry changes every hash, so rows already written would no longer verify.
 */
export const CANONICAL_COLUMNS = [
  ['seq', 'seq'],
  ['at', 'at'],
  ['actor_person_id', 'actorPersonId'],
  ['actor_role', 'actorRole'],
  ['acting_for_patient_id', 'actingForPatientId'],
  ['action', 'action'],
  ['resource_type', 'resourceType'],
  ['resource_id', 'resourceId'],
  ['patient_id', 'patientId'],
  ['outcome', 'outcome'],
  ['reason', 'reason'],
  ['request_id', 'requestId'],
  ['client_class', 'clientClass'],
  ['prev_hash', 'prevHash'],
] as const satisfies readonly (readonly [string, Exclude<keyof ChainedEvent, 'hash'>])[];

/**
 * Serializes an event as a JSON object whose keys follow CANONICAL_COLUMNS. JSON.stringify emits
 * non-numeric keys in insertion order and escapes strings as ES2019 specifies, so workerd and
 * Node 22 produce the same text. The fixed vector in test/worker/audit-chain.test.ts checks it.
 */
export function canonicalEvent(event: UnhashedEvent | ChainedEvent): string {
  const ordered: Record<string, string | number | null> = {};
  for (const [column, field] of CANONICAL_COLUMNS) ordered[column] = event[field] ?? null;
  return JSON.stringify(ordered);
}

/**
 * Computes an event's hash: SHA-256 over the UTF-8 bytes of prev_hash followed by the canonical
 * form, as lowercase hex. Because each hash covers the one before it, an edit to an earlier event
 * can be hidden only by rewriting every later hash.
 */
export async function hashEvent(event: UnhashedEvent | ChainedEvent): Promise<string> {
  const bytes = new TextEncoder().encode((event.prevHash ?? '') + canonicalEvent(event));
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return toHex(new Uint8Array(digest));
}

function toHex(bytes: Uint8Array): string {
  let hex = '';
  for (const byte of bytes) hex += byte.toString(16).padStart(2, '0');
  return hex;
}
