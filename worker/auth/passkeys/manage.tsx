import { and, count, eq, gt, isNull, lte, or } from 'drizzle-orm';
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { passkeys, relationships } from '../../../schema/index.ts';
import { AddPasskeyPage } from '../../../views/pages/add-passkey.tsx';
import { PasskeysPage } from '../../../views/pages/passkeys.tsx';
import type { FormError } from '../../../views/models.ts';
import { calendarDate } from '../../access/policy.ts';
import type { AppEnv } from '../../app.ts';
import { appendAuditEvent } from '../../audit/append.ts';
import { NotFound } from '../../http/errors.tsx';
import { pageChrome, renderPage } from '../../http/render.ts';
import { safeReturnPath } from '../../http/return-path.ts';
import { redirectToStepUp } from '../require-assurance.ts';
import { requireSignIn } from '../require-sign-in.ts';
import { hasPasskey } from './registration.ts';

/** The passkeys page: list, add, rename and remove the signed-in person's passkeys. */
export const passkeyPages = new Hono<AppEnv>();

passkeyPages.use('/passkeys', requireSignIn());
passkeyPages.use('/passkeys/*', requireSignIn());

const nameSchema = z
  .string()
  .trim()
  .min(1, 'Enter a name for the passkey, like My phone')
  .max(60, 'Enter a name of 60 characters or fewer');

passkeyPages.get('/passkeys', async (c) => renderList(c, [], null));

passkeyPages.get('/passkeys/new', async (c) => {
  const returnTo = safeReturnPath(c.req.query('return'));
  // Adding a second passkey needs the first one (see the registration options route).
  const person = c.var.person!;
  if (person.assuranceLevel !== 'AAL2' && (await hasPasskey(c.var.db, person.personId))) {
    return redirectToStepUp(c);
  }

  const model = { returnTo, neededForReturn: returnTo !== null };
  return renderPage(c, <AddPasskeyPage chrome={pageChrome(c, 'Add a passkey')} model={model} />);
});

passkeyPages.post('/passkeys/:id/rename', async (c) => {
  const person = c.var.person!;
  const id = c.req.param('id');
  const form = await c.req.parseBody();
  const field = `name-${id}`;

  const parsed = nameSchema.safeParse(typeof form[field] === 'string' ? form[field] : '');
  if (!parsed.success) {
    return renderList(c, [{ field, message: parsed.error.issues[0]!.message }], null, 400);
  }
  const renamed = await c.var.db
    .update(passkeys)
    .set({ name: parsed.data })
    .where(and(eq(passkeys.id, id), eq(passkeys.personId, person.personId)))
    .returning({ id: passkeys.id });
  if (renamed.length === 0) throw new NotFound();
  return c.redirect('/passkeys', 303);
});

passkeyPages.post('/passkeys/:id/remove', async (c) => {
  const person = c.var.person!;
  const id = c.req.param('id');
  const db = c.var.db;

  const [owned] = await db
    .select({ id: passkeys.id })
    .from(passkeys)
    .where(and(eq(passkeys.id, id), eq(passkeys.personId, person.personId)));
  if (!owned) throw new NotFound();

  // Staff and proxies need AAL2 for every chart they open, so their last passkey stays until
  // they add another: without it they could not open those charts.
  const rejection = await lastPasskeyRejection(c);
  if (rejection) {
    await appendAuditEvent(c, {
      actorPersonId: person.personId,
      actorRole: 'self',
      action: 'passkey.remove-refused',
      resourceType: 'passkey',
      resourceId: id,
      outcome: 'failure',
      reason: 'last-passkey',
    });
    return renderList(c, [{ field: `passkey-${id}`, message: rejection }], null, 400);
  }

  // The event is written first, so no passkey disappears without its audit event.
  await appendAuditEvent(c, {
    actorPersonId: person.personId,
    actorRole: 'self',
    action: 'passkey.removed',
    resourceType: 'passkey',
    resourceId: id,
    outcome: 'success',
    reason: 'removed-by-owner',
  });
  await db.delete(passkeys).where(and(eq(passkeys.id, id), eq(passkeys.personId, person.personId)));
  return c.redirect('/passkeys', 303);
});

async function renderList(
  c: Context<AppEnv>,
  errors: FormError[],
  notice: string | null,
  status: 200 | 400 = 200,
) {
  const rows = await c.var.db
    .select({
      id: passkeys.id,
      name: passkeys.name,
      createdAt: passkeys.createdAt,
      lastUsedAt: passkeys.lastUsedAt,
    })
    .from(passkeys)
    .where(eq(passkeys.personId, c.var.person!.personId))
    .orderBy(passkeys.createdAt);
  const model = { passkeys: rows, errors, notice };
  return renderPage(
    c,
    <PasskeysPage chrome={pageChrome(c, 'Your passkeys')} model={model} />,
    status,
  );
}

/** Returns why the person's last passkey may not be removed, or null when it may. */
async function lastPasskeyRejection(c: Context<AppEnv>): Promise<string | null> {
  const person = c.var.person!;
  const db = c.var.db;
  const [{ total }] = (await db
    .select({ total: count() })
    .from(passkeys)
    .where(eq(passkeys.personId, person.personId))) as [{ total: number }];
  if (total > 1) return null;

  if (person.staffId) {
    return 'You cannot remove your only passkey, because staff need a passkey to open patient records. Add another passkey first, then remove this one.';
  }
  const today = calendarDate(new Date(), c.var.config.clinicTimeZone);
  const [proxy] = await db
    .select({ id: relationships.id })
    .from(relationships)
    .where(
      and(
        eq(relationships.proxyPersonId, person.personId),
        eq(relationships.status, 'active'),
        lte(relationships.validFrom, today),
        or(isNull(relationships.validTo), gt(relationships.validTo, today)),
      ),
    )
    .limit(1);
  if (proxy) {
    return 'You cannot remove your only passkey, because you need one to open the records of people you help care for. Add another passkey first, then remove this one.';
  }
  return null;
}
