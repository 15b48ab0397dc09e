import { env } from 'cloudflare:workers';
import { getTableColumns, getTableName } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/d1';
import { beforeAll, describe, expect, it } from 'vitest';
import { labTestByLoinc, referenceRangeFor } from '../../seed/clinical/labs.ts';
import {
  MAX_BOUND_PARAMETERS,
  SEED_TABLES,
  buildInserts,
  chunkRows,
  generatePopulation,
  referencedTableNames,
  renderSeedSql,
  KEPT_ON_RESET,
  MAX_SQL_STATEMENT_BYTES,
  generateSeedSql,
  generateSqlFiles,
  productionRejection,
  resetDatabase,
  splitIntoFiles,
  utf8Length,
  rowsPerStatement,
  seedDatabase,
  sqlLiteral,
  tablesInDeleteOrder,
  type SeedSummary,
} from '../../seed/index.ts';

const REFERENCE_DATE = '2026-11-03';
const OPTIONS = { seed: 7, referenceDate: REFERENCE_DATE, patients: 40 };
const RESERVED_EMAIL = /@((.+\.)?example\.(org|com|net)|(.+\.)?[a-z0-9-]+\.test)$/;
const FICTIONAL_PHONE = /^\+1-\d{3}-555-01\d\d$/;
const INSTANT = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
const DATE = /^\d{4}-\d\d-\d\d$/;
const DIABETES_SNOMED = '44054006';
const CKD_SNOMED = '433144002';

async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

async function rows<T>(sql: string, ...params: unknown[]): Promise<T[]> {
  const result = await env.DB.prepare(sql)
    .bind(...params)
    .all<T>();
  return result.results;
}

// Adds years the way the 18th birthday is defined: 29 February falls on 1 March.
function plusYears(date: string, years: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year + years, month - 1, day)).toISOString().slice(0, 10);
}

