// Verifies the audit trail: the hash chain and the signed chain heads, either in the local D1
// that `wrangler dev` uses or in a file written by `npm run audit:export`. Names the first
// broken sequence number or the bad head. Output names sequence numbers and key ids only, never
// an event's contents.
//
//   npm run audit:verify [-- --persist-to DIR] [--public-key FILE]
//   npm run audit:verify -- --export FILE [--public-key FILE]
//
// Exit status: 0 when everything verifies, 1 when something is broken or cannot be read,
// 2 for invalid arguments.

import { createReadStream, existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { ExportVerifier, type ExportVerdict } from '../worker/audit/export-verify.ts';
import { chainStartAfterMarkers, MarkerError } from '../worker/audit/prune-marker.ts';
import { readMarkers, type AuditDatabase } from '../worker/audit/prune.ts';
import { SigningKeyError, type VerificationKey } from '../worker/audit/signing-key.ts';
import { SignedTrailVerifier, type TrailVerdict } from '../worker/audit/verify-signed.ts';
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
} from './audit-local.ts';

const USAGE =
  'Usage: npm run audit:verify -- [--persist-to DIR] [--public-key FILE]\n' +
  '       npm run audit:verify -- --export FILE [--public-key FILE]\n' +
  '  --persist-to DIR   the state directory given to wrangler dev --persist-to (default: .wrangler/state)\n' +
  '  --export FILE      verify a file written by npm run audit:export instead of the local database\n' +
  '  --public-key FILE  a public JWK to check signed heads with (default: the public part of\n' +
  "                     AUDIT_SIGNING_KEY in .dev.vars for the database, the export's own key for --export)";
const SIGNING_INTERVAL = 'the scheduled handler signs a new head every 15 minutes';

const options = readOptions(process.argv.slice(2));
try {
  process.exitCode = options.export
    ? await verifyExportFile(resolveFromCaller(options.export), options.publicKey)
    : await verifyLocalTrail(stateDirFrom(options.persistTo), options.publicKey);
} catch (error) {
  if (error instanceof MarkerError) {
    console.log(`Audit trail invalid: ${error.message}`);
  } else if (!(error instanceof ScriptError || error instanceof SigningKeyError)) {
    console.error(`Could not verify the audit trail: ${(error as Error).message}`);
  } else {
    console.error(error.message);
  }
  process.exitCode = 1;
}

async function verifyLocalTrail(stateDir: string, publicKeyFile?: string): Promise<number> {
  const key = await readPublicKey(publicKeyFile);
  let headsTable = true;
  let prunedThrough: number | null = null;
  const verdict = await withLocalD1(stateDir, async (db) => {
    headsTable = await hasHeadsTable(db);
    // Events pruned after the retention period end at a signed marker, and the chain is checked
    // from the newest one. An unsigned or forged marker fails verification.
    const markers = (await hasTable(db, 'audit_prune_markers'))
      ? await readMarkers(db as unknown as AuditDatabase)
      : [];
    const start = await chainStartAfterMarkers(markers, key);
    prunedThrough = start?.afterSeq ?? null;
    const heads = (headsTable ? await readHeads(db) : []).filter(
      (head) => head.seq > (prunedThrough ?? 0),
    );
    if (heads.length > 0 && !key) {
      throw new ScriptError(
        `${countPhrase(heads.length, 'signed head')} cannot be checked: AUDIT_SIGNING_KEY is ` +
          'missing from .dev.vars. Pass --public-key FILE with the public JWK that signed them.',
      );
    }

    const verifier = await SignedTrailVerifier.create(heads, key, start ?? undefined);
    for await (const page of readEventPages(db, prunedThrough ?? 0)) {
      if (!(await verifier.add(page))) break;
    }
    return verifier.verdict();
  });

  if (!verdict.ok) {
    console.log(describeFailure(verdict));
    return 1;
  }
  // This first line keeps the wording it had before heads existed, for anyone parsing it.
  console.log(`Audit chain verified: ${verdict.count} events`);
  if (prunedThrough !== null) {
    console.log(
      `Events up to sequence number ${prunedThrough} were pruned after the retention period; ` +
        'the chain was checked from their signed prune marker.',
    );
  }
  if (headsTable) {
    printCoverage(verdict, key);
  } else {
    console.log(
      'No audit_chain_heads table, so only the hash chain was checked. Apply the migrations ' +
        `(npx wrangler d1 migrations apply DB --local --persist-to ${stateDir}) to sign heads.`,
    );
  }
  return 0;
}

