import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { decide, type Decision } from '../access/policy.ts';
import type { AppEnv } from '../app.ts';
import { appendAuditEvent } from '../audit/append.ts';
import { redirectToStepUp } from '../auth/require-assurance.ts';
import { NotFound } from '../http/errors.tsx';
import { loadSharingFacts, type SharingFacts } from './sharing-model.ts';

/** The app's variables plus the sharing facts and the decision that openSharing() sets. */
export interface SharingEnv {
  Bindings: AppEnv['Bindings'];
  Variables: AppEnv['Variables'] & { sharing?: SharingFacts; sharingDecision?: Decision };
}

/**
 * Loads the signed-in person's own record facts and requests a decision on viewing the sharing
 * page. A person without a record of their own (a proxy, a staff member) has
 * nothing to share, so the page does not exist for them. A teen, or a patient who turned on
 * "always require my passkey", goes to the step-up page first.
 */
export function openSharing() {
  return createMiddleware<SharingEnv>(async function openSharing(c, next) {
    const patientId = c.var.person?.ownPatientId;
    if (!patientId) throw new NotFound();
    const facts = await loadSharingFacts(c, patientId);
    const decision = decideSharing(c, facts, 'view', undefined);

    if (decision.effect === 'deny') {
      await auditDenial(c, facts, 'sharing.view', decision);
      if (decision.reason === 'self-needs-aal2') return redirectToStepUp(c);
      throw new NotFound();
    }
    c.set('sharing', facts);
    c.set('sharingDecision', decision);
    await next();
  });
}

/**
 * Allows a change only as the decision point rules: an adult manages proxies and a teen gives
 * or withdraws consents, at AAL2 when the patient has a passkey. A change for the other age
 * group gets the 404 page.
 */
export function requireChangeAssurance(ageGroup: 'adult' | 'adolescent') {
  const part = ageGroup === 'adult' ? 'proxies' : 'consents';
  return createMiddleware<SharingEnv>(async function requireChangeAssurance(c, next) {
    const facts = c.var.sharing!;
    const decision = decideSharing(c, facts, 'manage', part);

    if (decision.effect === 'deny') {
      await auditDenial(c, facts, 'sharing.manage', decision);
      if (decision.reason === 'self-needs-aal2') return redirectToStepUpFor(c, '/account/sharing');
      throw new NotFound();
    }
    c.set('sharingDecision', decision);
    await next();
  });
}

function decideSharing(
  c: Context<SharingEnv>,
  facts: SharingFacts,
  action: 'view' | 'manage',
  part: 'proxies' | 'consents' | undefined,
): Decision {
  const person = c.var.person!;
  const { config } = c.var;
  return decide({
    actor: {
      personId: person.personId,
      assuranceLevel: person.assuranceLevel,
      ownPatientId: person.ownPatientId,
      requirePasskey: facts.requirePasskey,
      hasPasskey: facts.hasPasskey,
      staffRole: null,
      careTeamMember: false,
    },
    patientId: facts.patientId,
    patient: { patientId: facts.patientId, birthDate: facts.birthDate },
    resource: { type: 'sharing', part },
    action,
    now: facts.now,
    clinicTimeZone: config.clinicTimeZone,
    policy: config.jurisdiction,
  });
}

// The page lists who acts for the patient, so a denied view or change is audited like a chart
// page, before the step-up or 404 response.
function auditDenial(c: Context<AppEnv>, facts: SharingFacts, action: string, decision: Decision) {
  return appendAuditEvent(c, {
    actorPersonId: c.var.person!.personId,
    actorRole: 'self',
    action,
    resourceType: 'relationship',
    patientId: facts.patientId,
    outcome: 'deny',
    reason: decision.reason,
  });
}

// The step-up page returns with a GET, so a POST returns to the page that contains the form.
function redirectToStepUpFor(c: Context<AppEnv>, returnPath: string) {
  return c.redirect(`/step-up?${new URLSearchParams({ return: returnPath })}`, 303);
}
