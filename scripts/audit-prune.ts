// Deletes the audit events older than the retention period from the local D1 that `wrangler dev`
// uses, and leaves a prune marker signed with AUDIT_SIGNING_KEY from .dev.vars, so that
// `npm run audit:verify` still verifies the remaining chain. Output names sequence numbers and
// key ids only, never an event's contents.
//
//   npm run audit:prune [-- --persist-to DIR] [--retention-days N]
//
// Exit status: 0 when events were pruned or none were old enough, 1 when the chain is broken or
// the database or key cannot be read, 2 for invalid arguments.

import { MarkerError } from '../worker/audit/prune-marker.ts';
import { pruneAuditTrail, PruneError, type AuditDatabase } from '../worker/audit/prune.ts';
import { SigningKeyError } from '../worker/audit/signing-key.ts';
import {
  countPhrase,
  readDevSigningKey,
  readScriptOptions,
  readWranglerVar,
  ScriptError,
  stateDirFrom,
  withLocalD1,
} from './audit-local.ts';

// Six years, the retention HIPAA sets for its required documentation, when wrangler.toml sets none.
const DEFAULT_RETENTION_DAYS = 2190;

const USAGE =
  'Usage: npm run audit:prune -- [--persist-to DIR] [--retention-days N]\n' +
  '  --persist-to DIR      the state directory given to wrangler dev --persist-to (default: .wrangler/state)\n' +
  '  --retention-days N    keep events younger than N days (default and minimum: AUDIT_RETENTION_DAYS\n' +
  `                        in wrangler.toml, else ${DEFAULT_RETENTION_DAYS})`;

const configuredDays = Number(readWranglerVar('AUDIT_RETENTION_DAYS') ?? DEFAULT_RETENTION_DAYS);
const options = readOptions(process.argv.slice(2));
try {
  process.exitCode = await prune();
} catch (error) {
  if (error instanceof PruneError || error instanceof MarkerError) {
    console.log(`Nothing was pruned: ${error.message}`);
  } else if (error instanceof ScriptError || error instanceof SigningKeyError) {
    console.error(error.message);
  } else {
    console.error(`Could not prune the audit trail: ${(error as Error).message}`);
  }
  process.exitCode = 1;
}

async function prune(): Promise<number> {
  const key = await readDevSigningKey();
  const outcome = await withLocalD1(stateDirFrom(options.persistTo), (db) =>
    pruneAuditTrail(db as unknown as AuditDatabase, {
      now: new Date(),
      retentionDays: options.retentionDays,
      key,
    }),
  );

  if (outcome.status === 'nothing') {
    console.log(
      `No audit events are older than ${options.retentionDays} days and not yet pruned; ` +
        'nothing was deleted.',
    );
    return 0;
  }
  const { marker } = outcome;
  console.log(
    `Pruned ${countPhrase(marker.deletedCount, 'audit event')} through sequence number ` +
      `${marker.throughSeq}, older than ${marker.retentionDays} days. The signed prune marker ` +
      `(key ${marker.keyId}) lets npm run audit:verify check the chain from sequence number ` +
      `${marker.throughSeq + 1}.`,
  );
  return 0;
}

function readOptions(args: string[]) {
  const options = {
    'persist-to': { type: 'string' },
    'retention-days': { type: 'string' },
  } as const;
  return readScriptOptions(args, USAGE, options, (values) => {
    if (!Number.isSafeInteger(configuredDays) || configuredDays <= 0) {
      throw new Error(`AUDIT_RETENTION_DAYS in wrangler.toml must be a positive whole number`);
    }
    const retentionDays = Number(values['retention-days'] ?? configuredDays);
    if (!Number.isSafeInteger(retentionDays) || retentionDays < configuredDays) {
      throw new Error(
        `--retention-days must be a whole number of at least ${configuredDays} (the configured ` +
          `retention period); got ${values['retention-days']}`,
      );
    }
    return { persistTo: values['persist-to'], retentionDays };
  });
}
