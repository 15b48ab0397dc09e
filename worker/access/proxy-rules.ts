// Rules for a proxy: a person who acts for a patient through a relationship row.
import { addMonths, calendarDate } from './calendar.ts';
import { ageGroupOn } from './jurisdiction.ts';
import { requiredScope, SCOPES, type Scope } from './scopes.ts';
import type {
  AccessRequest,
  Decision,
  DenyReason,
  RelationshipFacts,
  RelationshipKind,
} from './policy.ts';

/**
 * Relationship kinds of a parent and a legal guardian of a minor, which end at majority and
 * which adolescent confidentiality limits.
 */
export const PARENTAL_KINDS = [
  'parent-of-minor',
  'legal-guardian-of-minor',
] as const satisfies readonly RelationshipKind[];

/** Tells whether a relationship kind is one of PARENTAL_KINDS. */
export function isParentalKind(kind: string): boolean {
  return (PARENTAL_KINDS as readonly string[]).includes(kind);
}

const STATUS_REASONS: Record<string, DenyReason> = {
  pending: 'relationship-pending',
  suspended: 'relationship-suspended',
  revoked: 'relationship-revoked',
  expired: 'relationship-expired',
};

// The checks in the order they run. When every relationship denies, the reason reported is the
// one from the relationship that passed the most checks, because it is the most specific.
const CHECK_ORDER: readonly DenyReason[] = [
  'relationship-not-active',
  'relationship-pending',
  'relationship-suspended',
  'relationship-revoked',
  'relationship-expired',
  'relationship-not-yet-valid',
  'majority-reached',
  'court-restricted',
  'relationship-out-of-scope',
  'sensitive-without-consent',
  'proxy-blocked-until-passkey',
  'proxy-needs-aal2',
];

/** Decides for an actor holding one or more relationships with the patient. */
export function decideForProxy(request: AccessRequest): Decision {
  let bestDeny: DenyReason | null = null;
  for (const relationship of request.actor.relationships) {
    if (relationship.patientId !== request.patientId) continue;
    const reason = denyReasonFor(request, relationship);
    if (reason === null) return { effect: 'allow', reason: 'proxy', actorRole: 'proxy' };
    if (bestDeny === null || CHECK_ORDER.indexOf(reason) > CHECK_ORDER.indexOf(bestDeny)) {
      bestDeny = reason;
    }
  }
  return { effect: 'deny', reason: bestDeny ?? 'no-relationship', actorRole: 'proxy' };
}

/** Returns why one relationship does not allow the request, or null when it does. */
function denyReasonFor(request: AccessRequest, relationship: RelationshipFacts): DenyReason | null {
  const { actor, resource, action, policy } = request;
  const today = calendarDate(request.now, request.clinicTimeZone);

  if (relationship.status !== 'active') {
    return STATUS_REASONS[relationship.status] ?? 'relationship-not-active';
  }
  if (today < relationship.validFrom) return 'relationship-not-yet-valid';
  const endsOn = effectiveEnd(relationship, policy.adultProxyMonths, request.clinicTimeZone);
  if (endsOn !== null && today >= endsOn) return 'relationship-expired';

  const parental = isParentalKind(relationship.kind);
  const ageGroup = ageGroupOn(request.patient.birthDate, today, policy);
  if (parental && ageGroup === 'adult' && !holdsGuardianship(request, today)) {
    return 'majority-reached';
  }

  const scopeReason = scopeDenyReason(relationship, requiredScope(resource, action));
  if (scopeReason !== null) return scopeReason;

  const sensitive = policy.sensitiveCategories.includes(resource.sensitivity);
  if (parental && ageGroup === 'adolescent' && sensitive && !relationship.sensitiveConsent) {
    return 'sensitive-without-consent';
  }

  // After an account recovery with a code alone, the person who recovered the account must
  // register a new passkey before reading anyone else's chart.
  if (actor.proxyBlockedSince !== null) {
    const newerPasskey =
      actor.latestPasskeyCreatedAt !== null &&
      actor.latestPasskeyCreatedAt > actor.proxyBlockedSince;
    if (!newerPasskey) return 'proxy-blocked-until-passkey';
  }

  // Any access to another person's chart needs a passkey with user verification (AAL2).
  if (actor.assuranceLevel !== 'AAL2') return 'proxy-needs-aal2';
  return null;
}

// A court order can remove a scope the relationship was granted, and it wins over the grant.
// With no single scope required (viewing the chart itself), any granted scope that no order
// removes is enough.
function scopeDenyReason(relationship: RelationshipFacts, scope: Scope | null): DenyReason | null {
  const { scopes, restrictedScopes } = relationship;
  if (scope !== null) {
    if (restrictedScopes.includes(scope)) return 'court-restricted';
    return scopes.includes(scope) ? null : 'relationship-out-of-scope';
  }
  const granted = SCOPES.filter((candidate) => scopes.includes(candidate));
  if (granted.length === 0) return 'relationship-out-of-scope';
  return granted.some((candidate) => !restrictedScopes.includes(candidate))
    ? null
    : 'court-restricted';
}

/**
 * Returns the first day a relationship is no longer in force, or null when it has no end. An
 * adult-designated proxy without a renewal date lasts a fixed number of months from its
 * approval, or from its start when no approval is recorded. The approval is an instant, so its
 * calendar date is taken in the clinic's time zone.
 */
export function effectiveEnd(
  relationship: RelationshipFacts,
  adultProxyMonths: number,
  clinicTimeZone: string,
) {
  if (relationship.validTo !== null) return relationship.validTo;
  if (relationship.kind !== 'adult-designated-proxy') return null;

  const start =
    relationship.approvedAt === null
      ? relationship.validFrom
      : calendarDate(new Date(relationship.approvedAt), clinicTimeZone);
  return addMonths(start, adultProxyMonths);
}

// Parental access continues past majority only for a proxy who is also the adult's
// court-appointed guardian, with that guardianship in force today. A guardianship held by
// someone else gives the parent nothing.
function holdsGuardianship(request: AccessRequest, today: string): boolean {
  return request.actor.relationships.some(
    (relationship) =>
      relationship.patientId === request.patientId &&
      relationship.kind === 'court-appointed-guardian' &&
      relationship.status === 'active' &&
      relationship.validFrom <= today &&
      (relationship.validTo === null || today < relationship.validTo),
  );
}
