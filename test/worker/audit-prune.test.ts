import { env } from 'cloudflare:workers';
import { asc, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import * as schema from '../../schema/index.ts';
import { GENESIS_HASH, hashEvent, type ChainedEvent } from '../../worker/audit/chain.ts';
import {
  formatEventLine,
  formatHeaderLine,
  formatHeadLine,
  formatMarkerLine,
  formatPublicKeyLine,
} from '../../worker/audit/export-format.ts';
import { verifyAuditExport } from '../../worker/audit/export-verify.ts';
import {
  chainStartAfterMarkers,
  MarkerError,
  type PruneMarker,
} from '../../worker/audit/prune-marker.ts';
import {
  pruneAuditTrail,
  PruneError,
  readMarkers,
  type AuditDatabase,
} from '../../worker/audit/prune.ts';
import { signChainHead } from '../../worker/audit/sign-head.ts';
import { readSigningKey, verificationKeyOf } from '../../worker/audit/signing-key.ts';
import { verifySignedTrail } from '../../worker/audit/verify-signed.ts';
import { db } from './fixtures.ts';

// Storage is shared by the tests of this file, which run in order: the trail is pruned once and
// the later tests check the pruned trail. Tests that tamper put every row back.

const RETENTION_DAYS = 2190;
const NOW = new Date('2026-12-01T12:00:00.000Z');
const OLD = '2019-06-01T10:00:00.000Z';
const YOUNG = '2026-11-30T10:00:00.000Z';
// Event 5 is young between old events: it and every event after it must survive the prune.
const TIMES = [OLD, OLD, OLD, OLD, YOUNG, OLD, YOUNG, YOUNG, YOUNG, YOUNG];

const auditDb = () => env.DB as unknown as AuditDatabase;

async function buildChain() {
  let prevHash = GENESIS_HASH;
  for (const [index, at] of TIMES.entries()) {
    const unhashed = {
      seq: index + 1,
      at,
      actorPersonId: `person-${index}`,
      actorRole: 'self',
      actingForPatientId: null,
      action: 'results.view',
      resourceType: 'results',
      resourceId: null,
      patientId: `patient-${index}`,
      outcome: 'allow' as const,
      reason: 'self',
      requestId: `request-${index}`,
      clientClass: 'computer',
      prevHash,
    };
    const hash = await hashEvent(unhashed);
    await db()
      .insert(schema.auditEvents)
      .values({ ...unhashed, hash });
    prevHash = hash;
  }
}

async function readTrail(): Promise<ChainedEvent[]> {
  return db().select().from(schema.auditEvents).orderBy(asc(schema.auditEvents.seq));
}

async function verifyTrail() {
  const key = await verificationKeyOf(await readSigningKey(env.AUDIT_SIGNING_KEY));
  const start = await chainStartAfterMarkers(await readMarkers(auditDb()), key);
  const heads = (await db().select().from(schema.auditChainHeads)).filter(
    (head) => head.seq > (start?.afterSeq ?? 0),
  );
  return verifySignedTrail(await readTrail(), heads, key, start ?? undefined);
}

async function prune(now: Date) {
  return pruneAuditTrail(auditDb(), {
    now,
    retentionDays: RETENTION_DAYS,
    key: await readSigningKey(env.AUDIT_SIGNING_KEY),
  });
}

// Builds an export of every remaining event, as scripts/audit-export.ts writes it after a prune.
async function exportText(marker: PruneMarker | null, prevHash: string) {
  const key = await verificationKeyOf(await readSigningKey(env.AUDIT_SIGNING_KEY));
  const events = await readTrail();
  const heads = await db().select().from(schema.auditChainHeads);
  return [
    formatHeaderLine({
      from: '2026-11-30',
      to: '2026-11-30',
      first_seq: events[0]!.seq,
      last_seq_in_range: events.at(-1)!.seq,
      last_seq: events.at(-1)!.seq,
      prev_hash: prevHash,
      exported_at: NOW.toISOString(),
    }),
    formatPublicKeyLine(key.publicJwk),
    ...(marker ? [formatMarkerLine(marker)] : []),
    ...heads.filter((head) => head.seq >= events[0]!.seq).map(formatHeadLine),
    ...events.map(formatEventLine),
  ].join('\n');
}

beforeAll(buildChain);

describe('audit prune', () => {
  it('deletes nothing when every event is inside retention', async () => {
    const outcome = await prune(new Date('2024-01-01T00:00:00.000Z'));
    expect(outcome.status).toBe('nothing');
    expect(await readTrail()).toHaveLength(TIMES.length);
  });

  it('refuses to prune a broken chain', async () => {
    await db()
      .update(schema.auditEvents)
      .set({ reason: 'edited' })
      .where(eq(schema.auditEvents.seq, 2));
    await expect(prune(NOW)).rejects.toThrow(PruneError);
    await db()
      .update(schema.auditEvents)
      .set({ reason: 'self' })
      .where(eq(schema.auditEvents.seq, 2));
    expect(await readTrail()).toHaveLength(TIMES.length);
  });

  it('deletes only events before the first one inside retention', async () => {
    const outcome = await prune(NOW);
    expect(outcome.status).toBe('pruned');
    if (outcome.status !== 'pruned') return;

    expect(outcome.marker.throughSeq).toBe(4);
    expect(outcome.marker.deletedCount).toBe(4);
    const remaining = await readTrail();
    expect(remaining.map((row) => row.seq)).toEqual([5, 6, 7, 8, 9, 10]);
    expect(outcome.marker.throughHash).toBe(remaining[0]!.prevHash);
  });

  it('leaves the chain verifiable from the marker', async () => {
    const verdict = await verifyTrail();
    expect(verdict).toMatchObject({ ok: true, count: 6, lastSeq: 10 });
  });

  it('prunes nothing twice', async () => {
    expect((await prune(NOW)).status).toBe('nothing');
    expect(await readMarkers(auditDb())).toHaveLength(1);
  });

  it('signs heads that count the pruned events', async () => {
    const outcome = await signChainHead(env, NOW);
    expect(outcome.status).toBe('signed');
    expect(await verifyTrail()).toMatchObject({ ok: true, heads: 1, lastSignedSeq: 10 });
  });

  it('still detects an edit after the prune', async () => {
    await db()
      .update(schema.auditEvents)
      .set({ reason: 'edited' })
      .where(eq(schema.auditEvents.seq, 6));
    expect(await verifyTrail()).toMatchObject({ ok: false, brokenAt: 6 });
    await db()
      .update(schema.auditEvents)
      .set({ reason: 'self' })
      .where(eq(schema.auditEvents.seq, 6));
    expect((await verifyTrail()).ok).toBe(true);
  });

  it('detects a gap after the marker', async () => {
    const [first] = await db()
      .select()
      .from(schema.auditEvents)
      .where(eq(schema.auditEvents.seq, 5));
    await db().delete(schema.auditEvents).where(eq(schema.auditEvents.seq, 5));
    expect(await verifyTrail()).toMatchObject({ ok: false, brokenAt: 5 });
    await db().insert(schema.auditEvents).values(first!);
    expect((await verifyTrail()).ok).toBe(true);
  });

  it('rejects a forged marker', async () => {
    const [marker] = await readMarkers(auditDb());
    await db()
      .update(schema.auditPruneMarkers)
      .set({ throughSeq: 5, throughHash: (await readTrail())[0]!.hash! })
      .where(eq(schema.auditPruneMarkers.throughSeq, 4));
    await expect(verifyTrail()).rejects.toThrow(MarkerError);

    await db()
      .update(schema.auditPruneMarkers)
      .set({ throughSeq: 4, throughHash: marker!.throughHash })
      .where(eq(schema.auditPruneMarkers.throughSeq, 5));
    expect((await verifyTrail()).ok).toBe(true);
  });

  it('rejects an unsigned marker', async () => {
    await db()
      .insert(schema.auditPruneMarkers)
      .values({
        throughSeq: 6,
        throughHash: 'f'.repeat(64),
        prunedAt: NOW.toISOString(),
        retentionDays: RETENTION_DAYS,
        deletedCount: 2,
        jws: 'not-a-jws',
        keyId: 'unknown',
      });
    await expect(verifyTrail()).rejects.toThrow(MarkerError);
    await db().delete(schema.auditPruneMarkers).where(eq(schema.auditPruneMarkers.throughSeq, 6));
  });

  it('verifies an export that starts at the marker', async () => {
    const [marker] = await readMarkers(auditDb());
    const verdict = await verifyAuditExport(await exportText(marker!, marker!.throughHash));
    expect(verdict).toMatchObject({ ok: true, events: 6 });
  });

  it('rejects an export with a forged marker', async () => {
    const [marker] = await readMarkers(auditDb());
    const forged = { ...marker!, throughHash: 'e'.repeat(64) };
    const verdict = await verifyAuditExport(await exportText(forged, forged.throughHash));
    expect(verdict.ok).toBe(false);
    expect(verdict.ok ? '' : verdict.why).toMatch(/signed payload/);
  });

  it('rejects an export whose marker does not link', async () => {
    const [marker] = await readMarkers(auditDb());
    const verdict = await verifyAuditExport(await exportText(marker!, 'd'.repeat(64)));
    expect(verdict.ok).toBe(false);
    expect(verdict.ok ? '' : verdict.why).toMatch(/does not link/);
  });

  it('always keeps the newest event', async () => {
    const outcome = await prune(new Date('2040-01-01T00:00:00.000Z'));
    expect(outcome.status).toBe('pruned');
    const remaining = await readTrail();
    expect(remaining.map((row) => row.seq)).toEqual([10]);
    expect(await verifyTrail()).toMatchObject({ ok: true, count: 1, lastSeq: 10 });
  });
});
