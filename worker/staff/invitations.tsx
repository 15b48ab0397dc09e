import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { FormError } from '../../views/models.ts';
import {
  StaffInvitationPage,
  type StaffInvitationModel,
} from '../../views/pages/staff-invitation.tsx';
import { SCOPES } from '../access/scopes.ts';
import type { AppEnv } from '../app.ts';
import { sendInvitation, type RelationshipKind } from '../auth/invitations-store.ts';
import { pageChrome, renderPage } from '../http/render.ts';
import { auditStaffDecision, decideForStaffMember } from './staff-access.ts';
import { loadPatientName } from './patients.ts';
import { loadStaffMember, requireStaff } from './staff-member.ts';

/**
 * Staff send a proxy invitation for a patient of their care teams, after checking the legal
 * documents: /staff/patients/:patientId/invitations. Accepting it creates a relationship
 * approved by this staff member.
 */
export const staffInvitationRoutes = new Hono<AppEnv>();

const PATH = '/staff/patients/:patientId/invitations';
// An adult patient chooses an adult-designated proxy themselves, from their sharing page.
const STAFF_KINDS: RelationshipKind[] = [
  'parent-of-minor',
  'legal-guardian-of-minor',
  'court-appointed-guardian',
  'health-care-power-of-attorney',
];

const emailSchema = z
  .string()
  .trim()
  .min(1, 'Enter their email address')
  .max(254, 'Enter an email address of 254 characters or fewer')
  .pipe(z.email('Enter an email address in the correct format, like name@example.org'));

staffInvitationRoutes.use(PATH, requireStaff());

staffInvitationRoutes.get(PATH, async (c) => {
  const patient = await loadCareTeamPatient(c, 'view');
  const notice = c.req.query('sent') ? 'The invitation is sent. It works for 14 days.' : null;
  return renderForm(c, { ...patient, kinds: STAFF_KINDS, form: emptyForm(), notice });
});

staffInvitationRoutes.post(PATH, async (c) => {
  const patient = await loadCareTeamPatient(c, 'send');
  const body = await c.req.parseBody({ all: true });
  const text = (name: string) => (typeof body[name] === 'string' ? (body[name] as string) : '');
  const form = {
    email: text('email'),
    kind: text('kind'),
    scopes: [body.scopes ?? []]
      .flat()
      .filter((value): value is string => typeof value === 'string'),
    legalBasis: text('legal-basis'),
    documentsChecked: text('documents-checked') === 'yes',
    errors: [] as FormError[],
  };

  const email = emailSchema.safeParse(form.email);
  if (!email.success) form.errors.push({ field: 'email', message: email.error.issues[0]!.message });
  const kind = STAFF_KINDS.find((candidate) => candidate === form.kind);
  if (!kind)
    form.errors.push({ field: 'kind', message: 'Choose how they are related to the patient' });
  const scopes = SCOPES.filter((scope) => form.scopes.includes(scope));
  if (scopes.length === 0) {
    form.errors.push({ field: 'scopes', message: 'Choose at least one thing they can do' });
  }
  const legalBasis = form.legalBasis.trim();
  if (legalBasis === '' || legalBasis.length > 500) {
    form.errors.push({
      field: 'legal-basis',
      message: 'Enter the legal basis on file, in 500 characters or fewer',
    });
  }
  if (!form.documentsChecked) {
    form.errors.push({
      field: 'documents-checked',
      message: 'Confirm that you checked the legal documents before you send the invitation',
    });
  }
  if (form.errors.length > 0 || !email.success || !kind) {
    return renderForm(c, { ...patient, kinds: STAFF_KINDS, form, notice: null }, 400);
  }

  await sendInvitation(c, {
    patientId: patient.patientId,
    email: email.data,
    kind,
    scopes,
    legalBasis,
    sender: { staffId: c.var.person!.staffId! },
  });
  return c.redirect(`/staff/patients/${patient.patientId}/invitations?sent=1`, 303);
});

/**
 * Loads the patient of the URL when the decision point lets the staff member invite a proxy for
 * the patient: a care-team member. Both the form and its POST name the patient, so both are
 * audited as a view of the form, with the decision's reason. Patients outside the staff member's
 * care teams get the same 404 as unknown ids.
 */
async function loadCareTeamPatient(c: Context<AppEnv>, action: 'view' | 'send') {
  const patientId = c.req.param('patientId') ?? '';
  const member = await loadStaffMember(c);
  const decision = await decideForStaffMember(c, member, {
    resourceType: 'invitation',
    action,
    patientId,
  });

  await auditStaffDecision(c, decision, {
    action: 'invitation.form-view',
    resourceType: 'proxy-invitation',
    patientId,
  });
  const patientName = await loadPatientName(c, patientId);
  return { patientId, patientName };
}

function emptyForm(): StaffInvitationModel['form'] {
  return { email: '', kind: '', scopes: [], legalBasis: '', documentsChecked: false, errors: [] };
}

function renderForm(c: Context<AppEnv>, model: StaffInvitationModel, status: 200 | 400 = 200) {
  return renderPage(
    c,
    <StaffInvitationPage chrome={pageChrome(c, 'Invite a proxy')} model={model} />,
    status,
  );
}
