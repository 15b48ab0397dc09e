import { aliasedTable, and, desc, eq, inArray, isNull, type SQL } from 'drizzle-orm';
import { Hono, type Context } from 'hono';
import {
  careTeamMembers,
  patientCareTeams,
  patients,
  people,
  proxyConsents,
  relationships,
} from '../../schema/index.ts';
import type {
  StaffRelationshipModel,
  StaffRelationshipSummary,
  StaffRelationshipsModel,
} from '../../views/models.ts';
import { StaffRelationshipPage } from '../../views/pages/staff-relationship.tsx';
import { StaffRelationshipsPage } from '../../views/pages/staff-relationships.tsx';
import { isParentalKind, PARENTAL_KINDS } from '../access/proxy-rules.ts';
import type { AppEnv } from '../app.ts';
import { NotFound } from '../http/errors.tsx';
import { pageChrome, renderPage } from '../http/render.ts';
import { pageLinks, pageNumber, pageOffset, STAFF_PAGE_SIZE, takePage } from './paging.ts';
import {
  applyChange,
  CHANGE_NOTICES,
  emptyForm,
  findStaffRecordedConsent,
} from './relationship-changes.ts';
import { patientName } from './patients.ts';
import { auditStaffDecision, decideForStaffMember, type StaffWork } from './staff-access.ts';
import { loadStaffMember, requireStaff, type StaffMember } from './staff-member.ts';

// Kinds that need staff to check legal documents before they become active. An adult patient's
// own proxy invitation needs no approval.
const APPROVED_BY_STAFF_KINDS = [
  ...PARENTAL_KINDS,
  'court-appointed-guardian',
  'health-care-power-of-attorney',
] as const;

export const KIND_LABELS: Record<string, string> = {
  'parent-of-minor': 'Parent',
  'legal-guardian-of-minor': 'Legal guardian of a minor',
  'court-appointed-guardian': 'Court-appointed guardian',
  'health-care-power-of-attorney': 'Health care power of attorney',
  'adult-designated-proxy': 'Proxy chosen by the patient',
};

/**
 * Staff approve parent, guardian and power-of-attorney relationships after checking the legal
 * documents, record court-ordered restrictions, suspend or revoke relationships, and record a
 * teen's consent for a parent. Privacy officers and front-desk staff see every patient's
 * relationships; other staff only those of their care teams' patients.
 */
export const relationshipRoutes = new Hono<AppEnv>();

relationshipRoutes.get('/staff/relationships', requireStaff(), async (c) => {
  const member = await loadStaffMember(c);
  // The decision's reason sets whose relationships the list shows: a role that covers every
  // patient, or the patients of the staff member's care teams.
  const decision = await decideForStaffMember(c, member, {
    resourceType: 'relationship',
    action: 'view',
    patientId: null,
  });
  const scope =
    decision.reason === 'staff-role' ? undefined : careTeamPatientIds(c, member.staffId);
  const page = pageNumber(c.req.query('page'));

  const [pending, current] = await Promise.all([
    loadSummaries(
      c,
      scope,
      and(
        eq(relationships.status, 'pending'),
        inArray(relationships.kind, APPROVED_BY_STAFF_KINDS),
      ),
      page,
    ),
    loadSummaries(c, scope, inArray(relationships.status, ['active', 'suspended']), page),
  ]);

  // The list names patients and their proxies, so it is a PHI view.
  await auditStaffDecision(c, decision, {
    action: 'staff.relationship-list',
    resourceType: 'relationship-list',
  });

  const model: StaffRelationshipsModel = {
    pending: pending.rows,
    current: current.rows,
    allPatients: !scope,
    pager: pageLinks('/staff/relationships', {}, page, pending.more || current.more),
  };
  const chrome = pageChrome(c, 'Proxy relationships');
  return renderPage(c, <StaffRelationshipsPage chrome={chrome} model={model} />);
});

