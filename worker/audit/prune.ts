// Retention pruning of the audit trail: deletes the events older than the retention period and
// leaves a signed marker in their place, so the remaining chain still verifies. Written against
// a minimal D1 interface, so that scripts/audit-prune.ts runs it on the local D1 under Node 22
// and the tests run it on the D1 binding in workerd.
import type { ChainedEvent } from './chain.ts';
import { CANONICAL_COLUMNS } from './chain.ts';
import { chainStartAfterMarkers, signMarker, type PruneMarker } from './prune-marker.ts';
import { verificationKeyOf, type SigningKey } from './signing-key.ts';
import { ChainVerifier } from './verify.ts';

/**
 * The statements of D1 that pruning uses. The D1 binding and Miniflare's D1 both provide them.
 */
export interface AuditStatement {
  bind(...values: unknown[]): AuditStatement;
  first<T>(): Promise<T | null>;
  all<T>(): Promise<{ results: T[] }>;
}
export interface AuditDatabase {
  prepare(query: string): AuditStatement;
  batch(statements: AuditStatement[]): Promise<unknown>;
}

export type PruneOutcome =
  | { status: 'pruned'; marker: PruneMarker }
  // Nothing is older than the retention period, or it was pruned already.
  | { status: 'nothing'; keptFromSeq: number | null };

/** Thrown when pruning would delete events whose chain does not verify. */
export class PruneError extends Error {
  name = 'PruneError';
}

const DAY_MS = 86_400_000;
const PAGE_SIZE = 1000;

const SELECT_MARKERS =
  'select through_seq as "throughSeq", through_hash as "throughHash", pruned_at as "prunedAt",' +
  ' retention_days as "retentionDays", deleted_count as "deletedCount", jws, key_id as "keyId"' +
  ' from audit_prune_markers order by through_seq';

/**
 * Query for one page of events with afterSeq < seq <= throughSeq, bound as (afterSeq, throughSeq,
 * limit). Columns carry the field names of ChainedEvent, so rows feed the verifiers unchanged.
 */
export const SELECT_EVENTS =
  'select ' +
  [...CANONICAL_COLUMNS, ['hash', 'hash'] as const]
    .map(([column, field]) => `${column} as "${field}"`)
    .join(', ') +
  ' from audit_events where seq > ? and seq <= ? order by seq limit ?';

/** Reads every prune marker in ascending through_seq order. */
export async function readMarkers(db: AuditDatabase): Promise<PruneMarker[]> {
  return (await db.prepare(SELECT_MARKERS).all<PruneMarker>()).results;
}

/**
 * Deletes the audit events older than `retentionDays` before `now`, up to a seq, and records a
 * marker signed with `key` in the same transaction.
 *
 * Nothing younger than the retention period is deleted: the last deleted seq is the one before
 * the oldest event inside the period, so an event written late with an earlier time keeps every
 * event after it. The newest event is always kept, because the next append links to it. The
 * chain from the previous marker (or the genesis) through the last deleted event is verified
 * first, because the marker vouches for the hash it records. Throws PruneError when that chain
 * is broken and MarkerError when an earlier marker is forged.
 */
export async function pruneAuditTrail(
  db: AuditDatabase,
  options: { now: Date; retentionDays: number; key: SigningKey },
): Promise<PruneOutcome> {
  const { now, retentionDays, key } = options;
  const cutoff = new Date(now.getTime() - retentionDays * DAY_MS).toISOString();
  const start = (await chainStartAfterMarkers(
    await readMarkers(db),
    await verificationKeyOf(key),
  )) ?? { afterSeq: 0, prevHash: undefined };

  const bounds = await db
    .prepare(
      'select (select min(seq) from audit_events where at >= ?) as "firstYoung",' +
        ' (select max(seq) from audit_events) as "newest"',
    )
    .bind(cutoff)
    .first<{ firstYoung: number | null; newest: number | null }>();
  if (!bounds?.newest) return { status: 'nothing', keptFromSeq: null };
  const throughSeq = (bounds.firstYoung ?? bounds.newest) - 1;
  if (throughSeq <= start.afterSeq) return { status: 'nothing', keptFromSeq: start.afterSeq + 1 };

  const last = await verifyRange(db, start, throughSeq);
  const marker = await signMarker(
    {
      throughSeq,
      throughHash: last.hash!,
      prunedAt: now.toISOString(),
      retentionDays,
      deletedCount: throughSeq - start.afterSeq,
    },
    key,
  );

  // One batch is one transaction: the events are never gone without their marker.
  // NOTE: one delete statement per prune. If D1 limits the duration of a delete over millions of
  // expired rows, prune in steps, starting with a larger --retention-days.
  await db.batch([
    db
      .prepare(
        'insert into audit_prune_markers (through_seq, through_hash, pruned_at,' +
          ' retention_days, deleted_count, jws, key_id) values (?, ?, ?, ?, ?, ?, ?)',
      )
      .bind(
        marker.throughSeq,
        marker.throughHash,
        marker.prunedAt,
        marker.retentionDays,
        marker.deletedCount,
        marker.jws,
        marker.keyId,
      ),
    db.prepare('delete from audit_events where seq <= ?').bind(throughSeq),
  ]);
  return { status: 'pruned', marker };
}

// Verifies the events after `start` through `throughSeq` and returns the last of them.
async function verifyRange(
  db: AuditDatabase,
  start: { afterSeq: number; prevHash: string | undefined },
  throughSeq: number,
): Promise<ChainedEvent> {
  const verifier = new ChainVerifier(
    start.prevHash === undefined
      ? undefined
      : { afterSeq: start.afterSeq, prevHash: start.prevHash },
  );
  let last: ChainedEvent | null = null;
  for (let afterSeq = start.afterSeq; afterSeq < throughSeq;) {
    const { results } = await db
      .prepare(SELECT_EVENTS)
      .bind(afterSeq, throughSeq, PAGE_SIZE)
      .all<ChainedEvent>();
    if (results.length === 0 || !(await verifier.add(results))) break;
    last = results[results.length - 1]!;
    afterSeq = last.seq;
  }

  const verdict = verifier.verdict();
  if (!verdict.ok) {
    throw new PruneError(
      `the audit chain is broken at sequence number ${verdict.brokenAt} (${verdict.why}), so ` +
        'nothing was pruned',
    );
  }
  if (last?.seq !== throughSeq) {
    throw new PruneError(`sequence number ${throughSeq} is missing, so nothing was pruned`);
  }
  return last;
}
