import { createScheduledController } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { asc } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/d1';
import { Hono } from 'hono';
import { compactVerify, exportJWK, generateKeyPair, importJWK } from 'jose';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import * as schema from '../../schema/index.ts';
import type { AppEnv } from '../../worker/app.ts';
import { appendAuditEvent } from '../../worker/audit/append.ts';
import { GENESIS_HASH, hashEvent, type ChainedEvent } from '../../worker/audit/chain.ts';
import {
  formatEventLine,
  formatHeadLine,
  formatHeaderLine,
  formatPublicKeyLine,
} from '../../worker/audit/export-format.ts';
import { verifyAuditExport } from '../../worker/audit/export-verify.ts';
import {
  HEAD_TYPE,
  HeadError,
  readSignedHead,
  signHead,
  type SignedHead,
} from '../../worker/audit/heads.ts';
import { ChainHeadError, signChainHead } from '../../worker/audit/sign-head.ts';
import {
  readSigningKey,
  readVerificationKey,
  SigningKeyError,
  verificationKeyOf,
  type SigningKey,
  type VerificationKey,
} from '../../worker/audit/signing-key.ts';
import { verifySignedTrail } from '../../worker/audit/verify-signed.ts';
import { verifyChain } from '../../worker/audit/verify.ts';
import worker from '../../worker/index.ts';
import { db } from './fixtures.ts';

// Storage is shared by the tests of this file and the trail only grows. Tests that tamper with
// rows put them back and check that the trail verifies again.

let signingKey: SigningKey;
let verificationKey: VerificationKey;

beforeAll(async () => {
  signingKey = await readSigningKey(env.AUDIT_SIGNING_KEY);
  verificationKey = await verificationKeyOf(signingKey);
});

afterEach(() => {
  vi.restoreAllMocks();
});

// A bare app whose one route appends an event, outside the portal's middleware.
const appendingApp = new Hono<AppEnv>().get('/append', async (c) => {
  c.set('requestId', `request-${crypto.randomUUID()}`);
  c.set('db', drizzle(env.DB, { schema }));
  await appendAuditEvent(c, {
    actorRole: 'anonymous',
    action: 'test.append',
    resourceType: 'test',
    outcome: 'success',
    reason: 'test',
  });
  return c.text('appended');
});

async function appendEvents(count: number) {
  for (let i = 0; i < count; i += 1) {
    expect((await appendingApp.request('/append')).status).toBe(200);
  }
}

function runScheduled(bindings: PortalBindings = env) {
  return worker.scheduled(
    createScheduledController({ cron: '*/15 * * * *', scheduledTime: Date.now() }),
    bindings,
  );
}

function readTrail(): Promise<ChainedEvent[]> {
  return db().select().from(schema.auditEvents).orderBy(asc(schema.auditEvents.seq));
}

function readHeads(): Promise<SignedHead[]> {
  return db().select().from(schema.auditChainHeads).orderBy(asc(schema.auditChainHeads.seq));
}

// Writes a row exactly as given, replacing any row with the same seq.
async function writeRow(row: ChainedEvent) {
  const values = row as typeof schema.auditEvents.$inferInsert;
  await db()
    .insert(schema.auditEvents)
    .values(values)
    .onConflictDoUpdate({ target: schema.auditEvents.seq, set: values });
}

async function expectIntact() {
  const verdict = await verifySignedTrail(await readTrail(), await readHeads(), verificationKey);
  expect(verdict).toMatchObject({ ok: true });
}

// Edits one event and recomputes its hash and every later one, as someone with write access to
// the database but without the signing key could.
async function rewriteFrom(trail: ChainedEvent[], seq: number): Promise<ChainedEvent[]> {
  const rewritten: ChainedEvent[] = [];
  let prevHash = GENESIS_HASH;
  for (const row of trail) {
    if (row.seq < seq) {
      rewritten.push(row);
      prevHash = row.hash!;
      continue;
    }
    const edited = { ...row, prevHash, reason: row.seq === seq ? 'rewritten' : row.reason };
    const hash = await hashEvent(edited);
    rewritten.push({ ...edited, hash });
    prevHash = hash;
  }
  return rewritten;
}

async function otherSigningKey(keyId: string): Promise<SigningKey> {
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  return readSigningKey(JSON.stringify({ ...(await exportJWK(privateKey)), kid: keyId }));
}

