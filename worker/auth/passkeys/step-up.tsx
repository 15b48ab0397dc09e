import { Hono } from 'hono';
import { StepUpPage } from '../../../views/pages/step-up.tsx';
import type { AppEnv } from '../../app.ts';
import { pageChrome, renderPage } from '../../http/render.ts';
import { safeReturnPath } from '../../http/return-path.ts';
import { requireSignIn } from '../require-sign-in.ts';
import { mayAddPasskeyAfterRecovery, proxyBlockedSince } from '../recovery-session.ts';
import { hasPasskey } from './registration.ts';

/**
 * The AAL2 step-up page, /step-up?return=<relative path>. A person without a passkey is sent to
 * add one first, which raises the session too. A return path that is not a path on this site
 * is dropped, so the person lands on home instead.
 */
export const stepUp = new Hono<AppEnv>();

stepUp.get('/step-up', requireSignIn(), async (c) => {
  const person = c.var.person!;
  const returnTo = safeReturnPath(c.req.query('return'));
  if (person.assuranceLevel === 'AAL2') return c.redirect(returnTo ?? '/', 303);

  // After a recovery the person's passkey is lost, so they add a new one instead.
  if (!(await hasPasskey(c.var.db, person.personId)) || (await mayAddPasskeyAfterRecovery(c))) {
    const query = returnTo ? `?${new URLSearchParams({ return: returnTo })}` : '';
    return c.redirect(`/passkeys/new${query}`, 303);
  }

  // A person who recovered but left before adding a passkey cannot step up with the lost one,
  // and an emailed code alone must not add a passkey, so the page points to the staff reset.
  const recoveredWithoutNewPasskey = (await proxyBlockedSince(c, person.personId)) !== null;
  return renderPage(
    c,
    <StepUpPage
      chrome={pageChrome(c, 'Confirm it is you')}
      model={{ returnTo, recoveredWithoutNewPasskey }}
    />,
  );
});
