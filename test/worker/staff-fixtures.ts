// Staff members for worker tests: made-up people on made-up care teams, signed in at AAL2
// through the real code and passkey routes.
import * as schema from '../../schema/index.ts';
import { cookiesFrom, db, ORIGIN, request, signIn } from './fixtures.ts';
import { SoftwareAuthenticator } from './software-authenticator.ts';

export interface TestStaff {
  staffId: string;
  personId: string;
  email: string;
  careTeamId: string;
}

let counter = 0;

/**
 * Inserts a staff member with an account and a care team of their own holding `patientIds`.
 * Pass an empty list for staff who are on no patient's care team.
 */
export async function createStaff(
  label: string,
  role: (typeof schema.STAFF_ROLES)[number],
  patientIds: string[],
): Promise<TestStaff> {
  counter += 1;
  const suffix = `${label}-${counter}`;
  const staffMember = {
    staffId: `staff-${suffix}`,
    personId: `person-staff-${suffix}`,
    email: `staff-${suffix}@example.org`,
    careTeamId: `team-staff-${suffix}`,
  };
  const d = db();

  await d.batch([
    d.insert(schema.people).values({
      id: staffMember.personId,
      email: staffMember.email,
      displayName: `Test Staff ${label}`,
      createdAt: '2026-01-01T00:00:00.000Z',
    }),
    d.insert(schema.staff).values({
      id: staffMember.staffId,
      personId: staffMember.personId,
      role,
      displayName: `Test Staff ${label}`,
    }),
    d.insert(schema.careTeams).values({
      id: staffMember.careTeamId,
      name: `Test Care Team ${label}`,
      department: 'Family Medicine',
    }),
    d.insert(schema.careTeamMembers).values({
      careTeamId: staffMember.careTeamId,
      staffId: staffMember.staffId,
    }),
  ]);
  for (const patientId of patientIds) {
    await d
      .insert(schema.patientCareTeams)
      .values({ patientId, careTeamId: staffMember.careTeamId });
  }
  return staffMember;
}

/**
 * Signs in with a one-time code, then registers a passkey through the real WebAuthn routes,
 * which raises the session to AAL2. Returns the new session's cookie.
 */
export async function signInAtAal2(email: string): Promise<string> {
  const cookie = await signIn(email);
  const authenticator = new SoftwareAuthenticator(ORIGIN);
  const options = await postJson('/passkeys/registration/options', {}, cookie);
  const response = await authenticator.register((await options.json()) as never);
  const verified = await postJson(
    '/passkeys/registration/verification',
    { response, name: 'Test phone' },
    cookie,
  );
  if (verified.status !== 200) throw new Error(`passkey registration failed: ${verified.status}`);
  return cookiesFrom(verified, cookie);
}

function postJson(path: string, body: unknown, cookie: string) {
  return request(path, {
    method: 'POST',
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json' },
    cookie,
  });
}
