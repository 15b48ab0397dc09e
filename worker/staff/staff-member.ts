import { and, eq } from 'drizzle-orm';
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { careTeamMembers, patientCareTeams, staff } from '../../schema/index.ts';
import type { STAFF_ROLES } from '../../schema/care.ts';
import type { AppEnv } from '../app.ts';
import { redirectToStepUp } from '../auth/require-assurance.ts';
import { requireSignIn } from '../auth/require-sign-in.ts';
import { NotFound } from '../http/errors.tsx';

export interface StaffMember {
  staffId: string;
  personId: string;
  displayName: string;
  role: (typeof STAFF_ROLES)[number];
}

/**
 * Lets only staff through, and only at AAL2. A staff member signed in with a code goes to the
 * step-up page first. Anyone else gets the ordinary 404 page, so staff pages do not reveal that
 * they exist.
 */
export const requireStaff = () =>
  createMiddleware<AppEnv>(async function requireStaff(c, next) {
    const person = c.var.person;
    if (!person) return requireSignIn()(c, next);
    if (!person.staffId) throw new NotFound();
    if (person.assuranceLevel !== 'AAL2') return redirectToStepUp(c);
    return next();
  });

/** Loads the signed-in staff member. Call only behind requireStaff(). */
export async function loadStaffMember(c: Context<AppEnv>): Promise<StaffMember> {
  const person = c.var.person;
  if (!person?.staffId) throw new NotFound();

  const [member] = await c.var.db
    .select({ displayName: staff.displayName, role: staff.role })
    .from(staff)
    .where(eq(staff.id, person.staffId));
  if (!member) throw new NotFound();
  return { staffId: person.staffId, personId: person.personId, ...member };
}

/** Returns whether the staff member belongs to one of the patient's care teams. */
export async function isOnCareTeam(c: Context<AppEnv>, staffId: string, patientId: string) {
  const [link] = await c.var.db
    .select({ careTeamId: patientCareTeams.careTeamId })
    .from(patientCareTeams)
    .innerJoin(careTeamMembers, eq(careTeamMembers.careTeamId, patientCareTeams.careTeamId))
    .where(and(eq(patientCareTeams.patientId, patientId), eq(careTeamMembers.staffId, staffId)))
    .limit(1);
  return link !== undefined;
}

/**
 * Returns the instant break-glass grants are measured against: the clock, or TEST_NOW in
 * development and tests, the same instant the access decision uses.
 */
export function accessNow(c: Context<AppEnv>): Date {
  return c.var.config.clockOverride ?? new Date();
}
