import { GENESIS_HASH, hashEvent, type ChainedEvent } from './chain.ts';

export type ChainVerdict =
  | { ok: true; count: number }
  // `why` names sequence numbers only, never an event's contents, so it is safe to print.
  | { ok: false; brokenAt: number; why: string };

/**
 * Recomputes the chain over all audit events and names the first broken sequence number: an
 * edited row, a missing row (a gap in seq), rows swapped or moved, or a prev_hash that does not
 * link to the row before. Rows may come in any order, because they are sorted by seq first.
 *
 * Hashes alone cannot catch the deletion of the newest events, or a row rewritten together with
 * every row after it. SignedTrailVerifier in verify-signed.ts also checks the signed chain heads,
 * which catch both for every event a head covers.
 */
export async function verifyChain(rows: readonly ChainedEvent[]): Promise<ChainVerdict> {
  const verifier = new ChainVerifier();
  await verifier.add([...rows].sort((a, b) => a.seq - b.seq));
  return verifier.verdict();
}

/** The start of a partial check: the seq before its first row, and that row's prev_hash. */
export interface ChainStart {
  afterSeq: number;
  prevHash: string;
}

/**
 * Verifies a chain one page at a time, for trails too long to hold in memory. Pass pages in
 * ascending seq order starting at sequence number 1, or right after `start` to check part of a
 * chain. Checking stops at the first break.
 */
export class ChainVerifier {
  #nextSeq: number;
  #prevHash: string;
  #count = 0;
  #break: { brokenAt: number; why: string } | null = null;

  constructor(start: ChainStart = { afterSeq: 0, prevHash: GENESIS_HASH }) {
    this.#nextSeq = start.afterSeq + 1;
    this.#prevHash = start.prevHash;
  }

  /** Checks the next page of rows. Returns false once the chain is broken. */
  async add(rows: readonly ChainedEvent[]): Promise<boolean> {
    for (const row of rows) {
      if (this.#break) return false;
      this.#break = await this.#check(row);
      if (this.#break) return false;

      this.#prevHash = row.hash!;
      this.#nextSeq = row.seq + 1;
      this.#count += 1;
    }
    return !this.#break;
  }

  verdict(): ChainVerdict {
    if (this.#break) return { ok: false, ...this.#break };
    return { ok: true, count: this.#count };
  }

  async #check(row: ChainedEvent): Promise<{ brokenAt: number; why: string } | null> {
    const expected = this.#nextSeq;
    if (row.seq > expected) {
      const why =
        row.seq - 1 === expected
          ? `sequence number ${expected} is missing`
          : `sequence numbers ${expected} to ${row.seq - 1} are missing`;
      return { brokenAt: expected, why };
    }
    if (row.seq < expected) {
      return { brokenAt: row.seq, why: `sequence number ${row.seq} is repeated or out of order` };
    }

    if (row.hash === null) return { brokenAt: row.seq, why: 'the event has no hash' };
    if (row.prevHash !== this.#prevHash) {
      const link =
        row.seq === 1 ? 'the genesis value' : `the hash of sequence number ${row.seq - 1}`;
      return { brokenAt: row.seq, why: `prev_hash does not match ${link}` };
    }
    if ((await hashEvent(row)) !== row.hash) {
      return { brokenAt: row.seq, why: "the hash does not match the event's contents" };
    }
    return null;
  }
}
