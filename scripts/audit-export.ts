// Exports the audit events of a date range from the local D1 that `wrangler dev` uses, with the
// signed heads that cover them and the public key, as JSON lines that `npm run audit:verify --
// --export FILE` checks offline. The file contains patient and person ids, so it is written with
// mode 0600 and is never printed. The output names sequence numbers and key ids only.
//
//   npm run audit:export -- --from YYYY-MM-DD --to YYYY-MM-DD --out FILE [--persist-to DIR]
//
// Exit status: 0 when the file was written, 1 when there is nothing to export or the database or
// key cannot be read, 2 for invalid arguments.

import { existsSync } from 'node:fs';
import { open, rm } from 'node:fs/promises';
import { GENESIS_HASH } from '../worker/audit/chain.ts';
import {
  formatEventLine,
  formatHeaderLine,
  formatHeadLine,
  formatMarkerLine,
  formatPublicKeyLine,
} from '../worker/audit/export-format.ts';
import type { PruneMarker } from '../worker/audit/prune-marker.ts';
import { readMarkers, type AuditDatabase } from '../worker/audit/prune.ts';
import { SigningKeyError } from '../worker/audit/signing-key.ts';
import {
  capitalize,
  countPhrase,
  eventsPhrase,
  hasHeadsTable,
  hasTable,
  readEventPages,
  readHeads,
  readPublicKey,
  readScriptOptions,
  resolveFromCaller,
  ScriptError,
  stateDirFrom,
  withLocalD1,
  type LocalD1,
} from './audit-local.ts';

const USAGE =
  'Usage: npm run audit:export -- --from YYYY-MM-DD --to YYYY-MM-DD --out FILE [--persist-to DIR]\n' +
  '  --from, --to       first and last day of the range, in UTC, both included\n' +
  '  --out FILE         the file to write; it must not exist yet\n' +
  '  --persist-to DIR   the state directory given to wrangler dev --persist-to (default: .wrangler/state)';

const options = readOptions(process.argv.slice(2));
try {
  process.exitCode = await exportRange();
} catch (error) {
  if (!(error instanceof ScriptError || error instanceof SigningKeyError)) {
    console.error(`Could not export the audit trail: ${(error as Error).message}`);
  } else {
    console.error(error.message);
  }
  process.exitCode = 1;
}

async function exportRange(): Promise<number> {
  const key = await readPublicKey();
  if (!key) {
    throw new ScriptError(
      'AUDIT_SIGNING_KEY is missing from .dev.vars, so the export cannot carry the public key ' +
        'of its heads. Run npm start once to create it.',
    );
  }

  return withLocalD1(stateDirFrom(options.persistTo), async (db) => {
    const range = await findSeqRange(db);
    if (!range) {
      console.log(`No audit events from ${options.from} to ${options.to} (UTC); nothing written.`);
      return 1;
    }
    const heads = (await hasHeadsTable(db))
      ? await readHeads(db, range.firstSeq, range.lastSeq)
      : [];
    const otherKeys = heads.filter((head) => head.keyId !== key.keyId).length;

    if (existsSync(options.out)) {
      throw new ScriptError(`${options.out} already exists. Choose another --out or delete it.`);
    }
    const out = await open(options.out, 'wx', 0o600);
    const write = (lines: string[]) => out.write(lines.map((line) => line + '\n').join(''));
    let events = 0;
    let complete = false;
    try {
      await write([
        formatHeaderLine({
          from: options.from,
          to: options.to,
          first_seq: range.firstSeq,
          last_seq_in_range: range.lastSeqInRange,
          last_seq: range.lastSeq,
          prev_hash: range.prevHash,
          exported_at: new Date().toISOString(),
        }),
        formatPublicKeyLine(key.publicJwk),
        ...(range.marker ? [formatMarkerLine(range.marker)] : []),
        ...heads.map(formatHeadLine),
      ]);
      for await (const page of readEventPages(db, range.firstSeq - 1, range.lastSeq)) {
        await write(page.map(formatEventLine));
        events += page.length;
      }
      complete = true;
    } finally {
      await out.close();
      // A partial export would fail verification later with a misleading message.
      if (!complete) await rm(options.out, { force: true });
    }

    console.log(
      `Wrote ${countPhrase(events, 'event')} (sequence numbers ${range.firstSeq} to ` +
        `${range.lastSeq}) and ${countPhrase(heads.length, 'signed head')} to ${options.out}`,
    );
    if (range.lastSeq > range.lastSeqInRange) {
      const added = eventsPhrase(range.lastSeqInRange + 1, range.lastSeq);
      console.log(
        `${capitalize(added)} from after ${options.to}, included so that the signed head at ` +
          `${range.lastSeq} covers the whole range.`,
      );
    } else if (!heads.some((head) => head.seq === range.lastSeq)) {
      const unsigned = eventsPhrase((heads.at(-1)?.seq ?? range.firstSeq - 1) + 1, range.lastSeq);
      console.log(
        `${capitalize(unsigned)} not covered by a signed head yet. The scheduled handler signs ` +
          'a new head every 15 minutes; export again after that so that a signature covers the range.',
      );
    }
    if (otherKeys > 0) {
      console.log(
        `${countPhrase(otherKeys, 'head')} signed with another key than ${key.keyId}: the ` +
          'export will not verify with its public key.',
      );
    }
    console.log(`Public key: ${key.keyId}, thumbprint ${key.thumbprint}`);
    return 0;
  });
}

