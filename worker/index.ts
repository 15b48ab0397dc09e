import { drizzle } from 'drizzle-orm/d1';
import { Hono } from 'hono';
import { createMiddleware } from 'hono/factory';
import { requestId } from 'hono/request-id';
import * as schema from '../schema/index.ts';
import { accountSessions } from './account/sessions.tsx';
import { accountSettings } from './account/settings.tsx';
import { accountSharing } from './account/sharing.tsx';
import type { AppEnv } from './app.ts';
import { signChainHeadOnSchedule } from './audit/sign-head.ts';
import { passkeyCeremonies } from './auth/passkeys/ceremony-routes.ts';
import { enrollment } from './auth/enrollment.tsx';
import { invitations } from './auth/invitations.tsx';
import { fullPageLoad } from './auth/passkeys/full-page-load.ts';
import { keepAlive } from './auth/keep-alive.ts';
import { passkeyPages } from './auth/passkeys/manage.tsx';
import { recoveryCodePages } from './auth/passkeys/recovery-code.tsx';
import { recovery } from './auth/recovery.tsx';
import { stepUp } from './auth/passkeys/step-up.tsx';
import { requireSignIn } from './auth/require-sign-in.ts';
import { sessionMiddleware } from './auth/sessions.ts';
import { signIn } from './auth/sign-in.tsx';
import { proxyHome } from './chart/dashboard.tsx';
import { chartRoutes } from './chart/routes.ts';
import { readConfig } from './config.ts';
import { errorHandler, notFoundHandler } from './http/errors.tsx';
import { requireSameOrigin } from './http/same-origin.ts';
import { portalSecureHeaders } from './http/security-headers.ts';
import { stagingGuard } from './http/staging-guard.ts';
import { staticAssets } from './http/static.ts';
import { devOutbox } from './notify/dev-outbox.tsx';
import { notificationDelivery } from './notify/outbox.ts';
import { retryNotificationsOnSchedule } from './notify/retry.ts';
import { activationCodeRoutes } from './staff/activation-codes.tsx';
import { staffInvitationRoutes } from './staff/invitations.tsx';
import { privacyAuditRoutes } from './staff/privacy-audit.tsx';
import { privacyReviewRoutes } from './staff/privacy-review.tsx';
import { staffRecoveryRoutes } from './staff/recovery.tsx';
import { staffRoutes } from './staff/routes.ts';

const app = new Hono<AppEnv>();

app.use(requestId(), portalSecureHeaders());
app.use(stagingGuard());
app.use(
  createMiddleware<AppEnv>(async function portalContext(c, next) {
    c.set('config', readConfig(c.env));
    c.set('db', drizzle(c.env.DB, { schema }));
    await next();
    // Pages may contain PHI, so no cache may keep anything but the static assets.
    if (!c.res.headers.has('Cache-Control')) c.header('Cache-Control', 'no-store');
  }),
);
app.use(notificationDelivery());
app.route('/static', staticAssets);
// Browsers request a favicon on every first visit. The portal has none, so it returns an empty
// cached 204 instead of rendering the full "Page not found" page each time.
app.get('/favicon.ico', (c) => {
  c.header('Cache-Control', 'public, max-age=86400');
  return c.body(null, 204);
});
app.use(requireSameOrigin(), sessionMiddleware());

app.use('/sign-in', fullPageLoad());
app.use('/step-up', fullPageLoad());
app.use('/passkeys/new', fullPageLoad());
app.route('/', signIn);
app.route('/', enrollment);
app.route('/', invitations);
app.route('/', recovery);
app.route('/', keepAlive);
app.route('/', passkeyCeremonies);
app.route('/', recoveryCodePages);
app.route('/', passkeyPages);
app.route('/', stepUp);
app.get('/', requireSignIn(), (c) => {
  const person = c.var.person!;
  if (person.ownPatientId) return c.redirect(`/chart/${person.ownPatientId}`, 303);
  if (person.staffId) return c.redirect('/staff', 303);
  return proxyHome(c);
});
app.route('/chart/:patientId', chartRoutes);
app.route('/', accountSessions);
app.route('/', accountSettings);
app.route('/', accountSharing);
app.route('/', staffRecoveryRoutes);
app.route('/', activationCodeRoutes);
app.route('/', staffInvitationRoutes);
app.route('/', staffRoutes);
app.route('/', privacyAuditRoutes);
app.route('/', privacyReviewRoutes);
app.route('/', devOutbox);

app.notFound(notFoundHandler);
app.onError(errorHandler);

export { app };

// The cron trigger in wrangler.toml runs `scheduled`. It retries undelivered notifications first,
// so that the head signed next covers the failures they record, and then signs the audit chain
// head when it moved. A failed retry does not stop the signing, and is re-thrown after it.
async function scheduled(controller: ScheduledController, env: PortalBindings) {
  const retryError = await retryNotificationsOnSchedule(controller, env).then(
    () => null,
    (error: unknown) => error,
  );
  await signChainHeadOnSchedule(controller, env);
  if (retryError) throw retryError;
}

export default {
  fetch: app.fetch,
  scheduled,
} satisfies ExportedHandler<PortalBindings>;
