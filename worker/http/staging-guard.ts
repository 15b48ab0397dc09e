import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../app.ts';
import { log } from '../phi/log.ts';

/**
 * Email domains reserved for examples and tests by RFC 2606 and RFC 6761. A synthetic address
 * ends in one of these, or in a subdomain of one ("clinic.example.org").
 */
const RESERVED_EMAIL_DOMAINS = ['example.org', 'example.com', 'example.net', 'test', 'example'];

// A patient lacks the synthetic marks when any one of them is missing. The marks are the
// synthetic flag, the SYN- record number prefix, a phone number in the 555-0100 to 555-0199
// block reserved for fiction, and an email on a reserved domain. GLOB is case-sensitive, so a
// lower-case "syn-" prefix counts as missing, while LIKE on the domain ignores case.
const UNMARKED_PATIENTS_SQL = `SELECT COUNT(*) AS n FROM patients p
WHERE p.synthetic <> 1
   OR p.mrn NOT GLOB 'SYN-*'
   OR EXISTS (
     SELECT 1 FROM patient_contacts c
     WHERE c.patient_id = p.id
       AND ((c.kind = 'phone' AND c.value NOT GLOB '*555-01[0-9][0-9]')
         OR (c.kind = 'email' AND NOT (${reservedDomainCondition("lower(substr(c.value, instr(c.value, '@') + 1))")}))))`;

const UNMARKED_PAGE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Staging portal not serving</title></head>
<body>
<main>
<h1>This staging portal is not serving records</h1>
<p>This staging portal holds records that are not marked synthetic, so it is not serving them.</p>
<p>Staging may hold only synthetic patients. Ask the team that runs staging to remove the unmarked records, or to reset the database and seed it again.</p>
</main>
</body>
</html>`;

/**
 * Stops a staging worker from serving a database that contains any patient without the
 * synthetic marks, because staging is open to people who may not see real PHI. Outside staging
 * it does nothing. The check runs before the first request an isolate serves and again on every
 * request until it passes. A passed check is kept in module memory, since patients are never
 * unmarked by the portal itself.
 *
 * @example
 * app.use(stagingGuard());
 */
export const stagingGuard = () => {
  let verified = false;
  let reported = false;

  return createMiddleware<AppEnv>(async function stagingGuard(c, next) {
    if (verified || c.env.ENVIRONMENT !== 'staging') return next();

    const unmarked = await countUnmarkedPatients(c.env.DB);
    if (unmarked === 0) {
      verified = true;
      return next();
    }

    // One line per isolate is enough to raise the alarm. It carries the count, never a row.
    if (!reported) {
      reported = true;
      log('error', 'staging.unmarked_patients', { count: unmarked });
    }
    c.header('Cache-Control', 'no-store');
    return c.html(UNMARKED_PAGE, 503);
  });
};

/** Counts patients that lack at least one synthetic mark. */
export async function countUnmarkedPatients(db: D1Database): Promise<number> {
  const row = await db.prepare(UNMARKED_PATIENTS_SQL).first<{ n: number }>();
  return row?.n ?? 0;
}

function reservedDomainCondition(domain: string): string {
  return RESERVED_EMAIL_DOMAINS.map(
    (reserved) => `${domain} = '${reserved}' OR ${domain} LIKE '%.${reserved}'`,
  ).join(' OR ');
}
