// Issues an activation code for one synthetic patient without an account in the local D1, so
// that a person running `npm start` can try enrollment at /enroll. Development only: it writes
// through `wrangler d1 execute --local` and hashes the code with the pepper from .dev.vars,
// exactly as worker/auth/enrollment-codes.ts does.
import { spawnSync } from 'node:child_process';
import { createHmac, randomBytes, randomInt } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEnv } from 'node:util';

// The same unambiguous alphabet and shape as generateActivationCode() in the worker.
const ALPHABET = 'ABCDEFGHJKMNPQRSTWXYZ23456789';
const LIFETIME_MS = 30 * 24 * 60 * 60_000;

/**
 * Picks the first adult synthetic patient with an email on file and no account, revokes that
 * patient's older unused codes, inserts a new one and returns { code, birthDate, lastName }, or
 * null when every patient already has an account. Also writes the result to
 * `${stateDir}/enrollment-example.json` for the browser tests.
 */
export function issueDevActivationCode({ root, stateDir, env }) {
  const pepper = parseEnv(readFileSync(join(root, '.dev.vars'), 'utf8')).SESSION_PEPPER;
  if (!pepper) throw new Error('.dev.vars has no SESSION_PEPPER; run npm start to create it');

  const adultBorn = new Date(Date.now() - 19 * 365.25 * 86_400_000).toISOString().slice(0, 10);
  const [patient] = query(root, stateDir, env, [
    'select p.id, p.birth_date, p.family_name from patients p',
    'where p.synthetic = 1',
    `and p.birth_date <= '${adultBorn}'`,
    'and not exists (select 1 from person_patients pp where pp.patient_id = p.id)',
    "and exists (select 1 from patient_contacts c where c.patient_id = p.id and c.kind = 'email')",
    // Not an email that already signs in as a proxy, so enrollment creates a new account.
    'and not exists (select 1 from patient_contacts c join people pe on pe.email = lower(c.value)',
    "  where c.patient_id = p.id and c.kind = 'email')",
    'order by p.id limit 1',
  ]);
  if (!patient) return null;

  const code = randomCode();
  const codeHash = createHmac('sha256', pepper)
    .update(['activation-code', code.replace(/-/g, '')].join('\u0000'))
    .digest('hex');
  const now = new Date();
  const id = randomBytes(16).toString('hex');
  query(root, stateDir, env, [
    `update activation_codes set revoked_at = '${now.toISOString()}'`,
    `where patient_id = ${sqlText(patient.id)} and used_at is null and revoked_at is null;`,
    'insert into activation_codes (id, patient_id, code_hash, created_at, expires_at)',
    `values ('${id}', ${sqlText(patient.id)}, '${codeHash}', '${now.toISOString()}',`,
    `'${new Date(now.getTime() + LIFETIME_MS).toISOString()}');`,
  ]);

  const example = { code, birthDate: patient.birth_date, lastName: patient.family_name };
  writeFileSync(join(stateDir, 'enrollment-example.json'), JSON.stringify(example), {
    mode: 0o600,
  });
  return example;
}

function randomCode() {
  const characters = Array.from({ length: 12 }, () => ALPHABET[randomInt(ALPHABET.length)]);
  return [0, 4, 8].map((start) => characters.slice(start, start + 4).join('')).join('-');
}

function sqlText(value) {
  return `'${String(value).replace(/'/g, "''")}'`;
}

function query(root, stateDir, env, lines) {
  const args = ['wrangler', 'd1', 'execute', 'DB', '--local', '--persist-to', stateDir, '--json'];
  const result = spawnSync('npx', [...args, '--command', lines.join(' ')], {
    cwd: root,
    env,
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    throw new Error(`wrangler d1 execute failed (exit ${result.status}): ${result.stderr}`);
  }
  const batches = JSON.parse(result.stdout);
  return batches[0]?.results ?? [];
}