/**
 * Finds the events of the date range as a seq range. Appends may finish out of time order, so
 * the range runs from the lowest to the highest seq stamped within the days and includes every
 * event between them. It then runs on to the first signed head at or after its end, if any.
 */
async function findSeqRange(db: LocalD1) {
  const bounds = await db
    .prepare(
      'select min(seq) as first, max(seq) as last from audit_events where at >= ? and at < ?',
    )
    .bind(`${options.from}T00:00:00.000Z`, `${dayAfter(options.to)}T00:00:00.000Z`)
    .first<{ first: number | null; last: number | null }>();
  if (!bounds || bounds.first === null || bounds.last === null) return null;

  let prevHash = GENESIS_HASH;
  let marker: PruneMarker | null = null;
  if (bounds.first > 1) {
    const previous = await db
      .prepare('select hash from audit_events where seq = ?')
      .bind(bounds.first - 1)
      .first<{ hash: string | null }>();
    // When the event before the range was pruned, the range links to the signed prune marker
    // left in its place, and the export carries that marker.
    marker = previous ? null : await findMarker(db, bounds.first - 1);
    const linkedHash = marker?.throughHash ?? previous?.hash;
    if (!linkedHash) {
      throw new ScriptError(
        `Audit event ${bounds.first - 1}, which the range links to, is missing or has no hash. ` +
          'Run npm run audit:verify to find the break.',
      );
    }
    prevHash = linkedHash;
  }

  const covering = (await hasHeadsTable(db))
    ? await db
        .prepare('select seq from audit_chain_heads where seq >= ? order by seq limit 1')
        .bind(bounds.last)
        .first<{ seq: number }>()
    : null;
  return {
    firstSeq: bounds.first,
    lastSeqInRange: bounds.last,
    lastSeq: covering?.seq ?? bounds.last,
    prevHash,
    marker,
  };
}

async function findMarker(db: LocalD1, throughSeq: number): Promise<PruneMarker | null> {
  if (!(await hasTable(db, 'audit_prune_markers'))) return null;
  const markers = await readMarkers(db as unknown as AuditDatabase);
  return markers.find((marker) => marker.throughSeq === throughSeq) ?? null;
}

function dayAfter(date: string): string {
  const next = new Date(`${date}T00:00:00.000Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString().slice(0, 10);
}

function readOptions(args: string[]) {
  const options = {
    from: { type: 'string' },
    to: { type: 'string' },
    out: { type: 'string' },
    'persist-to': { type: 'string' },
  } as const;
  return readScriptOptions(args, USAGE, options, (values) => {
    const from = checkDate('--from', values.from);
    const to = checkDate('--to', values.to);
    if (from > to) throw new Error(`--from ${from} is after --to ${to}`);
    if (!values.out) throw new Error('--out FILE is required');
    return { from, to, out: resolveFromCaller(values.out), persistTo: values['persist-to'] };
  });
}

function checkDate(option: string, value: string | undefined): string {
  if (!value) throw new Error(`${option} YYYY-MM-DD is required`);
  const date = new Date(`${value}T00:00:00.000Z`);
  const valid =
    /^\d{4}-\d{2}-\d{2}$/.test(value) &&
    !Number.isNaN(date.getTime()) &&
    date.toISOString().slice(0, 10) === value;
  if (!valid) {
    throw new Error(`${option} must be a date as YYYY-MM-DD, for example 2026-12-01; got ${value}`);
  }
  return value;
}
