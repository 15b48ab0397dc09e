import { count, eq } from 'drizzle-orm';
import { Hono, type Context } from 'hono';
import { careTeamMembers, careTeams, patientCareTeams } from '../../schema/index.ts';
import type { StaffHomeModel } from '../../views/models.ts';
import { StaffHomePage } from '../../views/pages/staff-home.tsx';
import type { AppEnv } from '../app.ts';
import { pageChrome, renderPage } from '../http/render.ts';
import { pageLinks, pageNumber } from './paging.ts';
import { loadCareTeamPatients, searchPatients, SEARCH_MIN_LENGTH } from './patients.ts';
import { auditStaffDecision, decideForStaffMember } from './staff-access.ts';
import { loadStaffMember, requireStaff } from './staff-member.ts';

// A query longer than any name or MRN is not a lookup, so it is cut before it reaches the database.
const SEARCH_MAX_LENGTH = 100;

/**
 * The staff landing page: the staff member's care teams and their patients, and a search by
 * name or MRN across all patients. Patients outside the care teams are found only to open
 * break-glass, so the search shows their name and MRN and nothing else.
 */
export const staffHomeRoutes = new Hono<AppEnv>();

staffHomeRoutes.get('/staff', requireStaff(), async (c) => {
  const member = await loadStaffMember(c);
  const query = (c.req.query('q') ?? '').trim().slice(0, SEARCH_MAX_LENGTH);
  const searching = c.req.query('q') !== undefined;
  const page = pageNumber(c.req.query('page'));
  const searchError =
    searching && query.length < SEARCH_MIN_LENGTH
      ? `Enter at least ${SEARCH_MIN_LENGTH} letters or digits of a name or MRN`
      : null;

  const [teams, careTeamList, results] = await Promise.all([
    loadCareTeams(c, member.staffId),
    loadCareTeamPatients(c, member, page),
    searching && !searchError ? searchPatients(c, member, query) : [],
  ]);

  // Names, MRNs and birth dates are PHI, so each listing is an audit event with the decision's
  // reason. The query itself may be a patient's name and is not recorded.
  const list = await decideForStaffMember(c, member, {
    resourceType: 'patient-list',
    action: 'view',
    patientId: null,
  });
  await auditStaffDecision(c, list, { action: 'staff.patient-list', resourceType: 'patient-list' });
  if (searching && !searchError) {
    const search = await decideForStaffMember(c, member, {
      resourceType: 'patient-directory',
      action: 'view',
      patientId: null,
    });
    await auditStaffDecision(c, search, {
      action: 'staff.patient-search',
      resourceType: 'patient-list',
    });
  }

  const model: StaffHomeModel = {
    displayName: member.displayName,
    role: member.role,
    careTeams: teams,
    careTeamPatients: careTeamList.patients,
    // The paging links keep the search, so moving through the list does not clear it.
    careTeamPager: pageLinks('/staff', searching ? { q: query } : {}, page, careTeamList.more),
    search: searching ? { query, results, error: searchError } : null,
  };
  const body = <StaffHomePage chrome={pageChrome(c, 'Staff home')} model={model} />;
  return renderPage(c, body, searchError ? 400 : 200);
});

async function loadCareTeams(c: Context<AppEnv>, staffId: string) {
  return c.var.db
    .select({
      name: careTeams.name,
      department: careTeams.department,
      patientCount: count(patientCareTeams.patientId),
    })
    .from(careTeamMembers)
    .innerJoin(careTeams, eq(careTeams.id, careTeamMembers.careTeamId))
    .leftJoin(patientCareTeams, eq(patientCareTeams.careTeamId, careTeams.id))
    .where(eq(careTeamMembers.staffId, staffId))
    .groupBy(careTeams.id)
    .orderBy(careTeams.name);
}
