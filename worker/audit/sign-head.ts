import { and, asc, count, desc, gt, lte } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/d1';
import * as schema from '../../schema/index.ts';
import { auditChainHeads, auditEvents, auditPruneMarkers } from '../../schema/index.ts';
import type { Db } from '../app.ts';
import { log } from '../phi/log.ts';
import { HeadError, readSignedHead, signHead, type SignedHead } from './heads.ts';
import { chainStartAfterMarkers } from './prune-marker.ts';
import { readSigningKey, verificationKeyOf, type SigningKey } from './signing-key.ts';
import { ChainVerifier, type ChainStart } from './verify.ts';

export type HeadSigningOutcome =
  | { status: 'signed'; head: SignedHead }
  | { status: 'unchanged'; seq: number }
  | { status: 'empty' };

/** Thrown when the trail no longer matches its newest signed head, so signing would hide it. */
export class ChainHeadError extends Error {
  name = 'ChainHeadError';
}

// Events read per query while checking the events since the last signed head.
const PAGE_SIZE = 1000;

/**
 * Signs the current chain head, the audit event with the highest seq, unless it is already the
 * newest signed head. Throws SigningKeyError when AUDIT_SIGNING_KEY is missing or malformed, and
 * ChainHeadError when the trail contradicts the newest signed head.
 *
 * Before signing, the events since the newest signed head are checked to link to it, because a
 * signature over an altered chain would vouch for the alteration.
 *
 * NOTE: the first run on a trail with no head checks the whole trail. On a long production trail
 * that may exceed the CPU limit of a cron invocation; `limits.cpu_ms` in wrangler.toml raises it.
 */
export async function signChainHead(
  env: PortalBindings,
  now: Date = new Date(),
): Promise<HeadSigningOutcome> {
  const key = await readSigningKey(env.AUDIT_SIGNING_KEY);
  const db = drizzle(env.DB, { schema });

  const [newest] = await db
    .select({ seq: auditEvents.seq, hash: auditEvents.hash })
    .from(auditEvents)
    .orderBy(desc(auditEvents.seq))
    .limit(1);
  if (!newest) return { status: 'empty' };
  if (newest.hash === null) {
    throw new ChainHeadError(`audit event ${newest.seq} has no hash, so it cannot be signed`);
  }
  const current = { seq: newest.seq, hash: newest.hash };

  // NOTE: heads are stored in the same database as the events. Someone who can delete the newest
  // head rows and rewrite the events after an older head gets the rewrite signed here. Only the
  // copies outside D1 (the audit.head-signed log lines, earlier exports) show that; nothing
  // compares against them automatically yet.
  const [lastSigned] = await db
    .select()
    .from(auditChainHeads)
    .orderBy(desc(auditChainHeads.seq))
    .limit(1);
  // Events pruned after the retention period end at a signed marker: checking starts after it
  // unless a head was signed later, and the pruned events still count in event_count.
  const pruned = await readPrunedStart(db, key);
  if (lastSigned && lastSigned.seq >= (pruned?.afterSeq ?? 0)) {
    if (current.seq === lastSigned.seq && current.hash === lastSigned.hash) {
      return { status: 'unchanged', seq: current.seq };
    }
    await checkSinceLastSigned(db, lastSigned, current, key);
  } else {
    await checkEvents(
      db,
      new ChainVerifier(pruned ?? undefined),
      pruned?.afterSeq ?? 0,
      current.seq,
    );
  }

  const [{ remaining }] = (await db
    .select({ remaining: count() })
    .from(auditEvents)
    .where(lte(auditEvents.seq, current.seq))) as [{ remaining: number }];
  const eventCount = remaining + (pruned?.afterSeq ?? 0);
  const head = await signHead(
    { seq: current.seq, hash: current.hash, signedAt: now.toISOString(), eventCount },
    key,
  );

  // Two runs may sign the same head at once. seq is the primary key, so one row wins and the
  // other run reports the head as unchanged.
  const inserted = await db
    .insert(auditChainHeads)
    .values(head)
    .onConflictDoNothing()
    .returning({ seq: auditChainHeads.seq });
  if (inserted.length === 0) return { status: 'unchanged', seq: current.seq };
  return { status: 'signed', head };
}

/**
 * The cron trigger's handler: signs the chain head and logs the outcome. A new head is logged
 * with its JWS, which contains no secret and no PHI, so that a copy of every head lives outside the
 * database. Errors are logged by name and message, which never contain key material, and then
 * re-thrown so that the invocation is recorded as failed.
 */
export async function signChainHeadOnSchedule(
  _controller: ScheduledController,
  env: PortalBindings,
): Promise<void> {
  try {
    const outcome = await signChainHead(env);
    if (outcome.status === 'signed') {
      const { seq, hash, keyId, jws } = outcome.head;
      log('info', 'audit.head-signed', { seq, hash, keyId, jws });
    } else if (outcome.status === 'unchanged') {
      log('info', 'audit.head-unchanged', { seq: outcome.seq });
    }
  } catch (error) {
    const { name, message } = error instanceof Error ? error : new Error(String(error));
    // The key, marker and chain errors raised here name seq numbers and key ids only, so their
    // text is logged as `why`, because the logger drops any field called message.
    log('error', 'audit.head-signing-failed', { error: name, why: message });
    throw error;
  }
}

// Returns where the chain starts after the newest prune marker, or null when nothing was pruned.
// A forged marker throws MarkerError, so no head is signed over the gap it would hide.
async function readPrunedStart(db: Db, key: SigningKey): Promise<ChainStart | null> {
  const markers = await db.select().from(auditPruneMarkers);
  return chainStartAfterMarkers(markers, await verificationKeyOf(key));
}

async function checkSinceLastSigned(
  db: Db,
  lastSigned: SignedHead,
  current: { seq: number; hash: string },
  key: SigningKey,
) {
  if (current.seq <= lastSigned.seq) {
    throw new ChainHeadError(
      `the newest audit event is ${current.seq}, but a head was signed at ${lastSigned.seq}: ` +
        'events were deleted or changed after they were signed',
    );
  }
  // The stored row is checked too, because a forged row would otherwise set the starting point.
  try {
    await readSignedHead(lastSigned, await verificationKeyOf(key));
  } catch (error) {
    if (!(error instanceof HeadError)) throw error;
    throw new ChainHeadError(
      `the newest signed head at ${lastSigned.seq} is invalid: ${error.message}`,
    );
  }

  const verifier = new ChainVerifier({ afterSeq: lastSigned.seq, prevHash: lastSigned.hash });
  await checkEvents(db, verifier, lastSigned.seq, current.seq);
}

// Feeds the events after `fromSeq` up to `toSeq` to the verifier and throws at a break.
async function checkEvents(db: Db, verifier: ChainVerifier, fromSeq: number, toSeq: number) {
  let afterSeq = fromSeq;
  while (afterSeq < toSeq) {
    const page = await db
      .select()
      .from(auditEvents)
      .where(and(gt(auditEvents.seq, afterSeq), lte(auditEvents.seq, toSeq)))
      .orderBy(asc(auditEvents.seq))
      .limit(PAGE_SIZE);
    if (page.length === 0 || !(await verifier.add(page))) break;
    afterSeq = page[page.length - 1]!.seq;
  }

  const verdict = verifier.verdict();
  if (!verdict.ok) {
    throw new ChainHeadError(
      `the audit chain is broken at ${verdict.brokenAt} (${verdict.why}), so no head was signed`,
    );
  }
}
