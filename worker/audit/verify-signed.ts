import { GENESIS_HASH, type ChainedEvent } from './chain.ts';
import { HeadError, readSignedHead, type ChainHead, type SignedHead } from './heads.ts';
import type { VerificationKey } from './signing-key.ts';
import { ChainVerifier, type ChainStart } from './verify.ts';

export type TrailVerdict =
  | {
      ok: true;
      count: number;
      // null when no event was checked.
      lastSeq: number | null;
      heads: number;
      // The newest head that verified, or null when there is none. Events after it are
      // protected by their hashes only.
      lastSignedSeq: number | null;
    }
  // `why` names sequence numbers and key ids only, so every verdict is safe to print.
  | { ok: false; brokenAt: number; why: string }
  | { ok: false; badHead: number; why: string };

/**
 * Verifies a chain together with its signed heads, one page of events at a time. Each head's
 * signature must verify with `key`, its hash must equal the hash of the event at its seq, and
 * that event must exist. The first failure in seq order is reported: a broken link names the
 * event (brokenAt), a head that fails names the head (badHead).
 *
 * Heads catch what hashes alone cannot: an event edited with every later hash recomputed makes
 * the next head's hash differ, and events deleted from the end leave a head without its event.
 */
export class SignedTrailVerifier {
  #chain: ChainVerifier;
  // Each head's signed payload, or why its signature or columns failed.
  #heads = new Map<number, ChainHead | HeadError>();
  #lastHeadSeq: number;
  #headsVerified = 0;
  #lastSeq: number | null = null;
  #failure: { badHead: number; why: string } | null = null;

  private constructor(start: ChainStart = { afterSeq: 0, prevHash: GENESIS_HASH }) {
    this.#chain = new ChainVerifier(start);
    this.#lastHeadSeq = start.afterSeq;
  }

  /**
   * Checks every head's signature up front. Pass `key` null when no public key is available:
   * the trail then verifies only if it has no heads.
   */
  static async create(
    heads: readonly SignedHead[],
    key: VerificationKey | null,
    start?: ChainStart,
  ): Promise<SignedTrailVerifier> {
    const verifier = new SignedTrailVerifier(start);

    for (const head of [...heads].sort((a, b) => a.seq - b.seq)) {
      if (verifier.#heads.has(head.seq)) {
        verifier.#fail(head.seq, 'there are two heads for this sequence number');
      } else if (head.seq <= verifier.#lastHeadSeq) {
        verifier.#fail(head.seq, 'it precedes the first event to check');
      }
      verifier.#heads.set(head.seq, key ? await readHead(head, key) : noKey());
    }
    return verifier;
  }

  /** Checks the next page of events, in ascending seq order. Returns false after a failure. */
  async add(rows: readonly ChainedEvent[]): Promise<boolean> {
    for (const row of rows) {
      // A failure found earlier in seq order is final. One at this row's seq or later, such as a
      // duplicate head, still yields to a broken link before it.
      if (this.#failure && this.#failure.badHead < row.seq) return false;
      if (!(await this.#chain.add([row]))) return false;
      this.#lastSeq = row.seq;

      const head = this.#heads.get(row.seq);
      if (head) this.#checkHead(row, head);
    }
    return !this.#failure || this.#failure.badHead > (this.#lastSeq ?? 0);
  }

  /** Returns the verdict, after checking that no head names an event past the last one. */
  verdict(): TrailVerdict {
    const chain = this.#chain.verdict();
    if (!chain.ok && (!this.#failure || chain.brokenAt <= this.#failure.badHead)) return chain;

    const lastSeq = this.#lastSeq ?? this.#lastHeadSeq;
    for (const seq of this.#heads.keys()) {
      if (seq <= lastSeq) continue;
      const end = this.#lastSeq === null ? 'there are no events' : `the trail ends at ${lastSeq}`;
      this.#fail(seq, `it covers sequence number ${seq}, but ${end}: events were deleted`);
    }
    if (this.#failure) return { ok: false, ...this.#failure };

    return {
      ok: true,
      count: chain.ok ? chain.count : 0,
      lastSeq: this.#lastSeq,
      heads: this.#headsVerified,
      lastSignedSeq: this.#headsVerified > 0 ? this.#lastHeadSeq : null,
    };
  }

  #checkHead(row: ChainedEvent, head: ChainHead | HeadError) {
    if (head instanceof HeadError) return this.#fail(row.seq, head.message);

    if (head.hash !== row.hash) {
      const from = this.#lastHeadSeq + 1;
      return this.#fail(
        row.seq,
        `its signed hash differs from the hash of event ${row.seq}, so an event from sequence ` +
          `number ${from} to ${row.seq} was changed after the head was signed`,
      );
    }
    if (head.eventCount !== row.seq) {
      return this.#fail(
        row.seq,
        `it counts ${head.eventCount} events up to sequence number ${row.seq}, so events were ` +
          'missing when it was signed',
      );
    }

    this.#headsVerified += 1;
    this.#lastHeadSeq = row.seq;
  }

  // Keeps the failure with the lowest seq, so the report names the first problem in the trail.
  #fail(seq: number, why: string) {
    if (!this.#failure || seq < this.#failure.badHead) this.#failure = { badHead: seq, why };
  }
}

/** Verifies events that fit in memory together with their signed heads. */
export async function verifySignedTrail(
  rows: readonly ChainedEvent[],
  heads: readonly SignedHead[],
  key: VerificationKey | null,
  start?: ChainStart,
): Promise<TrailVerdict> {
  const verifier = await SignedTrailVerifier.create(heads, key, start);
  await verifier.add([...rows].sort((a, b) => a.seq - b.seq));
  return verifier.verdict();
}

async function readHead(head: SignedHead, key: VerificationKey): Promise<ChainHead | HeadError> {
  try {
    return await readSignedHead(head, key);
  } catch (error) {
    if (error instanceof HeadError) return error;
    throw error;
  }
}

function noKey() {
  return new HeadError('no public key was given to check it with');
}
