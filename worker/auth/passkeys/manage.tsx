import { and, count, eq, gt, isNull, lte, or } from 'drizzle-orm';
import { Hono, type Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
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
import { proxyBlockedSince } from '../recovery-session.ts';
import { needsStepUpToAddPasskey } from './registration.ts';

/** The passkeys page: list, add, rename and remove the signed-in person's passkeys. */
export const passkeyPages = new Hono<AppEnv>();

passkeyPages.use('/passkeys', requireSignIn());
passkeyPages.use('/passkeys/*', requireSignIn());

// Keeps a rejected name for one minute between the failed POST and the page it redirects to.
const TYPED_NAME_COOKIE = 'passkey-name';
const MAX_NAME_LENGTH = 60;

// Errors travel from a failed POST to the list page as a code in the query string, so the
// address bar shows /passkeys (a reload works) and no typed text reaches a URL or a log.
const ERROR_MESSAGES = {
  'name-missing': 'Enter a name for the passkey, like My phone',
  'name-too-long': `Enter a name of ${MAX_NAME_LENGTH} characters or fewer`,
  'last-passkey-staff':
    'You cannot remove your only passkey, because staff need a passkey to open patient records. Add another passkey first, then remove this one.',
  'last-passkey-proxy':
    'You cannot remove your only passkey, because you need one to open the records of people you help care for. Add another passkey first, then remove this one.',
} as const;
type ErrorCode = keyof typeof ERROR_MESSAGES;

const NOTICES: Record<string, string> = {
  renamed: 'Your passkey has a new name.',
  removed: 'The passkey is removed. It can no longer be used to sign in.',
  recovered:
    'You are signed in. Add a new passkey now. Then remove the passkey you lost, so that nobody who finds it can use it.',
};

const nameSchema = z.string().trim().min(1, 'name-missing').max(MAX_NAME_LENGTH, 'name-too-long');

passkeyPages.get('/passkeys', async (c) => {
  const errorCode = c.req.query('error');
  const passkeyId = c.req.query('passkey') ?? '';
  const typed = getCookie(c, TYPED_NAME_COOKIE, 'host');
  if (typed !== undefined)
    deleteCookie(c, TYPED_NAME_COOKIE, { prefix: 'host', path: '/', secure: true });

  const errors: FormError[] = [];
  if (errorCode && errorCode in ERROR_MESSAGES && passkeyId) {
    const field = errorCode.startsWith('name-') ? `name-${passkeyId}` : `passkey-${passkeyId}`;
    errors.push({ field, message: ERROR_MESSAGES[errorCode as ErrorCode] });
  }
  const typedName = typed !== undefined && errors.length > 0 ? { passkeyId, value: typed } : null;
  return renderList(c, errors, NOTICES[c.req.query('notice') ?? ''] ?? null, typedName);
});

passkeyPages.get('/passkeys/new', async (c) => {
  const returnTo = safeReturnPath(c.req.query('return'));
  // Adding a second passkey needs the first one (see the registration options route).
  if (await needsStepUpToAddPasskey(c)) return redirectToStepUp(c);

  const model = { returnTo, neededForReturn: returnTo !== null };
  return renderPage(c, <AddPasskeyPage chrome={pageChrome(c, 'Add a passkey')} model={model} />);
});

passkeyPages.post('/passkeys/:id/rename', async (c) => {
  const person = c.var.person!;
  const id = c.req.param('id');
  // Renaming and removing need AAL2, so an emailed code alone cannot change how a person's
  // passkeys are listed or take away the one they rely on.
  if (person.assuranceLevel !== 'AAL2') return stepUpToList(c);

  const form = await c.req.parseBody();
  const typed = typeof form[`name-${id}`] === 'string' ? (form[`name-${id}`] as string) : '';
  const parsed = nameSchema.safeParse(typed);
  if (!parsed.success) {
    setCookie(c, TYPED_NAME_COOKIE, typed.slice(0, 200), {
      prefix: 'host',
      httpOnly: true,
      secure: true,
      sameSite: 'Strict',
      path: '/',
      maxAge: 60,
    });
    return redirectWithError(c, parsed.error.issues[0]!.message as ErrorCode, id);
  }

  const renamed = await c.var.db
    .update(passkeys)
    .set({ name: parsed.data })
    .where(and(eq(passkeys.id, id), eq(passkeys.personId, person.personId)))
    .returning({ id: passkeys.id });
  if (renamed.length === 0) throw new NotFound();
  return c.redirect('/passkeys?notice=renamed', 303);
});

passkeyPages.post('/passkeys/:id/remove', async (c) => {
  const person = c.var.person!;
  const id = c.req.param('id');
  const db = c.var.db;
  if (person.assuranceLevel !== 'AAL2') return stepUpToList(c);

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
    return redirectWithError(c, rejection, id);
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
  return c.redirect('/passkeys?notice=removed', 303);
});

async function renderList(
  c: Context<AppEnv>,
  errors: FormError[],
  notice: string | null,
  typedName: { passkeyId: string; value: string } | null,
) {
  const personId = c.var.person!.personId;
  const rows = await c.var.db
    .select({
      id: passkeys.id,
      name: passkeys.name,
      createdAt: passkeys.createdAt,
      lastUsedAt: passkeys.lastUsedAt,
    })
    .from(passkeys)
    .where(eq(passkeys.personId, personId))
    .orderBy(passkeys.createdAt);
  // An error about a passkey that is not in the list (removed, or another person's id typed
  // into the address bar) has no field to point at, so it is not shown.
  const shown = errors.filter((error) => rows.some((row) => error.field.endsWith(`-${row.id}`)));

  const model = {
    passkeys: rows,
    errors: shown,
    notice,
    typedName,
    proxyBlocked: (await proxyBlockedSince(c, personId)) !== null,
    hasOwnChart: c.var.person!.ownPatientId !== null,
  };
  return renderPage(c, <PasskeysPage chrome={pageChrome(c, 'Your passkeys')} model={model} />);
}

function redirectWithError(c: Context<AppEnv>, error: ErrorCode, passkeyId: string) {
  return c.redirect(`/passkeys?${new URLSearchParams({ error, passkey: passkeyId })}`, 303);
}

/**
 * Sends an AAL1 person to step up and back to the list. The return path is the list rather
 * than the POST's own path, which has no page to return to.
 */
function stepUpToList(c: Context<AppEnv>) {
  const target = `/step-up?${new URLSearchParams({ return: '/passkeys' })}`;
  if (c.req.header('hx-request')) {
    c.header('HX-Redirect', target);
    return c.body(null, 200);
  }
  return c.redirect(target, 303);
}

/** Returns why the person's last passkey may not be removed, or null when it may. */
async function lastPasskeyRejection(c: Context<AppEnv>): Promise<ErrorCode | null> {
  const person = c.var.person!;
  const db = c.var.db;
  const [{ total }] = (await db
    .select({ total: count() })
    .from(passkeys)
    .where(eq(passkeys.personId, person.personId))) as [{ total: number }];
  if (total > 1) return null;

  if (person.staffId) return 'last-passkey-staff';
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
  return proxy ? 'last-passkey-proxy' : null;
}
