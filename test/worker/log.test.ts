import { afterEach, describe, expect, it, vi } from 'vitest';
import { log } from '../../worker/phi/log.ts';

function captureLine(fields: Parameters<typeof log>[2]) {
  const spy = vi.spyOn(console, 'log').mockImplementation(() => {});
  log('info', 'test.event', fields);
  const line = String(spy.mock.calls[0]?.[0]);
  return JSON.parse(line) as Record<string, unknown>;
}

afterEach(() => vi.restoreAllMocks());

describe('log', () => {
  it('drops PHI fields by name', () => {
    const line = captureLine({ email: 'someone@example.org', body: 'I feel unwell' });
    expect(line.email).toBe('[redacted]');
    expect(line.body).toBe('[redacted]');
  });

  it('masks emails, phone numbers and MRNs inside text', () => {
    const line = captureLine({
      why: 'failed for someone@example.org, +1-312-555-0142 and SYN-000042',
    });
    expect(line.why).toBe('failed for [email], [phone] and [mrn]');
  });

  it('keeps ids such as UUIDs intact', () => {
    const requestId = '6d50c262-a512-4bfd-8123-4567890123bf';
    expect(captureLine({ requestId }).requestId).toBe(requestId);
  });
});
