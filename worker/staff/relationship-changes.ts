import { and, eq, inArray, isNotNull, isNull } from 'drizzle-orm';
import type { Context } from 'hono';
import { proxyConsents, relationships } from '../../schema/index.ts';
import type { FormError, StaffRelationshipModel } from '../../views/models.ts';
import { isParentalKind } from '../access/proxy-rules.ts';
import { SCOPES } from '../access/scopes.ts';
import type { AppEnv } from '../app.ts';
import { appendAuditEvent } from '../audit/append.ts';
import type { LoadedRelationship } from './relationships.tsx';
import type { StaffMember } from './staff-member.ts';

// Short enough for a form field, long enough to name a document or a court order.
const LEGAL_TEXT_MIN_LENGTH = 5;
const LEGAL_TEXT_MAX_LENGTH = 1000;

type Form = StaffRelationshipModel['form'];
type Change =
  'approve' | 'restrict' | 'suspend' | 'reinstate' | 'revoke' | 'consent' | 'revoke-consent';

/** Confirmations shown after a change, keyed by the `done` query parameter of the redirect. */
export const CHANGE_NOTICES: Record<string, string> = {
  approve: 'The relationship is approved and active.',
  restrict: 'The restriction is recorded.',
  suspend: 'The relationship is suspended.',
  reinstate: 'The relationship is active again.',
  revoke: 'The relationship is revoked.',
  consent: 'The patient’s consent is recorded.',
  'revoke-consent': 'The patient’s consent is revoked.',
};

export function emptyForm(): Form {
  return {
    documentsChecked: false,
    legalBasis: '',
    courtOrder: '',
    restrictScopes: [],
    consentConfirmed: false,
  };
}

/**
 * Validates and applies the change that a form on the relationship page requests. The audit event
 * is written before the row changes, so no change happens unaudited. Returns the errors to show
 * with the typed values, or the change made.
 */
export async function applyChange(
  c: Context<AppEnv>,
  member: StaffMember,
  relationship: LoadedRelationship,
  body: Record<string, string | File | (string | File)[]>,
): Promise<{ errors: FormError[]; form: Form; done: Change | null }> {
  const form = readForm(body);
  const change = text(body.change) as Change;
  const errors = validate(change, relationship, form);
  if (errors.length > 0) return { errors, form, done: null };

  const audit = (action: string, reason: string, resourceType = 'relationship') =>
    appendAuditEvent(c, {
      actorPersonId: member.personId,
      actorRole: 'staff',
      action,
      resourceType,
      resourceId: relationship.id,
      patientId: relationship.patientId,
      outcome: 'success',
      reason,
    });
  const db = c.var.db;
  const now = new Date().toISOString();
  const thisRow = eq(relationships.id, relationship.id);

  if (change === 'approve') {
    await audit('relationship.approve', 'documents-checked');
    await db
      .update(relationships)
      .set({
        status: 'active',
        legalBasis: form.legalBasis,
        approvedByStaffId: member.staffId,
        approvedAt: now,
      })
      .where(and(thisRow, eq(relationships.status, 'pending')));
  } else if (change === 'restrict') {
    await audit('relationship.restrict', 'court-order');
    await db
      .update(relationships)
      .set({ restrictions: form.courtOrder, restrictedScopes: form.restrictScopes.join(',') })
      .where(thisRow);
  } else if (change === 'suspend') {
    await audit('relationship.suspend', 'staff-decision');
    await db
      .update(relationships)
      .set({ status: 'suspended' })
      .where(and(thisRow, eq(relationships.status, 'active')));
  } else if (change === 'reinstate') {
    await audit('relationship.reinstate', 'staff-decision');
    await db
      .update(relationships)
      .set({ status: 'active' })
      .where(and(thisRow, eq(relationships.status, 'suspended')));
  } else if (change === 'revoke') {
    await audit('relationship.revoke', 'staff-decision');
    await db
      .update(relationships)
      .set({ status: 'revoked' })
      .where(and(thisRow, inArray(relationships.status, ['pending', 'active', 'suspended'])));
  } else if (change === 'consent') {
    await recordConsent(c, member, relationship, () =>
      audit('consent.record', 'recorded-by-staff', 'proxy-consent'),
    );
  } else {
    const revoked = await revokeStaffConsent(c, relationship, () =>
      audit('consent.revoke', 'revoked-by-staff', 'proxy-consent'),
    );
    if (!revoked) return { errors: [notAllowed('consent', change)], form, done: null };
  }
  return { errors: [], form, done: change };
}

/**
 * Returns the patient's unrevoked consent that staff recorded for this proxy, if any. A consent
 * the teen gave while signed in is theirs to revoke on their sharing page, so it is not returned.
 */
export async function findStaffRecordedConsent(
  c: Context<AppEnv>,
  relationship: { patientId: string; proxyPersonId: string },
) {
  const [consent] = await c.var.db
    .select({ id: proxyConsents.id, grantedAt: proxyConsents.grantedAt })
    .from(proxyConsents)
    .where(
      and(
        eq(proxyConsents.patientId, relationship.patientId),
        eq(proxyConsents.proxyPersonId, relationship.proxyPersonId),
        eq(proxyConsents.scope, 'sensitive-categories'),
        isNotNull(proxyConsents.recordedByStaffId),
        isNull(proxyConsents.revokedAt),
      ),
    );
  return consent ?? null;
}