relationshipRoutes.get('/staff/relationships/:relationshipId', requireStaff(), async (c) => {
  const notice = CHANGE_NOTICES[c.req.query('done') ?? ''] ?? null;
  return showRelationship(c, { notice, form: emptyForm(), errors: [] }, 200);
});

relationshipRoutes.post('/staff/relationships/:relationshipId', requireStaff(), async (c) => {
  const member = await loadStaffMember(c);
  const relationship = await loadRelationship(c, member);
  const form = await c.req.parseBody({ all: true });
  await authorizeChange(c, member, relationship, form.change);

  const outcome = await applyChange(c, member, relationship, form);
  if (outcome.errors.length > 0) {
    return showRelationship(c, { notice: null, form: outcome.form, errors: outcome.errors }, 400);
  }
  return c.redirect(`/staff/relationships/${relationship.id}?done=${outcome.done}`, 303);
});

async function showRelationship(
  c: Context<AppEnv>,
  page: Pick<StaffRelationshipModel, 'notice' | 'form' | 'errors'>,
  status: 200 | 400,
) {
  const member = await loadStaffMember(c);
  const { decision, ...relationship } = await loadRelationship(c, member);
  const [[consent], staffConsent] = await Promise.all([
    c.var.db
      .select({ grantedAt: proxyConsents.grantedAt })
      .from(proxyConsents)
      .where(
        and(
          eq(proxyConsents.patientId, relationship.patientId),
          eq(proxyConsents.proxyPersonId, relationship.proxyPersonId),
          eq(proxyConsents.scope, 'sensitive-categories'),
          isNull(proxyConsents.revokedAt),
        ),
      )
      .orderBy(desc(proxyConsents.grantedAt))
      .limit(1),
    findStaffRecordedConsent(c, relationship),
  ]);

  await auditStaffDecision(c, decision, {
    action: 'relationship.view',
    resourceType: 'relationship',
    resourceId: relationship.id,
    patientId: relationship.patientId,
  });

  const model: StaffRelationshipModel = {
    ...relationship,
    consentApplies: isParentalKind(relationship.kind),
    consentGrantedAt: consent?.grantedAt ?? null,
    consentRecordedByStaff: staffConsent !== null,
    ...page,
  };
  const chrome = pageChrome(c, 'Proxy relationship');
  return renderPage(c, <StaffRelationshipPage chrome={chrome} model={model} />, status);
}

export type LoadedRelationship = Awaited<ReturnType<typeof loadRelationship>>;

/**
 * Loads the relationship in the URL. A relationship of a patient outside the staff member's
 * care teams gets the same 404 as a missing one, unless the staff member's role covers everyone.
 */
async function loadRelationship(c: Context<AppEnv>, member: StaffMember) {
  const proxy = aliasedTable(people, 'proxy');
  const [row] = await c.var.db
    .select({
      relationship: relationships,
      patient: {
        mrn: patients.mrn,
        givenName: patients.givenName,
        preferredName: patients.preferredName,
        familyName: patients.familyName,
        birthDate: patients.birthDate,
      },
      proxy: { displayName: proxy.displayName, email: proxy.email },
    })
    .from(relationships)
    .innerJoin(patients, eq(patients.id, relationships.patientId))
    .innerJoin(proxy, eq(proxy.id, relationships.proxyPersonId))
    .where(eq(relationships.id, c.req.param('relationshipId') ?? ''));
  if (!row) throw new NotFound();
  const decision = await decideForStaffMember(c, member, {
    resourceType: 'relationship',
    action: 'view',
    patientId: row.relationship.patientId,
  });
  if (decision.effect === 'deny') {
    await auditStaffDecision(c, decision, {
      action: 'relationship.view',
      resourceType: 'relationship',
      resourceId: row.relationship.id,
      patientId: row.relationship.patientId,
    });
  }

  const { relationship, patient } = row;
  return {
    decision,
    id: relationship.id,
    patientId: relationship.patientId,
    proxyPersonId: relationship.proxyPersonId,
    kind: relationship.kind,
    patientName: patientName(patient),
    proxyName: row.proxy.displayName,
    kindLabel: KIND_LABELS[relationship.kind] ?? relationship.kind,
    status: relationship.status,
    createdAt: relationship.createdAt,
    mrn: patient.mrn,
    patientBirthDate: patient.birthDate,
    proxyEmail: row.proxy.email,
    scopes: splitList(relationship.scopes),
    validFrom: relationship.validFrom,
    validTo: relationship.validTo,
    legalBasis: relationship.legalBasis,
    restrictions: relationship.restrictions,
    restrictedScopes: splitList(relationship.restrictedScopes),
    approvedAt: relationship.approvedAt,
  };
}