describe('chain head signing', () => {
  it('reports an empty trail', async () => {
    expect(await readTrail()).toEqual([]);
    expect(await signChainHead(env)).toEqual({ status: 'empty' });
    expect(await readHeads()).toEqual([]);
  });

  it('signHead output verifies with the public key', async () => {
    const head = { seq: 7, hash: 'a'.repeat(64), signedAt: '2026-12-01T00:00:00.000Z' };
    const signed = await signHead({ ...head, eventCount: 7 }, signingKey);

    expect(signingKey.publicJwk).not.toHaveProperty('d');
    const publicKey = await importJWK(signingKey.publicJwk, 'ES256');
    const verified = await compactVerify(signed.jws, publicKey);
    expect(verified.protectedHeader).toEqual({
      alg: 'ES256',
      kid: signingKey.keyId,
      typ: HEAD_TYPE,
    });
    expect(JSON.parse(new TextDecoder().decode(verified.payload))).toEqual({
      seq: 7,
      hash: head.hash,
      signed_at: head.signedAt,
      event_count: 7,
    });
    expect(signed).toMatchObject({ ...head, keyId: signingKey.keyId });
  });

  it('signs and verifies with an Ed25519 key', async () => {
    const { privateKey } = await generateKeyPair('Ed25519', { extractable: true });
    const secret = JSON.stringify({ ...(await exportJWK(privateKey)), kid: 'ed25519-test' });
    const key = await readSigningKey(secret);
    const head = { seq: 3, hash: 'b'.repeat(64), signedAt: '2026-12-01T00:00:00.000Z' };

    const signed = await signHead({ ...head, eventCount: 3 }, key);

    expect(key.algorithm).toBe('EdDSA');
    expect(key.publicJwk).toMatchObject({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA' });
    expect(await readSignedHead(signed, await verificationKeyOf(key))).toEqual({
      ...head,
      eventCount: 3,
    });
    await expect(readSignedHead(signed, verificationKey)).rejects.toThrow(HeadError);
  });

  it('scheduled handler signs only a changed head', async () => {
    await appendEvents(3);
    const before = (await readHeads()).length;

    await runScheduled();
    const trail = await readTrail();
    const heads = await readHeads();
    expect(heads.length).toBe(before + 1);
    expect(heads.at(-1)!.seq).toBe(trail.at(-1)!.seq);
    expect(heads.at(-1)!.hash).toBe(trail.at(-1)!.hash);
    expect(heads.at(-1)!.keyId).toBe(signingKey.keyId);

    await runScheduled();
    expect((await readHeads()).length).toBe(before + 1);
    expect(await signChainHead(env)).toEqual({ status: 'unchanged', seq: trail.at(-1)!.seq });

    await appendEvents(1);
    await runScheduled();
    const after = await readHeads();
    expect(after.length).toBe(before + 2);
    expect(after.at(-1)!.seq).toBe(trail.at(-1)!.seq + 1);
    await expectIntact();
  });

  it('scheduled handler logs its outcome without key material', async () => {
    const lines: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((line: string) => lines.push(line));
    await appendEvents(1);

    await runScheduled();

    const newest = (await readTrail()).at(-1)!;
    const logged = lines.map((line) => JSON.parse(line));
    const head = (await readHeads()).at(-1)!;
    expect(logged).toContainEqual(
      expect.objectContaining({
        event: 'audit.head-signed',
        seq: newest.seq,
        hash: newest.hash,
        keyId: signingKey.keyId,
        jws: head.jws,
      }),
    );
    const privatePart = JSON.parse(env.AUDIT_SIGNING_KEY!).d as string;
    for (const line of lines) expect(line).not.toContain(privatePart);
  });

  const invalidSecrets = [
    ['missing', undefined],
    ['empty', ''],
    ['not JSON', '{"kty":"EC","d":"c2VjcmV0'],
    ['a JSON array', '[]'],
    ['a public key only', 'public'],
    ['a key without kid', 'no-kid'],
    ['a symmetric key', '{"kty":"oct","k":"c2VjcmV0LXNlY3JldC1zZWNyZXQ","kid":"oct-1"}'],
  ] as const;

  it.each(invalidSecrets)('scheduled handler rejects a key that is %s', async (_, secret) => {
    const errors: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((line: string) => errors.push(line));
    const jwk = JSON.parse(env.AUDIT_SIGNING_KEY!) as Record<string, string>;
    const { d, ...publicOnly } = jwk;
    const withoutKid: Record<string, string | undefined> = { ...jwk };
    delete withoutKid.kid;
    const value =
      secret === 'public'
        ? JSON.stringify(publicOnly)
        : secret === 'no-kid'
          ? JSON.stringify(withoutKid)
          : secret;
    await appendEvents(1);
    const headsBefore = (await readHeads()).length;

    await expect(runScheduled({ ...env, AUDIT_SIGNING_KEY: value })).rejects.toThrow(
      SigningKeyError,
    );

    expect((await readHeads()).length).toBe(headsBefore);
    expect(errors).toHaveLength(1);
    const logged = JSON.parse(errors[0]!);
    expect(logged).toMatchObject({ event: 'audit.head-signing-failed', error: 'SigningKeyError' });
    expect(logged.why).toMatch(/^AUDIT_SIGNING_KEY /);
    expect(errors[0]).not.toContain(d);
    if (value && value.length > 8) expect(errors[0]).not.toContain(value.slice(0, 20));
  });

  it('signChainHead rejects deleted newest events', async () => {
    await appendEvents(2);
    await runScheduled();
    const newest = (await readTrail()).at(-1)!;
    await env.DB.prepare('delete from audit_events where seq = ?').bind(newest.seq).run();

    const attempt = signChainHead(env);
    await expect(attempt).rejects.toThrow(ChainHeadError);
    await expect(attempt).rejects.toThrow(/events were deleted or changed/);
    await writeRow(newest);

    expect(await signChainHead(env)).toEqual({ status: 'unchanged', seq: newest.seq });
    await expectIntact();
  });

  it('signChainHead rejects a rewritten chain', async () => {
    await appendEvents(2);
    await runScheduled();
    await appendEvents(2);
    const trail = await readTrail();
    const signedSeq = (await readHeads()).at(-1)!.seq;
    const rewritten = await rewriteFrom(trail, signedSeq - 1);
    for (const row of rewritten.slice(signedSeq - 2)) await writeRow(row);

    const headsBefore = (await readHeads()).length;
    const attempt = signChainHead(env);
    await expect(attempt).rejects.toThrow(ChainHeadError);
    await expect(attempt).rejects.toThrow(/prev_hash does not match/);
    expect((await readHeads()).length).toBe(headsBefore);
    for (const row of trail.slice(signedSeq - 2)) await writeRow(row);

    expect(await signChainHead(env)).toMatchObject({
      status: 'signed',
      head: { seq: trail.at(-1)!.seq },
    });
    await expectIntact();
  });
});

describe('signed head verification', () => {
  let trail: ChainedEvent[];
  let heads: SignedHead[];

  beforeAll(async () => {
    await appendEvents(4);
    await runScheduled();
    await appendEvents(4);
    await runScheduled();
    await appendEvents(2);
    trail = await readTrail();
    heads = await readHeads();
  });

  it('accepts the intact trail with its heads', async () => {
    expect(await verifySignedTrail(trail, heads, verificationKey)).toEqual({
      ok: true,
      count: trail.length,
      lastSeq: trail.at(-1)!.seq,
      heads: heads.length,
      lastSignedSeq: heads.at(-1)!.seq,
    });
  });

  it('rejects a head signed by another key', async () => {
    const target = heads.at(-1)!;
    for (const keyId of [signingKey.keyId, 'another-key']) {
      const forged = await signHead(
        { seq: target.seq, hash: target.hash, signedAt: target.signedAt, eventCount: target.seq },
        await otherSigningKey(keyId),
      );
      const forgedHeads = [...heads.slice(0, -1), forged];

      const verdict = await verifySignedTrail(trail, forgedHeads, verificationKey);

      expect(verdict).toMatchObject({ ok: false, badHead: target.seq });
      const why = keyId === signingKey.keyId ? /signature does not verify/ : /"another-key"/;
      expect(verdict).toMatchObject({ why: expect.stringMatching(why) });
    }
  });

  it('rejects a covered event edited with later hashes recomputed', async () => {
    const [first, second] = heads.slice(-2);
    const editedSeq = first!.seq + 1;
    const rewritten = await rewriteFrom(trail, editedSeq);

    // The hash chain alone cannot tell: every link is consistent again.
    expect(await verifyChain(rewritten)).toEqual({ ok: true, count: trail.length });

    const verdict = await verifySignedTrail(rewritten, heads, verificationKey);
    expect(verdict).toEqual({
      ok: false,
      badHead: second!.seq,
      why:
        `its signed hash differs from the hash of event ${second!.seq}, so an event from ` +
        `sequence number ${first!.seq + 1} to ${second!.seq} was changed after the head was signed`,
    });
  });

  it('rejects newest events deleted past a head', async () => {
    const signedSeq = heads.at(-1)!.seq;
    const truncated = trail.filter((row) => row.seq < signedSeq);

    expect(await verifyChain(truncated)).toMatchObject({ ok: true });
    expect(await verifySignedTrail(truncated, heads, verificationKey)).toEqual({
      ok: false,
      badHead: signedSeq,
      why: `it covers sequence number ${signedSeq}, but the trail ends at ${signedSeq - 1}: events were deleted`,
    });
  });

  it('rejects a head row whose hash column was edited', async () => {
    const target = heads[0]!;
    const edited = heads.map((head) =>
      head === target ? { ...head, hash: 'f'.repeat(64) } : head,
    );

    expect(await verifySignedTrail(trail, edited, verificationKey)).toMatchObject({
      ok: false,
      badHead: target.seq,
      why: 'its seq, hash or signed_at differ from its signed payload',
    });
  });

  it('rejects heads when no public key is given', async () => {
    expect(await verifySignedTrail(trail, heads, null)).toMatchObject({
      ok: false,
      badHead: heads[0]!.seq,
    });
    expect(await verifySignedTrail(trail, [], null)).toMatchObject({ ok: true, heads: 0 });
  });

  it('reports a broken link before a later bad head', async () => {
    const edited = trail.map((row, index) => (index === 1 ? { ...row, reason: 'edited' } : row));
    const forged = heads.map((head) => ({ ...head, jws: head.jws.slice(0, -4) + 'AAAA' }));

    expect(await verifySignedTrail(edited, forged, verificationKey)).toMatchObject({
      ok: false,
      brokenAt: trail[1]!.seq,
    });
  });
});

describe('audit export verification', () => {
  let trail: ChainedEvent[];
  let heads: SignedHead[];
  let firstSeq: number;
  let lastSeq: number;

  beforeAll(async () => {
    await appendEvents(3);
    firstSeq = (await readTrail()).at(-1)!.seq - 2;
    await runScheduled();
    await appendEvents(3);
    await runScheduled();
    lastSeq = (await readTrail()).at(-1)!.seq;
    await appendEvents(2);
    trail = await readTrail();
    heads = await readHeads();
  });

  // Builds the lines that scripts/audit-export.ts writes for the events firstSeq to lastSeq.
  function exportLines(): string[] {
    const events = trail.filter((row) => row.seq >= firstSeq && row.seq <= lastSeq);
    const covered = heads.filter((head) => head.seq >= firstSeq && head.seq <= lastSeq);
    return [
      formatHeaderLine({
        from: '2026-12-01',
        to: '2026-12-04',
        first_seq: firstSeq,
        last_seq_in_range: lastSeq,
        last_seq: lastSeq,
        prev_hash: trail.find((row) => row.seq === firstSeq - 1)!.hash!,
        exported_at: '2026-12-04T12:00:00.000Z',
      }),
      formatPublicKeyLine(signingKey.publicJwk),
      ...covered.map(formatHeadLine),
      ...events.map(formatEventLine),
    ];
  }

  // Replaces the line of the event with `seq` by what `edit` returns.
  function editEventLine(
    lines: string[],
    seq: number,
    edit: (record: Record<string, unknown>) => object,
  ) {
    return lines.map((line) => {
      const record = JSON.parse(line);
      return record.record === 'event' && record.seq === seq ? JSON.stringify(edit(record)) : line;
    });
  }

  it('accepts an intact export', async () => {
    const verdict = await verifyAuditExport(exportLines().join('\n') + '\n', verificationKey);

    expect(verdict).toMatchObject({
      ok: true,
      events: lastSeq - firstSeq + 1,
      heads: 2,
      lastSignedSeq: lastSeq,
      key: { keyId: signingKey.keyId, thumbprint: verificationKey.thumbprint, trusted: true },
    });
  });

  it('accepts an intact export with its own key', async () => {
    const verdict = await verifyAuditExport(exportLines().join('\n'));
    expect(verdict).toMatchObject({ ok: true, key: { trusted: false } });
  });

  it('rejects an edited event at its seq', async () => {
    const target = firstSeq + 1;
    const lines = editEventLine(exportLines(), target, (event) => ({ ...event, reason: 'edited' }));

    expect(await verifyAuditExport(lines.join('\n'), verificationKey)).toEqual({
      ok: false,
      brokenAt: target,
      why: "the hash does not match the event's contents",
    });
  });

  it('rejects an edited event with recomputed hashes at its head', async () => {
    const target = firstSeq + 1;
    const rewritten = await rewriteFrom(trail, target);
    const bySeq = new Map(rewritten.map((row) => [row.seq, row]));
    const lines = exportLines().map((line) => {
      const record = JSON.parse(line);
      return record.record === 'event' ? formatEventLine(bySeq.get(record.seq)!) : line;
    });
    const coveringHead = heads.find((head) => head.seq >= target)!;

    expect(await verifyAuditExport(lines.join('\n'), verificationKey)).toMatchObject({
      ok: false,
      badHead: coveringHead.seq,
    });
  });

  it('rejects a head signed by another key', async () => {
    const target = heads.find((head) => head.seq >= firstSeq)!;
    const forged = await signHead(
      { seq: target.seq, hash: target.hash, signedAt: target.signedAt, eventCount: target.seq },
      await otherSigningKey(signingKey.keyId),
    );
    const lines = exportLines().map((line) =>
      line === formatHeadLine(target) ? formatHeadLine(forged) : line,
    );

    expect(await verifyAuditExport(lines.join('\n'))).toMatchObject({
      ok: false,
      badHead: target.seq,
      why: `its signature does not verify with key "${signingKey.keyId}"`,
    });
  });

  it('rejects a validly signed head whose hash does not match', async () => {
    const target = heads.find((head) => head.seq >= firstSeq)!;
    const mismatched = await signHead(
      { seq: target.seq, hash: 'e'.repeat(64), signedAt: target.signedAt, eventCount: target.seq },
      signingKey,
    );
    const lines = exportLines().map((line) =>
      line === formatHeadLine(target) ? formatHeadLine(mismatched) : line,
    );

    expect(await verifyAuditExport(lines.join('\n'), verificationKey)).toMatchObject({
      ok: false,
      badHead: target.seq,
      why: expect.stringContaining('its signed hash differs from the hash of event'),
    });
  });

  it('rejects a replaced public key against the trusted key', async () => {
    const other = await otherSigningKey('another-key');
    const lines = exportLines();
    lines[1] = formatPublicKeyLine(other.publicJwk);

    expect(await verifyAuditExport(lines.join('\n'), verificationKey)).toMatchObject({
      ok: false,
      line: 2,
      why: expect.stringContaining('is not the trusted key'),
    });
    const untrusted = await verifyAuditExport(lines.join('\n'));
    expect(untrusted).toMatchObject({
      ok: false,
      badHead: heads.find((h) => h.seq >= firstSeq)!.seq,
    });
  });

  it('rejects an export missing its last events', async () => {
    const lines = exportLines().slice(0, -1);
    expect(await verifyAuditExport(lines.join('\n'), verificationKey)).toMatchObject({
      ok: false,
      badHead: lastSeq,
    });
  });

  it('rejects an edited starting prev_hash at the first seq', async () => {
    const lines = exportLines();
    const header = JSON.parse(lines[0]!);
    lines[0] = JSON.stringify({ ...header, prev_hash: 'd'.repeat(64) });

    expect(await verifyAuditExport(lines.join('\n'), verificationKey)).toMatchObject({
      ok: false,
      brokenAt: firstSeq,
      why: expect.stringContaining('prev_hash does not match'),
    });
  });

  it('rejects an unknown field with its line number', async () => {
    const lines = editEventLine(exportLines(), firstSeq, (event) => ({ ...event, note: 'x' }));
    const line = lines.findIndex((text) => text.includes('"note"')) + 1;

    expect(await verifyAuditExport(lines.join('\n'), verificationKey)).toMatchObject({
      ok: false,
      line,
      why: expect.stringContaining(`line ${line} is not a valid record`),
    });
  });

  it('rejects records out of order', async () => {
    const lines = exportLines();
    const [header, key, ...rest] = lines;

    expect(await verifyAuditExport([key, header, ...rest].join('\n'))).toMatchObject({
      ok: false,
      line: 1,
      why: 'line 1 is a public_key record, expected header',
    });
  });

  it('accepts a public JWK and rejects a private one', async () => {
    const jwk = JSON.parse(env.AUDIT_SIGNING_KEY!);
    await expect(readVerificationKey(jwk, 'the key file')).rejects.toThrow(
      'the key file contains a private key: pass the public JWK only',
    );
    const key = await readVerificationKey(JSON.stringify(signingKey.publicJwk), 'the key file');
    expect(key.thumbprint).toBe(verificationKey.thumbprint);
  });
});
