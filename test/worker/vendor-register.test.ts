// The vendor register check: the worker may send data only to services listed in
// docs/vendor-register.md with a signed BAA that has not lapsed.
import { describe, expect, it } from 'vitest';
import registerText from '../../docs/vendor-register.md?raw';
import wranglerText from '../../wrangler.toml?raw';

interface Vendor {
  service: string;
  hosts: string[];
  baaStatus: string;
  baaSignedOn: string | null;
  renewalDate: string | null;
}

const BAA_STATUSES = ['signed', 'not signed', 'not required'];
const COLUMNS = [
  'Service',
  'Hosts',
  'Purpose',
  'PHI exposure',
  'BAA status',
  'BAA signed on',
  'Renewal date',
  'Subprocessors',
];

// Reads the one table of the register. Cells are split on "|", so no cell may contain one.
function parseRegister(markdown: string): Vendor[] {
  const rows = markdown
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.startsWith('|'))
    .map((line) =>
      line
        .slice(1, -1)
        .split('|')
        .map((cell) => cell.trim()),
    );
  const [header, separator, ...body] = rows;
  expect(header).toEqual(COLUMNS);
  expect(separator?.every((cell) => /^:?-+:?$/.test(cell))).toBe(true);

  const column = (row: string[], name: string) => {
    const cell = row[COLUMNS.indexOf(name)] ?? '';
    return cell === '—' || cell === '' ? null : cell;
  };
  return body.map((row) => ({
    service: column(row, 'Service') ?? '',
    hosts: (column(row, 'Hosts') ?? '')
      .split(',')
      .map((host) => host.replaceAll('`', '').trim().toLowerCase())
      .filter(Boolean),
    baaStatus: column(row, 'BAA status') ?? '',
    baaSignedOn: column(row, 'BAA signed on'),
    renewalDate: column(row, 'Renewal date'),
  }));
}

// Collects the string keys of every table in wrangler.toml, by table name. Enough for [vars]
// tables, whose values are strings. Any other value is skipped.
function readTomlTables(toml: string): Map<string, Record<string, string>> {
  const tables = new Map<string, Record<string, string>>([['', {}]]);
  let current = tables.get('')!;
  for (const rawLine of toml.split('\n')) {
    const line = rawLine.trim();
    const header = /^\[\[?\s*([^\]]+?)\s*\]\]?$/.exec(line);
    if (header) {
      current = {};
      tables.set(header[1]!, current);
      continue;
    }
    const pair = /^([A-Za-z0-9_-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|'([^']*)')\s*(?:#.*)?$/.exec(line);
    if (pair) current[pair[1]!] = pair[2] !== undefined ? JSON.parse(`"${pair[2]}"`) : pair[3]!;
  }
  return tables;
}

// Returns the [vars] tables: the top-level one and one per environment.
function varsTables(toml: string): [string, Record<string, string>][] {
  return [...readTomlTables(toml)].filter(
    ([name]) => name === 'vars' || /^env\.[^.]+\.vars$/.test(name),
  );
}

function hasCurrentBaa(vendor: Vendor | undefined, today: string): boolean {
  if (!vendor || vendor.baaStatus !== 'signed') return false;
  return vendor.baaSignedOn !== null && vendor.renewalDate !== null && vendor.renewalDate >= today;
}

/** Returns why one [vars] table sends data to a service without a current BAA, or []. */
function checkVars(vars: Record<string, string>, register: Vendor[], today: string): string[] {
  const problems: string[] = [];
  if ((vars.NOTIFY_PROVIDER ?? 'dev-outbox') === 'webhook') {
    let host: string;
    try {
      host = new URL(vars.NOTIFY_WEBHOOK_URL ?? '').hostname.toLowerCase();
    } catch {
      return [`NOTIFY_WEBHOOK_URL is not a URL: ${JSON.stringify(vars.NOTIFY_WEBHOOK_URL)}`];
    }
    const vendor = register.find((row) => row.hosts.includes(host));
    if (!vendor) problems.push(`${host} is not in the vendor register`);
    else if (!hasCurrentBaa(vendor, today)) problems.push(`${host} has no current signed BAA`);
  }
  if (vars.ENVIRONMENT === 'production') {
    const cloudflare = register.find((row) => row.service.startsWith('Cloudflare'));
    if (!hasCurrentBaa(cloudflare, today)) problems.push('Cloudflare has no current signed BAA');
  }
  return problems;
}