async function loadSummaries(
  c: Context<AppEnv>,
  patientScope: ReturnType<typeof careTeamPatientIds> | undefined,
  condition: SQL | undefined,
  page: number,
): Promise<{ rows: StaffRelationshipSummary[]; more: boolean }> {
  const proxy = aliasedTable(people, 'proxy');
  const rows = await c.var.db
    .select({
      id: relationships.id,
      patientId: relationships.patientId,
      kind: relationships.kind,
      status: relationships.status,
      createdAt: relationships.createdAt,
      givenName: patients.givenName,
      preferredName: patients.preferredName,
      familyName: patients.familyName,
      proxyName: proxy.displayName,
    })
    .from(relationships)
    .innerJoin(patients, eq(patients.id, relationships.patientId))
    .innerJoin(proxy, eq(proxy.id, relationships.proxyPersonId))
    .where(
      and(condition, patientScope ? inArray(relationships.patientId, patientScope) : undefined),
    )
    .orderBy(relationships.createdAt, relationships.id)
    .limit(STAFF_PAGE_SIZE + 1)
    .offset(pageOffset(page));
  const { rows: shown, more } = takePage(rows);
  const summaries = shown.map((row) => ({
    id: row.id,
    patientId: row.patientId,
    patientName: patientName(row),
    proxyName: row.proxyName,
    kindLabel: KIND_LABELS[row.kind] ?? row.kind,
    status: row.status,
    createdAt: row.createdAt,
  }));
  return { rows: summaries, more };
}

function careTeamPatientIds(c: Context<AppEnv>, staffId: string) {
  return c.var.db
    .select({ patientId: patientCareTeams.patientId })
    .from(patientCareTeams)
    .innerJoin(careTeamMembers, eq(careTeamMembers.careTeamId, patientCareTeams.careTeamId))
    .where(eq(careTeamMembers.staffId, staffId));
}

/**
 * Requests the decision point's ruling on the change a relationship form submits. A denial is audited and
 * gets the 404 page. An allowed change writes its own event once the form is valid, with the
 * basis the staff member gave (documents checked, a court order, a staff decision).
 */
async function authorizeChange(
  c: Context<AppEnv>,
  member: StaffMember,
  relationship: LoadedRelationship,
  change: unknown,
) {
  const work = CHANGE_WORK[typeof change === 'string' ? change : ''];
  // An unknown button gets the form's own error message.
  if (!work) return;
  const decision = await decideForStaffMember(c, member, {
    ...work,
    patientId: relationship.patientId,
  });
  if (decision.effect === 'allow') return;
  await auditStaffDecision(c, decision, {
    action: `${work.resourceType}.${work.action}`,
    resourceType: work.resourceType,
    resourceId: relationship.id,
    patientId: relationship.patientId,
  });
}

const CHANGE_WORK: Record<string, Omit<StaffWork, 'patientId'>> = {
  approve: { resourceType: 'relationship', action: 'approve' },
  restrict: { resourceType: 'relationship', action: 'restrict' },
  suspend: { resourceType: 'relationship', action: 'suspend' },
  reinstate: { resourceType: 'relationship', action: 'reinstate' },
  revoke: { resourceType: 'relationship', action: 'revoke' },
  consent: { resourceType: 'consent', action: 'record' },
  'revoke-consent': { resourceType: 'consent', action: 'revoke' },
};

function splitList(value: string | null) {
  return value ? value.split(',').filter(Boolean) : [];
}
