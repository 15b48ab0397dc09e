import { count, eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { careTeamMembers, careTeams, patientCareTeams, staff } from '../../schema/index.ts';
import { StaffHomePage } from '../../views/pages/staff-home.tsx';
import type { AppEnv } from '../app.ts';
import { requireAssurance } from '../auth/require-assurance.ts';
import { requireSignIn } from '../auth/require-sign-in.ts';
import { NotFound } from '../http/errors.tsx';
import { pageChrome, renderPage } from '../http/render.ts';

/**
 * The staff landing page. It shows care teams and patient counts, no PHI. Staff need a passkey
 * (AAL2) for every staff page, and pages with patient data do not exist yet.
 */
export const staffRoutes = new Hono<AppEnv>();

// Staff always need AAL2, so a staff member signed in with a code is asked for a passkey first.
staffRoutes.get('/staff', requireSignIn(), async (c, next) => {
  if (!c.var.person?.staffId) throw new NotFound();
  return requireAssurance('AAL2')(c, next);
});
staffRoutes.get('/staff', async (c) => {
  const staffId = c.var.person!.staffId!;
  const db = c.var.db;

  const [member] = await db
    .select({ displayName: staff.displayName, role: staff.role })
    .from(staff)
    .where(eq(staff.id, staffId));
  const teams = await db
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
  if (!member) throw new NotFound();

  const model = { displayName: member.displayName, role: member.role, careTeams: teams };
  return renderPage(c, <StaffHomePage chrome={pageChrome(c, 'Staff home')} model={model} />);
});
