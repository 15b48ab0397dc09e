import { Hono } from 'hono';
import { RecoveryCodePage } from '../../../views/pages/recovery-code.tsx';
import type { AppEnv } from '../../app.ts';
import { appendAuditEvent } from '../../audit/append.ts';
import { pageChrome, renderPage } from '../../http/render.ts';
import { safeReturnPath } from '../../http/return-path.ts';
import { holdCodeForDisplay, replaceRecoveryCode, takeCodeForDisplay } from '../recovery-codes.ts';
import { requireSignIn } from '../require-sign-in.ts';

/**
 * Shows a new recovery code once, and makes a new one on request. Registering the first passkey
 * makes the first code (see ceremony-routes.ts).
 */
export const recoveryCodePages = new Hono<AppEnv>();

recoveryCodePages.use('/passkeys/recovery-code', requireSignIn());

recoveryCodePages.get('/passkeys/recovery-code', (c) => {
  const returnTo = safeReturnPath(c.req.query('return'));
  // The code lives only in the cookie, which this read deletes, so a reload or the back button
  // shows the "already shown" text rather than the code.
  const code = takeCodeForDisplay(c);
  return renderPage(
    c,
    <RecoveryCodePage
      chrome={pageChrome(c, 'Your recovery code')}
      model={{ code, returnTo: returnTo ?? '/passkeys' }}
    />,
  );
});

recoveryCodePages.post('/passkeys/recovery-code', async (c) => {
  const person = c.var.person!;
  // A new code replaces the old one, so only someone holding a passkey (AAL2) may make it:
  // otherwise a person who read an emailed code could set a recovery code of their own.
  if (person.assuranceLevel !== 'AAL2') {
    return c.redirect(`/step-up?${new URLSearchParams({ return: '/passkeys' })}`, 303);
  }

  // The event is written first, so no code is replaced without its audit event.
  await appendAuditEvent(c, {
    actorPersonId: person.personId,
    actorRole: 'self',
    action: 'recovery-code.created',
    resourceType: 'recovery-code',
    outcome: 'success',
    reason: 'replaced-by-owner',
  });
  holdCodeForDisplay(c, await replaceRecoveryCode(c, person.personId));
  return c.redirect('/passkeys/recovery-code', 303);
});
