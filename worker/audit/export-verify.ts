import { GENESIS_HASH } from './chain.ts';
import {
  ExportFormatError,
  parseExportLine,
  type ExportHeader,
  type ExportRecord,
} from './export-format.ts';
import type { SignedHead } from './heads.ts';
import { checkMarker, MarkerError, type PruneMarker } from './prune-marker.ts';
import { readVerificationKey, SigningKeyError, type VerificationKey } from './signing-key.ts';
import { SignedTrailVerifier } from './verify-signed.ts';

export type ExportVerdict =
  | {
      ok: true;
      header: ExportHeader;
      events: number;
      heads: number;
      // The newest verified head, or null. Events after it are protected by their hashes only.
      lastSignedSeq: number | null;
      key: { keyId: string; thumbprint: string; trusted: boolean };
    }
  // Names a line, a sequence number or a head, never an event's contents.
  | { ok: false; line?: number; brokenAt?: number; badHead?: number; why: string };

type Failure = Extract<ExportVerdict, { ok: false }>;

/**
 * Verifies an audit export offline, one line at a time, for files too large to hold in memory.
 * Checks the record order, the chain from the header's prev_hash through every event, each head
 * against the event at its seq, and that the events span the header's seq range.
 *
 * With `trustedKey`, the export's public key must be that key. Without it, heads are checked
 * with the key inside the export, which proves nothing against someone who replaced both the
 * heads and that key: the verdict reports its thumbprint so it can be compared with a copy kept
 * elsewhere.
 */
export class ExportVerifier {
  #trustedKey: VerificationKey | null;
  #lineNumber = 0;
  #header: ExportHeader | null = null;
  #key: VerificationKey | null = null;
  #heads: SignedHead[] = [];
  #markerSeen = false;
  #trail: SignedTrailVerifier | null = null;
  #events = 0;
  #failure: Failure | null = null;

  constructor(trustedKey: VerificationKey | null = null) {
    this.#trustedKey = trustedKey;
  }

  /** Checks the next line of the file. Returns false once the export failed. */
  async addLine(line: string): Promise<boolean> {
    this.#lineNumber += 1;
    if (this.#failure) return false;
    if (line.trim() === '') return true;

    try {
      await this.#add(parseExportLine(line, this.#lineNumber));
    } catch (error) {
      if (!(
        error instanceof ExportFormatError ||
        error instanceof SigningKeyError ||
        error instanceof MarkerError
      )) {
        throw error;
      }
      // Format errors name their line already, so only key and marker errors get it here.
      const why =
        error instanceof ExportFormatError
          ? error.message
          : `line ${this.#lineNumber}: ${error.message}`;
      this.#failure = { ok: false, line: this.#lineNumber, why };
    }
    return !this.#failure;
  }

  /** Returns the verdict once every line was added. */
  async verdict(): Promise<ExportVerdict> {
    if (this.#failure) return this.#failure;
    if (!this.#header || !this.#key) {
      return { ok: false, why: 'the export ends before its header and public key' };
    }
    const header = this.#header;

    const trail = this.#trail ?? (await this.#startTrail(header, this.#key));
    const verdict = trail.verdict();
    if (!verdict.ok) return { ...verdict };
    if (verdict.lastSeq !== header.last_seq) {
      const end = verdict.lastSeq === null ? 'has no events' : `ends at ${verdict.lastSeq}`;
      return {
        ok: false,
        brokenAt: (verdict.lastSeq ?? header.first_seq - 1) + 1,
        why: `the export ${end}, but its header states that its events run to ${header.last_seq}`,
      };
    }

    return {
      ok: true,
      header,
      events: this.#events,
      heads: verdict.heads,
      lastSignedSeq: verdict.lastSignedSeq,
      key: {
        keyId: this.#key.keyId,
        thumbprint: this.#key.thumbprint,
        trusted: this.#trustedKey !== null,
      },
    };
  }

  async #add(record: ExportRecord) {
    const expected = this.#expectedRecords();
    if (!expected.includes(record.record)) {
      throw new ExportFormatError(
        `line ${this.#lineNumber} is a ${record.record} record, expected ${expected.join(' or ')}`,
      );
    }

    switch (record.record) {
      case 'header':
        this.#header = checkHeader(record.header, this.#lineNumber);
        return;
      case 'public_key':
        this.#key = await this.#readKey(record.jwk);
        return;
      case 'prune_marker':
        await this.#checkMarker(record.marker);
        return;
      case 'head':
        this.#heads.push(record.head);
        return;
      case 'event': {
        this.#trail ??= await this.#startTrail(this.#header!, this.#key!);
        this.#events += 1;
        if (!(await this.#trail.add([record.event]))) {
          const verdict = this.#trail.verdict();
          if (!verdict.ok) this.#failure = { ...verdict };
        }
        return;
      }
    }
  }

  #expectedRecords(): ExportRecord['record'][] {
    if (!this.#header) return ['header'];
    if (!this.#key) return ['public_key'];
    if (!this.#markerSeen && this.#heads.length === 0 && !this.#trail) {
      return ['prune_marker', 'head', 'event'];
    }
    if (!this.#trail) return ['head', 'event'];
    return ['event'];
  }

  // A marker vouches for the prev_hash the export starts from, so it must be signed by the
  // export's key and name exactly the event before the first one.
  async #checkMarker(marker: PruneMarker) {
    const header = this.#header!;
    await checkMarker(marker, this.#key!);
    if (marker.throughSeq !== header.first_seq - 1 || marker.throughHash !== header.prev_hash) {
      throw new MarkerError(
        `the prune marker through sequence number ${marker.throughSeq} does not link to the ` +
          `first event ${header.first_seq}`,
      );
    }
    this.#markerSeen = true;
  }

  async #readKey(jwk: Record<string, unknown>): Promise<VerificationKey> {
    const key = await readVerificationKey(jwk, "the export's public key");
    const trusted = this.#trustedKey;
    if (trusted && key.thumbprint !== trusted.thumbprint) {
      throw new SigningKeyError(
        `the export's public key "${key.keyId}" (thumbprint ${key.thumbprint}) is not the ` +
          `trusted key "${trusted.keyId}" (thumbprint ${trusted.thumbprint})`,
      );
    }
    return trusted ?? key;
  }

  #startTrail(header: ExportHeader, key: VerificationKey) {
    return SignedTrailVerifier.create(this.#heads, key, {
      afterSeq: header.first_seq - 1,
      prevHash: header.prev_hash,
    });
  }
}

/** Verifies an export held in memory. */
export async function verifyAuditExport(
  text: string,
  trustedKey: VerificationKey | null = null,
): Promise<ExportVerdict> {
  const verifier = new ExportVerifier(trustedKey);
  for (const line of text.split('\n')) {
    if (!(await verifier.addLine(line))) break;
  }
  return verifier.verdict();
}

function checkHeader(header: ExportHeader, lineNumber: number): ExportHeader {
  const invalid = (why: string) => new ExportFormatError(`line ${lineNumber}: ${why}`);
  if (header.from > header.to) throw invalid(`from ${header.from} is after to ${header.to}`);
  if (header.first_seq > header.last_seq_in_range || header.last_seq_in_range > header.last_seq) {
    throw invalid('first_seq, last_seq_in_range and last_seq are not in ascending order');
  }
  if (header.first_seq === 1 && header.prev_hash !== GENESIS_HASH) {
    throw invalid('prev_hash must be the genesis value when first_seq is 1');
  }
  return header;
}