async function verifyExportFile(path: string, publicKeyFile?: string): Promise<number> {
  if (!existsSync(path)) throw new ScriptError(`The export file ${path} does not exist.`);
  // Only a key given on the command line is trusted. .dev.vars is not read here, because an
  // export is usually checked on another machine than the one that wrote it.
  const trustedKey = publicKeyFile ? await readPublicKey(publicKeyFile) : null;

  const verifier = new ExportVerifier(trustedKey);
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
  for await (const line of lines) {
    if (!(await verifier.addLine(line))) break;
  }
  lines.close();
  const verdict = await verifier.verdict();

  if (!verdict.ok) {
    console.log(describeExportFailure(verdict));
    return 1;
  }
  printExportSummary(verdict);
  return 0;
}

function printCoverage(verdict: Extract<TrailVerdict, { ok: true }>, key: VerificationKey | null) {
  if (verdict.lastSignedSeq === null) {
    console.log(`No signed heads yet: only the hash chain was checked (${SIGNING_INTERVAL}).`);
    return;
  }
  console.log(
    `Signed heads verified: ${verdict.heads}, the newest at sequence number ` +
      `${verdict.lastSignedSeq} (key ${key!.keyId}, thumbprint ${key!.thumbprint})`,
  );
  if (verdict.lastSeq !== null && verdict.lastSeq > verdict.lastSignedSeq) {
    const unsigned = eventsPhrase(verdict.lastSignedSeq + 1, verdict.lastSeq);
    console.log(`${capitalize(unsigned)} not covered by a signed head yet (${SIGNING_INTERVAL}).`);
  }
}

function printExportSummary(verdict: Extract<ExportVerdict, { ok: true }>) {
  const { header, key } = verdict;
  const rangeEnd =
    header.last_seq > header.last_seq_in_range
      ? ` (the days end at ${header.last_seq_in_range}, the rest reaches the next signed head)`
      : '';
  console.log(
    `Audit export verified: ${countPhrase(verdict.events, 'event')}, sequence numbers ` +
      `${header.first_seq} to ${header.last_seq}${rangeEnd}, from ${header.from} to ` +
      `${header.to} (UTC), ${countPhrase(verdict.heads, 'signed head')}`,
  );
  console.log(
    key.trusted
      ? `Heads checked with the trusted key ${key.keyId} (thumbprint ${key.thumbprint}).`
      : `Heads checked with the key inside the export: ${key.keyId}, thumbprint ` +
          `${key.thumbprint}. Compare the thumbprint with a copy of the public key kept ` +
          'elsewhere, or pass --public-key FILE.',
  );
  if (verdict.lastSignedSeq === null || verdict.lastSignedSeq < header.last_seq) {
    const from = (verdict.lastSignedSeq ?? header.first_seq - 1) + 1;
    console.log(
      `${capitalize(eventsPhrase(from, header.last_seq))} not covered by a signed head: the ` +
        'hashes link, but an edit there with every later hash recomputed would not show.',
    );
  }
}

function describeFailure(verdict: Extract<TrailVerdict, { ok: false }>): string {
  if ('badHead' in verdict) {
    return `Signed head at sequence number ${verdict.badHead} is invalid: ${verdict.why}`;
  }
  return `Audit chain broken at sequence number ${verdict.brokenAt}: ${verdict.why}`;
}

function describeExportFailure(verdict: Extract<ExportVerdict, { ok: false }>): string {
  if (verdict.badHead !== undefined) {
    return `Audit export has an invalid signed head at sequence number ${verdict.badHead}: ${verdict.why}`;
  }
  if (verdict.brokenAt !== undefined) {
    return `Audit export broken at sequence number ${verdict.brokenAt}: ${verdict.why}`;
  }
  return `Audit export invalid: ${verdict.why}`;
}

function readOptions(args: string[]) {
  const options = {
    'persist-to': { type: 'string' },
    export: { type: 'string' },
    'public-key': { type: 'string' },
  } as const;
  return readScriptOptions(args, USAGE, options, (values) => {
    if (values.export && values['persist-to']) {
      throw new Error('--export and --persist-to cannot be combined');
    }
    return {
      persistTo: values['persist-to'],
      export: values.export,
      publicKey: values['public-key'],
    };
  });
}