const register = parseRegister(registerText);
const today = new Date().toISOString().slice(0, 10);
const signedVendor: Vendor = {
  service: 'Signed Provider (test)',
  hosts: ['notify.example.com'],
  baaStatus: 'signed',
  baaSignedOn: '2026-01-15',
  renewalDate: '9999-12-31',
};

describe('vendor register', () => {
  it('register rows are complete', () => {
    expect(register.length).toBeGreaterThanOrEqual(2);
    for (const vendor of register) {
      expect(vendor.service).not.toBe('');
      expect(BAA_STATUSES).toContain(vendor.baaStatus);
      for (const date of [vendor.baaSignedOn, vendor.renewalDate]) {
        if (date !== null) expect(date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      }
      if (vendor.baaStatus === 'signed') expect(vendor.baaSignedOn).not.toBeNull();
    }
  });

  it('register lists Cloudflare and the example provider', () => {
    expect(register.some((row) => row.service.startsWith('Cloudflare'))).toBe(true);
    expect(register.find((row) => row.hosts.includes('notify.example.net'))).toBeDefined();
  });

  it('wrangler.toml sends data only to registered services', () => {
    const tables = varsTables(wranglerText);
    expect(tables.map(([name]) => name)).toContain('vars');
    for (const [name, vars] of tables) {
      expect({ table: name, problems: checkVars(vars, register, today) }).toEqual({
        table: name,
        problems: [],
      });
    }
  });

  it('dev-outbox passes without any provider', () => {
    expect(checkVars({ NOTIFY_PROVIDER: 'dev-outbox' }, register, today)).toEqual([]);
    expect(checkVars({}, register, today)).toEqual([]);
  });

  it('unregistered webhook host fails', () => {
    const vars = { NOTIFY_PROVIDER: 'webhook', NOTIFY_WEBHOOK_URL: 'https://mail.example.org/v1' };
    expect(checkVars(vars, register, today)).toEqual([
      'mail.example.org is not in the vendor register',
    ]);
  });

  it('webhook host without signed BAA fails', () => {
    const vars = { NOTIFY_PROVIDER: 'webhook', NOTIFY_WEBHOOK_URL: 'https://notify.example.net/' };
    expect(checkVars(vars, register, today)).toEqual([
      'notify.example.net has no current signed BAA',
    ]);
  });

  it('webhook host with signed BAA passes', () => {
    const vars = { NOTIFY_PROVIDER: 'webhook', NOTIFY_WEBHOOK_URL: 'https://notify.example.com/' };
    expect(checkVars(vars, [...register, signedVendor], today)).toEqual([]);
  });

  it('lapsed BAA fails', () => {
    const lapsed = { ...signedVendor, renewalDate: '2026-01-14' };
    const vars = { NOTIFY_PROVIDER: 'webhook', NOTIFY_WEBHOOK_URL: 'https://notify.example.com/' };
    expect(checkVars(vars, [lapsed], '2026-06-01')).toEqual([
      'notify.example.com has no current signed BAA',
    ]);
  });

  it('production needs the Cloudflare BAA', () => {
    expect(checkVars({ ENVIRONMENT: 'production' }, register, today)).toEqual([
      'Cloudflare has no current signed BAA',
    ]);
    expect(checkVars({ ENVIRONMENT: 'staging' }, register, today)).toEqual([]);
  });

  it('environment vars tables are checked', () => {
    const toml = [
      '[vars]',
      'NOTIFY_PROVIDER = "dev-outbox"',
      '[env.staging.vars]',
      'NOTIFY_PROVIDER = "webhook" # the made-up provider',
      "NOTIFY_WEBHOOK_URL = 'https://notify.example.net/send'",
    ].join('\n');
    const tables = varsTables(toml);
    expect(tables.map(([name]) => name)).toEqual(['vars', 'env.staging.vars']);
    expect(checkVars(tables[1]![1], register, today)).toEqual([
      'notify.example.net has no current signed BAA',
    ]);
  });
});
