import { and, eq, isNull } from 'drizzle-orm';
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { people, proxyConsents, proxyInvitations, relationships } from '../../schema/index.ts';
import { SharingPage, type SharingModel } from '../../views/pages/sharing.tsx';
import type { FormError } from '../../views/models.ts';
import { addMonths, calendarDate } from '../access/calendar.ts';
import { isParentalKind } from '../access/proxy-rules.ts';
import { SCOPES } from '../access/scopes.ts';
import type { AppEnv } from '../app.ts';
import { appendAuditEvent } from '../audit/append.ts';
import { randomToken } from '../auth/crypto.ts';
import { sendInvitation } from '../auth/invitations-store.ts';
import { requireSignIn } from '../auth/require-sign-in.ts';
import { NotFound } from '../http/errors.tsx';
import { accountKey, consumeRateLimit, tooManyTriesMessage } from '../http/rate-limit.ts';
import { pageChrome, renderPage } from '../http/render.ts';
import { openSharing, requireChangeAssurance, type SharingEnv } from './sharing-guard.ts';
import { loadSharingModel, REVOCABLE_KINDS, type SharingFacts } from './sharing-model.ts';

/**
 * "Who can see your record", /account/sharing: the signed-in patient's own proxies and
 * invitations. An adult invites, cancels, revokes and renews; a teen grants or withdraws a
 * parent's view of the sensitive parts. Every change needs AAL2 when the patient has a
 * passkey, and a teen's consent always needs AAL2.
 */
export const accountSharing = new Hono<SharingEnv>();

const emailSchema = z
  .string()
  .trim()
  .min(1, 'Enter their email address')
  .max(254, 'Enter an email address of 254 characters or fewer')
  .pipe(z.email('Enter an email address in the correct format, like name@example.org'));

accountSharing.use('/account/sharing', requireSignIn(), openSharing());
accountSharing.use('/account/sharing/*', requireSignIn(), openSharing());

accountSharing.get('/account/sharing', async (c) => {
  const facts = c.var.sharing!;
  const model = await loadSharingModel(c, facts, { email: '', scopes: [], errors: [] });
  model.notice = NOTICES[c.req.query('done') ?? ''] ?? null;

  // The list names the people who act for the patient, so viewing it is audited like a chart
  // page, with the decision's reason.
  await auditChange(c, facts, 'sharing.view', 'relationship', null, 'allow');
  return renderSharing(c, model);
});

accountSharing.post('/account/sharing/invitations', requireChangeAssurance('adult'), async (c) => {
  const facts = c.var.sharing!;
  const form = await c.req.parseBody({ all: true });
  const typedEmail = typeof form.email === 'string' ? form.email : '';
  const chosen = [form.scopes ?? []].flat().filter((value) => typeof value === 'string');

  const errors: FormError[] = [];
  const email = emailSchema.safeParse(typedEmail);
  if (!email.success) errors.push({ field: 'email', message: email.error.issues[0]!.message });
  const scopes = SCOPES.filter((scope) => chosen.includes(scope));
  if (scopes.length === 0) {
    errors.push({ field: 'scopes', message: 'Choose at least one thing they can do' });
  }
  if (email.success && (await isOwnEmail(c, email.data))) {
    errors.push({ field: 'email', message: 'Enter the email address of the person you invite' });
  }
  if (email.success && errors.length === 0) {
    const check = await consumeRateLimit(c, 'code-send:account', await accountKey(c, email.data));
    if (check.limited) {
      errors.push({ field: 'email', message: tooManyTriesMessage(check.retryAfterMinutes) });
    }
  }
  if (errors.length > 0 || !email.success) {
    const model = await loadSharingModel(c, facts, { email: typedEmail, scopes: chosen, errors });
    return renderSharing(c, model, 400);
  }

  await sendInvitation(c, {
    patientId: facts.patientId,
    email: email.data,
    kind: 'adult-designated-proxy',
    scopes,
    legalBasis: 'Chosen by the patient in the portal',
    sender: { personId: c.var.person!.personId },
  });
  return c.redirect('/account/sharing?done=invited', 303);
});

accountSharing.post(
  '/account/sharing/invitations/:id/cancel',
  requireChangeAssurance('adult'),
  async (c) => {
    const facts = c.var.sharing!;
    const id = c.req.param('id');
    const [open] = await c.var.db
      .select({ id: proxyInvitations.id })
      .from(proxyInvitations)
      .where(openInvitationOf(facts.patientId, id));
    if (!open) throw new NotFound();

    await auditChange(c, facts, 'invitation.cancel', 'proxy-invitation', id, 'success');
    await c.var.db
      .update(proxyInvitations)
      .set({ revokedAt: new Date().toISOString() })
      .where(openInvitationOf(facts.patientId, id));
    return c.redirect('/account/sharing?done=cancelled', 303);
  },
);

accountSharing.post(
  '/account/sharing/relationships/:id/revoke',
  requireChangeAssurance('adult'),
  async (c) => {
    const facts = c.var.sharing!;
    const relationship = await loadOwnRelationship(c, facts, c.req.param('id'));
    if (relationship.status !== 'active') throw new NotFound();
    if (!(REVOCABLE_KINDS as readonly string[]).includes(relationship.kind)) throw new NotFound();

    await auditChange(c, facts, 'relationship.revoke', 'relationship', relationship.id, 'success');
    await c.var.db
      .update(relationships)
      .set({ status: 'revoked' })
      .where(
        and(eq(relationships.id, relationship.id), eq(relationships.patientId, facts.patientId)),
      );
    return c.redirect('/account/sharing?done=revoked', 303);
  },
);