// Returns false when no staff-recorded consent is in force, for example after a second click.
async function revokeStaffConsent(
  c: Context<AppEnv>,
  relationship: LoadedRelationship,
  audit: () => Promise<void>,
): Promise<boolean> {
  const consent = await findStaffRecordedConsent(c, relationship);
  if (!consent) return false;

  await audit();
  await c.var.db
    .update(proxyConsents)
    .set({ revokedAt: new Date().toISOString() })
    .where(and(eq(proxyConsents.id, consent.id), isNull(proxyConsents.revokedAt)));
  return true;
}

// A second consent row would change nothing the policy reads, so an existing one is kept.
async function recordConsent(
  c: Context<AppEnv>,
  member: StaffMember,
  relationship: LoadedRelationship,
  audit: () => Promise<void>,
) {
  const [existing] = await c.var.db
    .select({ id: proxyConsents.id })
    .from(proxyConsents)
    .where(
      and(
        eq(proxyConsents.patientId, relationship.patientId),
        eq(proxyConsents.proxyPersonId, relationship.proxyPersonId),
        eq(proxyConsents.scope, 'sensitive-categories'),
        isNull(proxyConsents.revokedAt),
      ),
    );
  if (existing) return;

  await audit();
  await c.var.db.insert(proxyConsents).values({
    id: crypto.randomUUID(),
    patientId: relationship.patientId,
    proxyPersonId: relationship.proxyPersonId,
    scope: 'sensitive-categories',
    recordedByStaffId: member.staffId,
    grantedAt: new Date().toISOString(),
  });
}

function validate(change: Change, relationship: LoadedRelationship, form: Form): FormError[] {
  const errors: FormError[] = [];
  const status = relationship.status;

  if (change === 'approve') {
    if (status !== 'pending') return [notAllowed('documentsChecked', 'approve')];
    if (!form.documentsChecked) {
      errors.push({
        field: 'documentsChecked',
        message: 'Tick the box to confirm you checked the legal documents',
      });
    }
    errors.push(
      ...legalText(
        'legalBasis',
        form.legalBasis,
        'the legal basis, for example the document you checked',
      ),
    );
  } else if (change === 'restrict') {
    if (status === 'revoked' || status === 'expired') return [notAllowed('courtOrder', 'restrict')];
    errors.push(...legalText('courtOrder', form.courtOrder, 'what the court order says'));
    if (form.restrictScopes.length === 0) {
      errors.push({ field: 'restrictScopes', message: 'Choose what the restriction removes' });
    }
  } else if (change === 'suspend') {
    if (status !== 'active') return [notAllowed('change', 'suspend')];
  } else if (change === 'reinstate') {
    if (status !== 'suspended') return [notAllowed('change', 'reinstate')];
  } else if (change === 'revoke-consent') {
    const parental = isParentalKind(relationship.kind);
    if (!parental) return [notAllowed('consent', 'revoke-consent')];
  } else if (change === 'revoke') {
    if (status === 'revoked' || status === 'expired') return [notAllowed('change', 'revoke')];
  } else if (change === 'consent') {
    const parental = isParentalKind(relationship.kind);
    if (!parental || status !== 'active') return [notAllowed('consentConfirmed', 'consent')];
    if (!form.consentConfirmed) {
      errors.push({
        field: 'consentConfirmed',
        message: 'Tick the box to confirm the patient told you they agree',
      });
    }
  } else {
    errors.push({ field: 'change', message: 'Choose one of the buttons on this page' });
  }
  return errors;
}

function legalText(field: string, value: string, description: string): FormError[] {
  if (value.length < LEGAL_TEXT_MIN_LENGTH) {
    return [
      { field, message: `Enter ${description}, in at least ${LEGAL_TEXT_MIN_LENGTH} characters` },
    ];
  }
  if (value.length > LEGAL_TEXT_MAX_LENGTH) {
    return [{ field, message: `Shorten this to ${LEGAL_TEXT_MAX_LENGTH} characters or fewer` }];
  }
  return [];
}

function notAllowed(field: string, change: Change): FormError {
  const verbs: Record<Exclude<Change, 'revoke-consent'>, string> = {
    approve: 'approved',
    restrict: 'restricted',
    suspend: 'suspended',
    reinstate: 'reinstated',
    revoke: 'revoked',
    consent: 'given a consent',
  };
  if (change === 'revoke-consent') {
    return {
      field,
      message:
        'No consent recorded by staff is in force for this relationship. Reload the page to see it.',
    };
  }
  return {
    field,
    message: `This relationship cannot be ${verbs[change]} in its current state. Reload the page to see it.`,
  };
}

function readForm(body: Record<string, string | File | (string | File)[]>): Form {
  const scopes = [body.restrictScopes ?? []].flat().filter((value) => typeof value === 'string');
  return {
    documentsChecked: text(body.documentsChecked) === 'yes',
    legalBasis: text(body.legalBasis).trim(),
    courtOrder: text(body.courtOrder).trim(),
    restrictScopes: SCOPES.filter((scope) => scopes.includes(scope)),
    consentConfirmed: text(body.consentConfirmed) === 'yes',
  };
}

function text(value: string | File | (string | File)[] | undefined): string {
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first : '';
}
