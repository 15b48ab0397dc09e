import { afterEach, describe, expect, it, vi } from 'vitest';
import { log, redactText } from '../../worker/phi/log.ts';

function captureLine(fields: Parameters<typeof log>[2]) {
  const spy = vi.spyOn(console, 'log').mockImplementation(() => {});
  log('info', 'test.event', fields);
  return JSON.parse(String(spy.mock.calls[0]?.[0])) as Record<string, unknown>;
}

afterEach(() => vi.restoreAllMocks());

describe('log redaction of dates', () => {
  it.each([
    ['ISO date', 'visit on 2026-03-14 moved', 'visit on [date] moved'],
    ['ISO timestamp', 'window from 2026-03-14T09:30:00.000Z', 'window from [date]'],
    ['US date', 'seen 3/14/2026 at the clinic', 'seen [date] at the clinic'],
    ['two-digit month', 'born 12/01/1999', 'born [date]'],
  ])('masks an %s', (_kind, text, expected) => {
    expect(redactText(text)).toBe(expected);
  });

  it('leaves numbers that are not dates', () => {
    expect(redactText('attempts 12 of 20, seq 2026')).toBe('attempts 12 of 20, seq 2026');
  });
});

describe('log redaction of names beside dates', () => {
  it.each([
    [
      'name then ISO date',
      'match for Ada Quill 1980-02-29 failed',
      'match for [name] [date] failed',
    ],
    ['name with DOB', 'Quill, Ada DOB 2/29/1980 not found', '[name] [date] not found'],
    ['name with born', 'Ada Quill, born 1980-02-29', '[name] [date]'],
    ['name in brackets', 'Ada Quill (2/29/1980)', '[name] [date])'],
    ['date then name', 'on 1980-02-29 Ada Quill enrolled', 'on [date] [name] enrolled'],
    ['accented name', "José O'Brien-Núñez 2001-07-04", '[name] [date]'],
  ])('masks a %s', (_kind, text, expected) => {
    expect(redactText(text)).toBe(expected);
  });
});

describe('log redaction of free text by field name', () => {
  it.each(['body', 'note', 'reasonText', 'message', 'subject', 'reviewNote', 'draft'])(
    'drops the %s field',
    (field) => {
      const line = captureLine({ [field]: 'I have a rash since Tuesday' });
      expect(line[field]).toBe('[redacted]');
    },
  );

  it('drops fields by name without regard to case', () => {
    expect(captureLine({ Body: 'text' }).Body).toBe('[redacted]');
  });

  it('drops fields whose name ends in a PHI word', () => {
    const line = captureLine({ patientName: 'Ada', contactEmail: 'a@example.org' });
    expect(line.patientName).toBe('[redacted]');
    expect(line.contactEmail).toBe('[redacted]');
  });
});

describe('log redaction keeps ids', () => {
  it('keeps UUIDs, person ids and seq numbers', () => {
    const fields = {
      requestId: '6d50c262-a512-4bfd-8123-4567890123bf',
      personId: 'person-1234-5678',
      patientId: 'patient-20260314',
      seq: 1980,
      alertId: 'a3f1c9e0b2d4',
    };
    expect(captureLine(fields)).toMatchObject(fields);
  });

  it('keeps paths without dates', () => {
    expect(captureLine({ path: '/chart/patient-7/results/result-9' }).path).toBe(
      '/chart/patient-7/results/result-9',
    );
  });
});
