import { eq } from 'drizzle-orm';
import { Hono, type Context } from 'hono';
import { people } from '../../schema/index.ts';
import { SettingsPage } from '../../views/pages/settings.tsx';
import type { AppEnv } from '../app.ts';
import { appendAuditEvent } from '../audit/append.ts';
import { hasPasskey } from '../auth/passkeys/registration.ts';
import { requireSignIn } from '../auth/require-sign-in.ts';
import { NotFound } from '../http/errors.tsx';
import { pageChrome, renderPage } from '../http/render.ts';

/** The signed-in patient's settings for their own chart: "always require my passkey". */
export const accountSettings = new Hono<AppEnv>();

accountSettings.use('/account/settings', requireSignIn(), ownChartOnly);
accountSettings.use('/account/settings/*', requireSignIn(), ownChartOnly);

const NOTICES: Record<string, string> = {
  on: 'Your health record now always needs your passkey.',
  off: 'Your health record no longer needs your passkey after you sign in with a code.',
};
const NO_PASSKEY = {
  field: 'require-passkey',
  message: 'Add a passkey before you turn this on, so that you can still open your record.',
};

accountSettings.get('/account/settings', async (c) => {
  const person = c.var.person!;
  const db = c.var.db;
  const [setting] = await db
    .select({ requirePasskey: people.requirePasskey })
    .from(people)
    .where(eq(people.id, person.personId));

  const model = {
    requirePasskey: setting?.requirePasskey ?? false,
    hasPasskey: await hasPasskey(db, person.personId),
    notice: NOTICES[c.req.query('notice') ?? ''] ?? null,
    errors: c.req.query('error') === 'no-passkey' ? [NO_PASSKEY] : [],
  };
  return renderPage(c, <SettingsPage chrome={pageChrome(c, 'Account settings')} model={model} />);
});

accountSettings.post('/account/settings/require-passkey', async (c) => {
  const person = c.var.person!;
  // AAL2 both ways: turning it off must not be possible with an emailed code alone, and turning
  // it on proves the person has a working passkey, so they cannot lock themselves out.
  if (person.assuranceLevel !== 'AAL2') {
    return c.redirect(`/step-up?${new URLSearchParams({ return: '/account/settings' })}`, 303);
  }
  const form = await c.req.parseBody();
  const turnOn = form['require-passkey'] === 'on';
  if (turnOn && !(await hasPasskey(c.var.db, person.personId))) {
    return c.redirect('/account/settings?error=no-passkey', 303);
  }

  // The event is written first, so the setting never changes without its audit event.
  await appendAuditEvent(c, {
    actorPersonId: person.personId,
    actorRole: 'self',
    action: 'setting.require-passkey',
    resourceType: 'person',
    resourceId: person.personId,
    patientId: person.ownPatientId,
    outcome: 'success',
    reason: turnOn ? 'turned-on' : 'turned-off',
  });
  await c.var.db
    .update(people)
    .set({ requirePasskey: turnOn })
    .where(eq(people.id, person.personId));
  return c.redirect(`/account/settings?notice=${turnOn ? 'on' : 'off'}`, 303);
});

// The setting guards the person's own chart, so a person without one (a proxy or staff member
// only) has no settings page.
async function ownChartOnly(c: Context<AppEnv>, next: () => Promise<void>) {
  if (!c.var.person?.ownPatientId) throw new NotFound();
  await next();
}
