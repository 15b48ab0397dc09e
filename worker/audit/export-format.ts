// The audit export file: JSON lines, one record each, in this order:
//
//   header        the date range, the seq range and the prev_hash the first event links to
//   public_key    the public JWK that signed the heads
//   prune_marker  only when the events before the range were pruned: the signed marker that
//                 the first event links to
//   head ...      every signed head whose seq falls within the exported events
//   event ...     the events in ascending seq order, every column as stored
//
// Runtime-neutral, so scripts/audit-export.ts writes it under Node 22 and the same parser is
// tested in workerd.
import { z } from 'zod';
import { CANONICAL_COLUMNS, type ChainedEvent } from './chain.ts';
import type { SignedHead } from './heads.ts';
import type { PruneMarker } from './prune-marker.ts';
import type { PublicJwk } from './signing-key.ts';

export const EXPORT_FORMAT = 'patient-portal-audit-export';
export const EXPORT_VERSION = 1;

const seq = z.int().positive();
const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'expected a lowercase hex SHA-256 digest');
const isoDate = z.iso.date();

const headerRecord = z.strictObject({
  record: z.literal('header'),
  format: z.literal(EXPORT_FORMAT),
  version: z.literal(EXPORT_VERSION),
  // UTC calendar days, both inclusive.
  from: isoDate,
  to: isoDate,
  first_seq: seq,
  // The newest event in the date range. Events after it, up to last_seq, run on to the first
  // signed head at or after it, so that a signature covers every event in the range.
  last_seq_in_range: seq,
  last_seq: seq,
  prev_hash: sha256Hex,
  exported_at: z.iso.datetime(),
});

const publicKeyRecord = z.strictObject({
  record: z.literal('public_key'),
  jwk: z.record(z.string(), z.unknown()),
});

const markerRecord = z.strictObject({
  record: z.literal('prune_marker'),
  through_seq: seq,
  through_hash: sha256Hex,
  pruned_at: z.string(),
  retention_days: z.int().positive(),
  deleted_count: z.int().nonnegative(),
  key_id: z.string(),
  jws: z.string(),
});

const headRecord = z.strictObject({
  record: z.literal('head'),
  seq,
  hash: z.string(),
  signed_at: z.string(),
  key_id: z.string(),
  jws: z.string(),
});

const nullableText = z.string().nullable();
const eventRecord = z.strictObject({
  record: z.literal('event'),
  seq,
  at: z.string(),
  actor_person_id: nullableText,
  actor_role: z.string(),
  acting_for_patient_id: nullableText,
  action: z.string(),
  resource_type: z.string(),
  resource_id: nullableText,
  patient_id: nullableText,
  outcome: z.string(),
  reason: z.string(),
  request_id: z.string(),
  client_class: z.string(),
  prev_hash: nullableText,
  hash: nullableText,
});

const exportRecord = z.discriminatedUnion('record', [
  headerRecord,
  publicKeyRecord,
  markerRecord,
  headRecord,
  eventRecord,
]);

export type ExportHeader = z.infer<typeof headerRecord>;
export type ExportRecord =
  | { record: 'header'; header: ExportHeader }
  | { record: 'public_key'; jwk: Record<string, unknown> }
  | { record: 'prune_marker'; marker: PruneMarker }
  | { record: 'head'; head: SignedHead }
  | { record: 'event'; event: ChainedEvent };

/** Thrown for a line that is not a valid export record. Messages never quote the line. */
export class ExportFormatError extends Error {
  name = 'ExportFormatError';
}

export function formatHeaderLine(header: Omit<ExportHeader, 'record' | 'format' | 'version'>) {
  return JSON.stringify({
    record: 'header',
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    ...header,
  } satisfies ExportHeader);
}

export function formatPublicKeyLine(jwk: PublicJwk) {
  return JSON.stringify({ record: 'public_key', jwk });
}

export function formatMarkerLine(marker: PruneMarker) {
  return JSON.stringify({
    record: 'prune_marker',
    through_seq: marker.throughSeq,
    through_hash: marker.throughHash,
    pruned_at: marker.prunedAt,
    retention_days: marker.retentionDays,
    deleted_count: marker.deletedCount,
    key_id: marker.keyId,
    jws: marker.jws,
  });
}

export function formatHeadLine(head: SignedHead) {
  return JSON.stringify({
    record: 'head',
    seq: head.seq,
    hash: head.hash,
    signed_at: head.signedAt,
    key_id: head.keyId,
    jws: head.jws,
  });
}

/** Formats an event under its database column names, in canonical order, followed by hash. */
export function formatEventLine(event: ChainedEvent) {
  const record: Record<string, string | number | null> = { record: 'event' };
  for (const [column, field] of CANONICAL_COLUMNS) record[column] = event[field] ?? null;
  record.hash = event.hash;
  return JSON.stringify(record);
}

/** Parses one line of an export. Throws ExportFormatError naming the line number. */
export function parseExportLine(line: string, lineNumber: number): ExportRecord {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new ExportFormatError(`line ${lineNumber} is not valid JSON`);
  }

  const parsed = exportRecord.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
    throw new ExportFormatError(
      `line ${lineNumber} is not a valid record${where}: ${issue.message}`,
    );
  }

  const record = parsed.data;
  switch (record.record) {
    case 'header':
      return { record: 'header', header: record };
    case 'public_key':
      return { record: 'public_key', jwk: record.jwk };
    case 'prune_marker':
      return {
        record: 'prune_marker',
        marker: {
          throughSeq: record.through_seq,
          throughHash: record.through_hash,
          prunedAt: record.pruned_at,
          retentionDays: record.retention_days,
          deletedCount: record.deleted_count,
          keyId: record.key_id,
          jws: record.jws,
        },
      };
    case 'head':
      return {
        record: 'head',
        head: {
          seq: record.seq,
          hash: record.hash,
          signedAt: record.signed_at,
          keyId: record.key_id,
          jws: record.jws,
        },
      };
    case 'event':
      return { record: 'event', event: eventFromRecord(record) };
  }
}

function eventFromRecord(record: z.infer<typeof eventRecord>): ChainedEvent {
  return {
    seq: record.seq,
    at: record.at,
    actorPersonId: record.actor_person_id,
    actorRole: record.actor_role,
    actingForPatientId: record.acting_for_patient_id,
    action: record.action,
    resourceType: record.resource_type,
    resourceId: record.resource_id,
    patientId: record.patient_id,
    outcome: record.outcome,
    reason: record.reason,
    requestId: record.request_id,
    clientClass: record.client_class,
    prevHash: record.prev_hash,
    hash: record.hash,
  };
}