// Whole years on the reference date; the birthday counts from its own day.
function ageOn(birthDate: string): number {
  const years = Number(REFERENCE_DATE.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return birthDate.slice(5) > REFERENCE_DATE.slice(5) ? years - 1 : years;
}

const adultBornBy = plusYears(REFERENCE_DATE, -18);
const teenBornBy = plusYears(REFERENCE_DATE, -13);

describe('seed SQL text', () => {
  it('same seed and date give identical bytes', async () => {
    const first = await sha256(renderSeedSql({ ...OPTIONS, patients: 25 }));
    const second = await sha256(renderSeedSql({ ...OPTIONS, patients: 25 }));
    expect(second).toBe(first);
  });

  it('another seed or date gives other bytes', async () => {
    const base = await sha256(renderSeedSql({ ...OPTIONS, patients: 25 }));
    const otherSeed = await sha256(renderSeedSql({ ...OPTIONS, patients: 25, seed: 8 }));
    const otherDate = await sha256(
      renderSeedSql({ ...OPTIONS, patients: 25, referenceDate: '2026-11-04' }),
    );
    expect(otherSeed).not.toBe(base);
    expect(otherDate).not.toBe(base);
  });

  it('keeps statements under the size limit', () => {
    let statements = 0;
    for (const statement of generateSeedSql({ ...OPTIONS, patients: 60 })) {
      statements += 1;
      const bytes = new TextEncoder().encode(statement).byteLength;
      expect(bytes).toBeLessThanOrEqual(MAX_SQL_STATEMENT_BYTES);
      expect(bytes).toBeLessThan(100_000);
    }
    expect(statements).toBeGreaterThan(0);
  });

  it('counts UTF-8 bytes', () => {
    for (const text of ['', 'abc', 'Zoë', 'Nguyễn', '😀', "O'Connor-Ramírez", '\ud800x']) {
      expect(utf8Length(text), text).toBe(new TextEncoder().encode(text).byteLength);
    }
  });

  it('escapes quotes in literals', () => {
    expect(sqlLiteral("O'Connor")).toBe("'O''Connor'");
    expect(sqlLiteral(null)).toBe('NULL');
    expect(sqlLiteral(true)).toBe('1');
    expect(() => sqlLiteral(Number.NaN)).toThrow();
  });
});

describe('seed SQL files', () => {
  const FILE_OPTIONS = { ...OPTIONS, patients: 30 };
  const MAX_BYTES = 300_000;

  it('same seed and date give identical files', async () => {
    const first = [...generateSqlFiles(FILE_OPTIONS, undefined, MAX_BYTES)];
    const second = [...generateSqlFiles(FILE_OPTIONS, undefined, MAX_BYTES)];
    expect(first.length).toBeGreaterThan(1);
    expect(second.map((file) => file.name)).toEqual(first.map((file) => file.name));
    for (const [index, file] of first.entries()) {
      expect(await sha256(second[index]!.text), file.name).toBe(await sha256(file.text));
    }
  });

  it('splits the script without changing it', () => {
    const files = [...generateSqlFiles(FILE_OPTIONS, undefined, MAX_BYTES)];
    const script = renderSeedSql(FILE_OPTIONS);
    expect(files.map((file) => file.text).join('')).toBe(`${script}\n`);
    expect(files.map((file) => file.name)).toEqual(
      files.map((_, index) => `${String(index + 1).padStart(4, '0')}.sql`),
    );
  });

  it('keeps files under the size limit', () => {
    for (const file of generateSqlFiles(FILE_OPTIONS, undefined, MAX_BYTES)) {
      expect(utf8Length(file.text), file.name).toBeLessThanOrEqual(MAX_BYTES);
      expect(file.text.endsWith(';\n'), file.name).toBe(true);
      expect(file.text.startsWith('INSERT INTO '), file.name).toBe(true);
    }
  });

  it('splits only between statements', () => {
    const files = [...splitIntoFiles(['A;', 'BB;', 'CCC;', 'D;'], 8)];
    expect(files).toEqual([
      { name: '0001.sql', text: 'A;\nBB;\n' },
      { name: '0002.sql', text: 'CCC;\nD;\n' },
    ]);
  });

  it('rejects a statement larger than a file', () => {
    expect(() => [...splitIntoFiles(['A;', 'TOO LONG;'], 5)]).toThrow(RangeError);
  });

  it('reports every batch to the listener', () => {
    let patients = 0;
    for (const file of generateSqlFiles(FILE_OPTIONS, (batch) => {
      patients += batch.patients.length;
    })) {
      expect(file.text.length).toBeGreaterThan(0);
    }
    expect(patients).toBe(FILE_OPTIONS.patients);
  });
});

describe('productionRejection', () => {
  const DEVELOPMENT = {
    databaseName: 'portal-dev',
    configEnvironment: 'development',
    shellEnvironment: undefined,
  };

  it('accepts a development target', () => {
    expect(productionRejection(DEVELOPMENT)).toBeNull();
    expect(productionRejection({ ...DEVELOPMENT, configEnvironment: 'staging' })).toBeNull();
  });

  it('rejects production in the shell', () => {
    const rejection = productionRejection({ ...DEVELOPMENT, shellEnvironment: 'production' });
    expect(rejection).toContain('ENVIRONMENT is "production"');
  });

  it('rejects production in wrangler.toml', () => {
    const rejection = productionRejection({ ...DEVELOPMENT, configEnvironment: 'production' });
    expect(rejection).toContain('wrangler.toml sets ENVIRONMENT = "production"');
  });

  it('rejects a production-like database name', () => {
    for (const databaseName of ['portal-prod', 'PROD_portal', 'portal-production']) {
      const rejection = productionRejection({ ...DEVELOPMENT, databaseName });
      expect(rejection, databaseName).toContain(databaseName);
    }
  });
});

describe('insert chunking', () => {
  it('fits each table under the parameter limit', () => {
    for (const { table } of SEED_TABLES) {
      const columns = Object.keys(getTableColumns(table)).length;
      const size = rowsPerStatement(table);
      expect(size * columns, getTableName(table)).toBeLessThanOrEqual(MAX_BOUND_PARAMETERS);
      expect((size + 1) * columns, getTableName(table)).toBeGreaterThan(MAX_BOUND_PARAMETERS);
    }
  });

  it('splits rows into ordered chunks', () => {
    const table = SEED_TABLES.find(({ key }) => key === 'results')!.table;
    const items = Array.from({ length: 23 }, (_, index) => index);
    const chunks = chunkRows(table, items);
    expect(chunks.every((chunk) => chunk.length <= rowsPerStatement(table))).toBe(true);
    expect(chunks.flat()).toEqual(items);
  });

  it('binds at most 100 parameters per statement', () => {
    const db = drizzle(env.DB);
    let statements = 0;
    for (const batch of generatePopulation(OPTIONS)) {
      for (const statement of buildInserts(db, batch)) {
        statements += 1;
        expect(statement.toSQL().params.length).toBeLessThanOrEqual(MAX_BOUND_PARAMETERS);
      }
    }
    expect(statements).toBeGreaterThan(0);
  });

  it('inserts parents before children', () => {
    const seen = new Set<string>();
    for (const { table } of SEED_TABLES) {
      for (const parent of referencedTableNames(table)) {
        expect(seen.has(parent), `${getTableName(table)} references ${parent}`).toBe(true);
      }
      seen.add(getTableName(table));
    }
  });
});

describe('generated population', () => {
  it('has minors of every age and elderly adults', () => {
    const ages = new Set<number>();
    let elderly = 0;
    for (const batch of generatePopulation({ ...OPTIONS, patients: 200 })) {
      for (const patient of batch.patients) {
        const age = ageOn(patient.birthDate);
        ages.add(age);
        if (age >= 65) elderly += 1;
      }
    }
    for (let age = 0; age < 18; age += 1) expect(ages.has(age), `age ${age}`).toBe(true);
    expect(elderly).toBeGreaterThan(0);
  });
});

describe('seedDatabase', () => {
  let summary: SeedSummary;

  beforeAll(async () => {
    await resetDatabase(env.DB);
    summary = await seedDatabase(env.DB, OPTIONS);
  });

  it('writes the requested patients', async () => {
    const [count] = await rows<{ n: number }>('SELECT COUNT(*) AS n FROM patients');
    expect(count?.n).toBe(OPTIONS.patients);
    expect(summary.patients).toBe(OPTIONS.patients);
    expect(summary.rows.results).toBeGreaterThan(0);
  });

  it('reports the hard cases in the summary', () => {
    const missing = summary.hardCases.filter((hardCase) => !hardCase.present);
    // 40 patients hold the scenario households, which make every hard case.
    expect(missing).toEqual([]);
  });

  it('marks every patient synthetic', async () => {
    const patients = await rows<{ synthetic: number; mrn: string }>(
      'SELECT synthetic, mrn FROM patients',
    );
    for (const patient of patients) {
      expect(patient.synthetic).toBe(1);
      expect(patient.mrn).toMatch(/^SYN-\d{6}$/);
    }
  });

  it('uses only fictional phone numbers', async () => {
    const phones = await rows<{ value: string }>(
      "SELECT value FROM patient_contacts WHERE kind = 'phone'",
    );
    expect(phones.length).toBeGreaterThan(0);
    for (const phone of phones) expect(phone.value).toMatch(FICTIONAL_PHONE);
  });

  it('uses only reserved email domains', async () => {
    const emails = await rows<{ value: string }>(
      "SELECT value FROM patient_contacts WHERE kind = 'email' UNION ALL SELECT email FROM people",
    );
    expect(emails.length).toBeGreaterThan(0);
    for (const email of emails) expect(email.value).toMatch(RESERVED_EMAIL);
  });

  it('adult and teen accounts match email', async () => {
    const patients = await rows<{
      id: string;
      email: string | null;
      contact: string | null;
      verified_at: string | null;
    }>(
      `SELECT a.id, p.email, c.value AS contact, c.verified_at FROM patients a
         LEFT JOIN person_patients pp ON pp.patient_id = a.id
         LEFT JOIN people p ON p.id = pp.person_id
         LEFT JOIN patient_contacts c ON c.patient_id = a.id AND c.kind = 'email' AND c.is_primary = 1
       WHERE a.birth_date <= ?1`,
      teenBornBy,
    );
    expect(patients.length).toBeGreaterThan(0);
    for (const patient of patients) {
      expect(patient.contact, patient.id).not.toBeNull();
      // Adults not yet enrolled have an unverified email on file and no account.
      if (patient.email === null) {
        expect(patient.verified_at, patient.id).toBeNull();
        continue;
      }
      expect(patient.email).toBe(patient.contact);
    }
    expect(patients.filter((patient) => patient.email !== null).length).toBeGreaterThan(
      patients.length / 2,
    );
  });

  it('links every minor to a parent until 18', async () => {
    const minors = await rows<{ id: string; birth_date: string }>(
      'SELECT id, birth_date FROM patients WHERE birth_date > ?1',
      adultBornBy,
    );
    expect(minors.length).toBeGreaterThan(0);
    for (const minor of minors) {
      const grants = await rows<{
        valid_from: string;
        valid_to: string;
        status: string;
        scopes: string;
      }>(
        "SELECT valid_from, valid_to, status, scopes FROM relationships WHERE patient_id = ?1 AND kind = 'parent-of-minor'",
        minor.id,
      );
      expect(grants.length, minor.id).toBeGreaterThan(0);
      for (const grant of grants) {
        expect(grant.valid_from).toBe(minor.birth_date);
        expect(grant.valid_to).toBe(plusYears(minor.birth_date, 18));
        expect(grant.status).toBe('active');
      }
      expect(grants.some((grant) => grant.scopes === 'record,messaging,scheduling,billing')).toBe(
        true,
      );
    }
  });

  it('ends parental grants at the 18th birthday', async () => {
    const grants = await rows<{ valid_to: string; birth_date: string; status: string }>(
      `SELECT r.valid_to, a.birth_date, r.status FROM relationships r JOIN patients a ON a.id = r.patient_id
       WHERE r.kind = 'parent-of-minor'`,
    );
    for (const grant of grants) {
      expect(grant.valid_to).toBe(plusYears(grant.birth_date, 18));
      expect(grant.status).toBe(grant.valid_to <= REFERENCE_DATE ? 'expired' : 'active');
    }
  });

  it('includes the hard proxy cases', async () => {
    const grants = await rows<{ kind: string; status: string; restrictions: string | null }>(
      'SELECT kind, status, restrictions FROM relationships',
    );
    const kinds = new Set(grants.map((grant) => grant.kind));
    expect(kinds.has('court-appointed-guardian')).toBe(true);
    expect(kinds.has('health-care-power-of-attorney')).toBe(true);
    expect(grants.some((grant) => grant.restrictions !== null)).toBe(true);
    expect(grants.some((grant) => grant.status === 'expired')).toBe(true);
  });

  it('assigns care teams by age', async () => {
    const assignments = await rows<{ id: string; birth_date: string; teams: string | null }>(
      `SELECT a.id, a.birth_date, GROUP_CONCAT(t.name) AS teams FROM patients a
         LEFT JOIN patient_care_teams pct ON pct.patient_id = a.id
         LEFT JOIN care_teams t ON t.id = pct.care_team_id
       GROUP BY a.id`,
    );
    for (const assignment of assignments) {
      expect(assignment.teams, assignment.id).not.toBeNull();
      const pediatric = assignment.teams!.includes('Pediatrics');
      expect(pediatric, assignment.id).toBe(assignment.birth_date > adultBornBy);
    }
  });

  it('codes results consistently with their ranges', async () => {
    const results = await rows<{
      loinc_code: string;
      unit: string | null;
      value_numeric: number | null;
      value_text: string | null;
      reference_low: number | null;
      reference_high: number | null;
      flag: string;
      sex_at_birth: 'female' | 'male';
    }>(
      `SELECT r.loinc_code, r.unit, r.value_numeric, r.value_text, r.reference_low, r.reference_high, r.flag, a.sex_at_birth
       FROM results r JOIN patients a ON a.id = r.patient_id`,
    );
    expect(results.length).toBeGreaterThan(0);
    for (const result of results) {
      const test = labTestByLoinc(result.loinc_code);
      expect(test, result.loinc_code).toBeDefined();
      expect(result.unit).toBe(test!.unit);
      const range = referenceRangeFor(test!, result.sex_at_birth);
      expect([result.reference_low, result.reference_high]).toEqual([range.low, range.high]);

      if (result.value_numeric === null) {
        expect(result.value_text).not.toBeNull();
        expect(result.flag).toBe(result.value_text === test!.text ? 'normal' : 'abnormal');
        continue;
      }
      const value = result.value_numeric;
      const expected =
        range.low !== null && value < range.low
          ? ['low', 'critical-low']
          : range.high !== null && value > range.high
            ? ['high', 'critical-high']
            : ['normal'];
      expect(expected, `${result.loinc_code} ${value}`).toContain(result.flag);
    }
  });

  it('gives diabetics diabetic HbA1c values', async () => {
    const diabetics = await rows<{ patient_id: string }>(
      "SELECT DISTINCT patient_id FROM problems WHERE snomed_code = ?1 AND status = 'active'",
      DIABETES_SNOMED,
    );
    expect(diabetics.length).toBeGreaterThan(0);
    for (const { patient_id } of diabetics) {
      const values = await rows<{ value_numeric: number }>(
        "SELECT value_numeric FROM results WHERE patient_id = ?1 AND loinc_code = '4548-4'",
        patient_id,
      );
      expect(values.length, patient_id).toBeGreaterThan(0);
      for (const { value_numeric } of values) expect(value_numeric).toBeGreaterThanOrEqual(6.5);
    }
    const others = await rows<{ value_numeric: number }>(
      "SELECT value_numeric FROM results WHERE loinc_code = '4548-4' AND patient_id NOT IN (SELECT patient_id FROM problems WHERE snomed_code = ?1)",
      DIABETES_SNOMED,
    );
    for (const { value_numeric } of others) expect(value_numeric).toBeLessThan(6.5);
  });

  it('gives kidney disease a low eGFR', async () => {
    const values = await rows<{ value_numeric: number }>(
      "SELECT value_numeric FROM results WHERE loinc_code = '98979-8' AND patient_id IN (SELECT patient_id FROM problems WHERE snomed_code = ?1)",
      CKD_SNOMED,
    );
    expect(values.length).toBeGreaterThan(0);
    for (const { value_numeric } of values) expect(value_numeric).toBeLessThan(60);
  });

  it('orders no PSA for female patients', async () => {
    const [count] = await rows<{ n: number }>(
      "SELECT COUNT(*) AS n FROM results r JOIN patients a ON a.id = r.patient_id WHERE r.loinc_code = '2857-1' AND a.sex_at_birth = 'female'",
    );
    expect(count?.n).toBe(0);
  });

  it('gives every child immunizations', async () => {
    const children = await rows<{ id: string; doses: number }>(
      'SELECT a.id, COUNT(i.id) AS doses FROM patients a LEFT JOIN immunizations i ON i.patient_id = a.id WHERE a.birth_date > ?1 GROUP BY a.id',
      adultBornBy,
    );
    expect(children.length).toBeGreaterThan(0);
    for (const child of children) expect(child.doses, child.id).toBeGreaterThan(0);
    const codes = await rows<{ cvx_code: string }>('SELECT DISTINCT cvx_code FROM immunizations');
    for (const { cvx_code } of codes) expect(cvx_code).toMatch(/^\d{2,3}$/);
  });

  it('marks mental-health items sensitive', async () => {
    const problems = await rows<{ snomed_code: string; sensitivity: string }>(
      'SELECT snomed_code, sensitivity FROM problems',
    );
    const mentalHealth = new Set(['35489007', '21897009']);
    for (const problem of problems) {
      expect(problem.sensitivity).toBe(
        mentalHealth.has(problem.snomed_code) ? 'mental-health' : 'normal',
      );
    }
    const [visits] = await rows<{ n: number }>(
      "SELECT COUNT(*) AS n FROM visits WHERE sensitivity = 'sexual-reproductive-health'",
    );
    expect(visits?.n).toBeGreaterThan(0);
  });

  it('writes timestamps as ISO instants and dates', async () => {
    const columns: [table: string, column: string, pattern: RegExp][] = [
      ['visits', 'started_at', INSTANT],
      ['results', 'released_at', INSTANT],
      ['results', 'viewed_at', INSTANT],
      ['messages', 'sent_at', INSTANT],
      ['messages', 'read_at', INSTANT],
      ['appointments', 'starts_at', INSTANT],
      ['patients', 'created_at', INSTANT],
      ['relationships', 'created_at', INSTANT],
      ['patients', 'birth_date', DATE],
      ['immunizations', 'given_on', DATE],
      ['medications', 'started_on', DATE],
      ['statements', 'issued_on', DATE],
    ];
    for (const [table, column, pattern] of columns) {
      const values = await rows<{ value: string | null }>(
        `SELECT "${column}" AS value FROM "${table}"`,
      );
      expect(values.length, table).toBeGreaterThan(0);
      for (const { value } of values)
        if (value !== null) expect(value, `${table}.${column}`).toMatch(pattern);
    }
  });

  it('books future appointments for most adults', async () => {
    const [adults] = await rows<{ n: number }>(
      'SELECT COUNT(*) AS n FROM patients WHERE birth_date <= ?1',
      adultBornBy,
    );
    const [booked] = await rows<{ n: number }>(
      "SELECT COUNT(DISTINCT a.id) AS n FROM patients a JOIN appointments b ON b.patient_id = a.id WHERE a.birth_date <= ?1 AND b.status = 'booked' AND b.starts_at > ?2",
      adultBornBy,
      `${REFERENCE_DATE}T23:59:59.999Z`,
    );
    expect(booked!.n * 2).toBeGreaterThan(adults!.n);
    const [misplaced] = await rows<{ n: number }>(
      "SELECT COUNT(*) AS n FROM appointments WHERE (status = 'booked' AND starts_at < ?1) OR (status <> 'booked' AND starts_at > ?1)",
      `${REFERENCE_DATE}T00:00:00.000Z`,
    );
    expect(misplaced?.n).toBe(0);
  });

  it('leaves new results and unread replies', async () => {
    const twoWeeksBefore = new Date(Date.parse(REFERENCE_DATE) - 14 * 86_400_000).toISOString();
    const [newResults] = await rows<{ n: number }>(
      'SELECT COUNT(*) AS n FROM results WHERE viewed_at IS NULL AND released_at >= ?1',
      twoWeeksBefore,
    );
    expect(newResults?.n).toBeGreaterThan(0);
    const [unread] = await rows<{ n: number }>(
      'SELECT COUNT(*) AS n FROM messages WHERE author_staff_id IS NOT NULL AND read_at IS NULL',
    );
    expect(unread?.n).toBeGreaterThan(0);
    const [orphans] = await rows<{ n: number }>(
      'SELECT COUNT(*) AS n FROM messages WHERE (author_staff_id IS NULL) = (author_person_id IS NULL)',
    );
    expect(orphans?.n).toBe(0);
  });

  it('totals statements from their lines', async () => {
    const statements = await rows<{
      amount_due_cents: number;
      owed: number;
      charged: number;
      covered: number;
    }>(
      `SELECT s.amount_due_cents, SUM(l.patient_owes_cents) AS owed, SUM(l.charge_cents) AS charged, SUM(l.insurance_paid_cents) AS covered
       FROM statements s JOIN statement_lines l ON l.statement_id = s.id GROUP BY s.id`,
    );
    expect(statements.length).toBeGreaterThan(0);
    for (const statement of statements) {
      expect(statement.amount_due_cents).toBe(statement.owed);
      expect(statement.charged).toBe(statement.covered + statement.owed);
    }
    const codes = await rows<{ cpt_code: string }>('SELECT DISTINCT cpt_code FROM statement_lines');
    for (const { cpt_code } of codes) expect(cpt_code).toMatch(/^\d{5}$/);
  });

  it('sends care-team replies during clinic hours', async () => {
    const replies = await rows<{ sent_at: string }>(
      'SELECT sent_at FROM messages WHERE author_staff_id IS NOT NULL',
    );
    expect(replies.length).toBeGreaterThan(0);
    const hourOf = new Intl.DateTimeFormat('en-US', {
      timeZone: 'America/Chicago',
      hour: 'numeric',
      hourCycle: 'h23',
    });
    for (const { sent_at } of replies) {
      const hour = Number(hourOf.format(new Date(sent_at)));
      expect(hour, sent_at).toBeGreaterThanOrEqual(8);
      expect(hour, sent_at).toBeLessThan(17);
    }
  });

  it('has medications prescribed only by prescribers', async () => {
    const prescribers = await rows<{ display_name: string }>(
      'SELECT DISTINCT s.display_name FROM medications m JOIN staff s ON s.id = m.prescriber_staff_id',
    );
    expect(prescribers.length).toBeGreaterThan(0);
    for (const { display_name } of prescribers) {
      expect(display_name).toMatch(/, (MD|DO|CPNP)$/);
    }
  });

  it('includes hard names', async () => {
    const names = await rows<{ name: string }>(
      "SELECT given_name || ' ' || family_name AS name FROM patients",
    );
    expect(names.some(({ name }) => name.includes("'"))).toBe(true);
    expect(names.some(({ name }) => name.includes('-'))).toBe(true);
    expect(names.some(({ name }) => /[^\x20-\x7e]/.test(name))).toBe(true);
    expect(names.some(({ name }) => name.length > 40)).toBe(true);
  });

  it('returns usable sign-in examples', async () => {
    const { patientEmail, parentEmail, parentChildren, staffEmail } = summary.signInExamples;
    expect(parentChildren.length).toBeGreaterThanOrEqual(2);
    const [parentGrants] = await rows<{ n: number }>(
      "SELECT COUNT(*) AS n FROM relationships r JOIN people p ON p.id = r.proxy_person_id WHERE p.email = ?1 AND r.kind = 'parent-of-minor' AND r.status = 'active'",
      parentEmail,
    );
    expect(parentGrants?.n).toBeGreaterThanOrEqual(2);
    const [plainGrants] = await rows<{ n: number }>(
      'SELECT COUNT(*) AS n FROM relationships r JOIN people p ON p.id = r.proxy_person_id OR r.patient_id IN (SELECT patient_id FROM person_patients WHERE person_id = p.id) WHERE p.email = ?1',
      patientEmail,
    );
    expect(plainGrants?.n).toBe(0);
    const [plainResults] = await rows<{ n: number }>(
      'SELECT COUNT(*) AS n FROM results r JOIN person_patients pp ON pp.patient_id = r.patient_id JOIN people p ON p.id = pp.person_id WHERE p.email = ?1',
      patientEmail,
    );
    expect(plainResults?.n).toBeGreaterThan(0);
    const [clinician] = await rows<{ role: string }>(
      'SELECT s.role FROM staff s JOIN people p ON p.id = s.person_id WHERE p.email = ?1',
      staffEmail,
    );
    expect(clinician?.role).toBe('clinician');
    expect(staffEmail).toMatch(/@clinic\.example\.org$/);
  });

  it('resets every table but the audit trail', async () => {
    await env.DB.prepare(
      "INSERT INTO audit_events (seq, at, actor_role, action, resource_type, outcome, reason, request_id, client_class) VALUES (999999, '2026-11-03T00:00:00.000Z', 'anonymous', 'test.event', 'test', 'success', 'test', 'request-1', 'unknown')",
    ).run();
    await resetDatabase(env.DB);

    for (const table of tablesInDeleteOrder()) {
      const name = getTableName(table);
      const [count] = await rows<{ n: number }>(`SELECT COUNT(*) AS n FROM "${name}"`);
      if (KEPT_ON_RESET.has(name)) continue;
      expect(count?.n, name).toBe(0);
    }
    const [audit] = await rows<{ n: number }>('SELECT COUNT(*) AS n FROM audit_events');
    expect(audit?.n).toBeGreaterThan(0);
  });
});
