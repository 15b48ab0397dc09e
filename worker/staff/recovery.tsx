import { eq } from 'drizzle-orm';
import { Hono, type Context } from 'hono';
import { people } from '../../schema/index.ts';
import { StaffRecoveryPage, type StaffRecoveryModel } from '../../views/pages/staff-recovery.tsx';
import type { AppEnv } from '../app.ts';
import { appendAuditEvent } from '../audit/append.ts';
import {
  findPersonByEmailOnFile,
  notifyAllContacts,
  resetLinkStatements,
} from '../auth/recovery-contacts.ts';
import { emailAddressSchema } from '../auth/code-schema.ts';
import { NotFound } from '../http/errors.tsx';
import { pageChrome, renderPage } from '../http/render.ts';
import { loadStaffMember, requireStaff } from './staff-member.ts';

const emailSchema = emailAddressSchema("Enter the person's email address on file");

/**
 * The staff-verified reset, /staff/recovery, for front-desk staff and privacy officers at AAL2.
 * It shows no PHI: staff type an email address and learn only whether an account uses it.
 */
export const staffRecoveryRoutes = new Hono<AppEnv>();

const ALLOWED_ROLES = new Set(['front-desk', 'privacy-officer']);
const VERIFIED_BY = new Set(['in-person', 'callback']);

staffRecoveryRoutes.use(
  '/staff/recovery',
  requireStaff(),
  async function requireRecoveryRole(c, next) {
    // Other staff get the same 404 as non-staff, so the page does not advertise itself.
    const member = await loadStaffMember(c);
    if (!ALLOWED_ROLES.has(member.role)) throw new NotFound();
    await next();
  },
);

staffRecoveryRoutes.get('/staff/recovery', (c) => {
  const outcome = c.req.query('outcome');
  const shown = outcome === 'link-sent' || outcome === 'no-account' ? outcome : null;
  return render(c, { email: '', verifiedBy: '', errors: [], outcome: shown });
});

staffRecoveryRoutes.post('/staff/recovery', async (c) => {
  const member = await loadStaffMember(c);
  const form = await c.req.parseBody();
  const typed = typeof form.email === 'string' ? form.email : '';
  const verifiedBy = typeof form['verified-by'] === 'string' ? form['verified-by'] : '';

  const parsed = emailSchema.safeParse(typed);
  const errors = [];
  if (!parsed.success) errors.push({ field: 'email', message: parsed.error.issues[0]!.message });
  // The check comes before the lookup, so staff learn nothing about an address until they have
  // recorded how they confirmed the person's identity.
  if (!VERIFIED_BY.has(verifiedBy)) {
    errors.push({
      field: 'verified-by',
      message:
        'Choose how you checked who the person is. Check their identity before you continue.',
    });
  }
  const keptVerifiedBy = VERIFIED_BY.has(verifiedBy)
    ? (verifiedBy as 'in-person' | 'callback')
    : '';
  if (!parsed.success || errors.length > 0) {
    return render(c, { email: typed, verifiedBy: keptVerifiedBy, errors, outcome: null }, 400);
  }

  const personId = await findPersonByEmailOnFile(c.var.db, parsed.data);
  // The event is written first, so no reset happens without it. It names the staff member, the
  // person and how identity was checked.
  await appendAuditEvent(c, {
    actorPersonId: member.personId,
    actorRole: 'staff',
    action: 'recovery.staff-reset',
    resourceType: 'person',
    resourceId: personId,
    outcome: personId ? 'success' : 'failure',
    reason: personId ? `verified-${verifiedBy}:staff-${member.staffId}` : 'unknown-address',
  });
  if (!personId) return c.redirect('/staff/recovery?outcome=no-account', 303);

  // Blocking proxy access now, not when the link is used, closes it at once in case the
  // person using the account is not its owner.
  const db = c.var.db;
  await db.batch([
    db
      .update(people)
      .set({ proxyBlockedSince: new Date().toISOString() })
      .where(eq(people.id, personId)),
    ...(await resetLinkStatements(c, personId)),
    ...(await notifyAllContacts(c, personId, STAFF_RESET_NOTICE)),
  ]);
  // The redirect clears the form, so the address does not linger on a shared desk screen.
  return c.redirect('/staff/recovery?outcome=link-sent', 303);
});

function render(c: Context<AppEnv>, model: StaffRecoveryModel, status: 200 | 400 = 200) {
  return renderPage(
    c,
    <StaffRecoveryPage chrome={pageChrome(c, 'Reset account access')} model={model} />,
    status,
  );
}

// Sent to every contact on file. It contains no PHI, only the fact that a reset was started.
const STAFF_RESET_NOTICE = {
  subject: 'Your clinic started a patient portal account recovery',
  body: 'Your clinic started a recovery of your patient portal account after checking who you are. A recovery link went to your email address. If you help care for anyone through the portal, access to their records is paused until a new passkey is added. If you did not ask for this, call your clinic now.',
};
