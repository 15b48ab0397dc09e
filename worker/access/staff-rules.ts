// Rules for staff. Care-team members see their patients, and other staff only through break-glass.
import type { AccessRequest, Decision } from './policy.ts';

/** Decides for a staff member who has no relationship allowing the request. */
export function decideForStaff(request: AccessRequest): Decision {
  const { actor, now } = request;
  const linked = actor.careTeamMember;
  const breakGlass = actor.breakGlass;
  const breakGlassLive = breakGlass !== null && now.toISOString() < breakGlass.expiresAt;

  if (!linked && !breakGlassLive) {
    const reason = breakGlass !== null ? 'break-glass-expired' : 'no-relationship';
    return { effect: 'deny', reason, actorRole: 'staff' };
  }

  // Staff read charts here. Writing as the patient (sending a message from the patient's
  // compose form, requesting an appointment, paying a bill) is the patient's or a proxy's act.
  if (request.action !== 'view' && request.action !== 'download') {
    return { effect: 'deny', reason: 'staff-read-only', actorRole: 'staff' };
  }

  // Staff always need a passkey with user verification (AAL2).
  if (actor.assuranceLevel !== 'AAL2') {
    return { effect: 'deny', reason: 'staff-needs-aal2', actorRole: 'staff' };
  }
  return { effect: 'allow', reason: linked ? 'care-team' : 'break-glass', actorRole: 'staff' };
}
