import type { D1Database } from '@cloudflare/workers-types';
import { getTableName } from 'drizzle-orm';
import { addYears } from './dates.ts';
import { SEED_TABLES } from './rows.ts';
import type { SignInExamples } from './summary.ts';

/** A summary of rows already in a database, for when the seeder keeps existing data. */
export interface ExistingSummary {
  patients: number;
  rows: Record<string, number>;
  signInExamples: SignInExamples;
}

/** Counts the patients in a migrated database. */
export async function countPatients(d1: D1Database): Promise<number> {
  const row = await d1.prepare('SELECT COUNT(*) AS n FROM patients').first<{ n: number }>();
  return row?.n ?? 0;
}

/**
 * Reads row counts and sign-in examples from a seeded database, choosing the examples by the
 * same rules as a fresh seed. `today` decides who is a minor and which grants are current.
 */
export async function summarizeDatabase(d1: D1Database, today: string): Promise<ExistingSummary> {
  const rows: Record<string, number> = {};
  for (const { table } of SEED_TABLES) {
    const name = getTableName(table);
    const row = await d1.prepare(`SELECT COUNT(*) AS n FROM "${name}"`).first<{ n: number }>();
    rows[name] = row?.n ?? 0;
  }
  return {
    patients: rows.patients ?? 0,
    rows,
    signInExamples: await findSignInExamples(d1, today),
  };
}

async function findSignInExamples(d1: D1Database, today: string): Promise<SignInExamples> {
  const adultBorn = addYears(today, -18);

  const staff = await d1
    .prepare(
      `SELECT p.email FROM staff s JOIN people p ON p.id = s.person_id WHERE s.role = 'clinician' ORDER BY p.email LIMIT 1`,
    )
    .first<{ email: string }>();

  const parent = await d1
    .prepare(
      `SELECT p.id, p.email FROM relationships r
         JOIN people p ON p.id = r.proxy_person_id
         JOIN patients c ON c.id = r.patient_id
         JOIN person_patients own ON own.person_id = p.id
         JOIN patients parent ON parent.id = own.patient_id
       WHERE r.kind = 'parent-of-minor' AND r.status = 'active' AND r.restrictions IS NULL
         AND c.birth_date > ?1
       GROUP BY p.id HAVING COUNT(*) >= 2
       ORDER BY MIN(parent.mrn) LIMIT 1`,
    )
    .bind(adultBorn)
    .first<{ id: string; email: string }>();

  const children = parent
    ? await d1
        .prepare(
          `SELECT c.given_name || ' ' || c.family_name AS name FROM relationships r
             JOIN patients c ON c.id = r.patient_id
           WHERE r.proxy_person_id = ?1 AND r.kind = 'parent-of-minor' AND r.status = 'active'
             AND r.restrictions IS NULL AND c.birth_date > ?2
           ORDER BY c.mrn`,
        )
        .bind(parent.id, adultBorn)
        .all<{ name: string }>()
    : null;

  const plain = await d1
    .prepare(
      `SELECT p.email FROM person_patients pp
         JOIN people p ON p.id = pp.person_id
         JOIN patients a ON a.id = pp.patient_id
       WHERE a.birth_date <= ?1
         AND NOT EXISTS (SELECT 1 FROM relationships r WHERE r.proxy_person_id = p.id OR r.patient_id = a.id)
         AND EXISTS (SELECT 1 FROM results x WHERE x.patient_id = a.id)
       ORDER BY a.mrn LIMIT 1`,
    )
    .bind(adultBorn)
    .first<{ email: string }>();

  return {
    patientEmail: plain?.email ?? null,
    parentEmail: parent?.email ?? null,
    parentChildren: children?.results.map((child) => child.name) ?? [],
    staffEmail: staff?.email ?? null,
    // NOTE: the examples of each hard-case kind are found only while generating. A summary
    // rebuilt from an existing database lists none until `npm run seed -- --reset` runs.
    roles: [],
  };
}