accountSharing.post(
  '/account/sharing/relationships/:id/renew',
  requireChangeAssurance('adult'),
  async (c) => {
    const facts = c.var.sharing!;
    const relationship = await loadOwnRelationship(c, facts, c.req.param('id'));
    const renewable = relationship.status === 'active' || relationship.status === 'expired';
    if (relationship.kind !== 'adult-designated-proxy' || !renewable) throw new NotFound();

    const { config } = c.var;
    const today = calendarDate(new Date(), config.clinicTimeZone);
    await auditChange(c, facts, 'relationship.renew', 'relationship', relationship.id, 'success');
    await c.var.db
      .update(relationships)
      .set({ status: 'active', validTo: addMonths(today, config.jurisdiction.adultProxyMonths) })
      .where(
        and(eq(relationships.id, relationship.id), eq(relationships.patientId, facts.patientId)),
      );
    return c.redirect('/account/sharing?done=renewed', 303);
  },
);

accountSharing.post(
  '/account/sharing/consents/:id',
  requireChangeAssurance('adolescent'),
  async (c) => {
    const facts = c.var.sharing!;
    const relationship = await loadOwnRelationship(c, facts, c.req.param('id'));
    const parental = isParentalKind(relationship.kind);
    if (!parental || relationship.status !== 'active') throw new NotFound();
    const form = await c.req.parseBody();
    const grant = form.consent === 'grant';

    const db = c.var.db;
    const person = c.var.person!;
    const now = new Date().toISOString();
    const activeConsent = and(
      eq(proxyConsents.patientId, facts.patientId),
      eq(proxyConsents.proxyPersonId, relationship.proxyPersonId),
      eq(proxyConsents.scope, 'sensitive-categories'),
      isNull(proxyConsents.revokedAt),
    );
    const [existing] = await db
      .select({ id: proxyConsents.id })
      .from(proxyConsents)
      .where(activeConsent);

    const action = grant ? 'consent.grant' : 'consent.revoke';
    await auditChange(c, facts, action, 'proxy-consent', relationship.id, 'success');
    if (grant && !existing) {
      await db.insert(proxyConsents).values({
        id: randomToken(16),
        patientId: facts.patientId,
        proxyPersonId: relationship.proxyPersonId,
        scope: 'sensitive-categories',
        grantedByPersonId: person.personId,
        grantedAt: now,
      });
    } else if (!grant) {
      await db.update(proxyConsents).set({ revokedAt: now }).where(activeConsent);
    }
    return c.redirect(
      `/account/sharing?done=${grant ? 'consent-granted' : 'consent-revoked'}`,
      303,
    );
  },
);

async function loadOwnRelationship(c: Context<AppEnv>, facts: SharingFacts, id: string) {
  const [relationship] = await c.var.db
    .select({
      id: relationships.id,
      kind: relationships.kind,
      status: relationships.status,
      proxyPersonId: relationships.proxyPersonId,
    })
    .from(relationships)
    .where(and(eq(relationships.id, id), eq(relationships.patientId, facts.patientId)));
  // Another patient's relationship gets the same 404 response as one that does not exist.
  if (!relationship) throw new NotFound();
  return relationship;
}

function openInvitationOf(patientId: string, id: string) {
  return and(
    eq(proxyInvitations.id, id),
    eq(proxyInvitations.patientId, patientId),
    isNull(proxyInvitations.acceptedAt),
    isNull(proxyInvitations.revokedAt),
  );
}

async function isOwnEmail(c: Context<AppEnv>, email: string) {
  const [own] = await c.var.db
    .select({ email: people.email })
    .from(people)
    .where(eq(people.id, c.var.person!.personId));
  return own?.email === email.toLowerCase();
}

// Records a view or change with the reason of the decision that allowed it.
function auditChange(
  c: Context<SharingEnv>,
  facts: SharingFacts,
  action: string,
  resourceType: string,
  resourceId: string | null,
  outcome: 'allow' | 'success',
) {
  return appendAuditEvent(c, {
    actorPersonId: c.var.person!.personId,
    actorRole: 'self',
    action,
    resourceType,
    resourceId,
    patientId: facts.patientId,
    outcome,
    reason: c.var.sharingDecision!.reason,
  });
}

function renderSharing(c: Context<AppEnv>, model: SharingModel, status: 200 | 400 = 200) {
  return renderPage(
    c,
    <SharingPage chrome={pageChrome(c, 'Who can see your record')} model={model} />,
    status,
  );
}

const NOTICES: Record<string, string> = {
  invited: 'We sent the invitation. It works for 14 days.',
  cancelled: 'The invitation is cancelled. Its link no longer works.',
  revoked: 'They can no longer see your record.',
  renewed: 'Their access is renewed.',
  'consent-granted': 'They can now see the sensitive parts of your record.',
  'consent-revoked': 'They can no longer see the sensitive parts of your record.',
};
