import type { Faker } from '@faker-js/faker';
import { clinicInstantMs, isoInstant } from '../dates.ts';
import { intBetween, newId } from '../random.ts';
import { emptyRows, type SeedRows } from '../rows.ts';
import { STAFF_EMAIL_DOMAIN, emailLocalPart } from './identity.ts';

export type TeamKey = 'familyMedicine' | 'pediatrics' | 'internalMedicine' | 'behavioralHealth';
export type StaffRole = 'clinician' | 'nurse' | 'front-desk' | 'privacy-officer';

export interface StaffMember {
  staffId: string;
  personId: string;
  role: StaffRole;
  displayName: string;
  email: string;
  givenName: string;
}

export interface CareTeam {
  key: TeamKey;
  id: string;
  name: string;
  department: string;
  /** Place of in-person visits with this team. */
  location: string;
  clinicians: StaffMember[];
  nurses: StaffMember[];
  frontDesk: StaffMember[];
}

export interface Clinic {
  teams: Record<TeamKey, CareTeam>;
  staff: StaffMember[];
  /** The staff member who checks legal documents and approves proxy grants. */
  approver: StaffMember;
}

interface TeamPlan {
  key: TeamKey;
  name: string;
  department: string;
  location: string;
}

// The clinic names and addresses are made up.
const TEAM_PLANS: readonly TeamPlan[] = [
  {
    key: 'familyMedicine',
    name: 'Family Medicine team',
    department: 'Family Medicine',
    location: 'Northgate Clinic, Family Medicine, 2nd floor',
  },
  {
    key: 'pediatrics',
    name: 'Pediatrics team',
    department: 'Pediatrics',
    location: 'Northgate Clinic, Pediatrics, 1st floor',
  },
  {
    key: 'internalMedicine',
    name: 'Internal Medicine team',
    department: 'Internal Medicine',
    location: 'Riverside Clinic, Internal Medicine, Suite 300',
  },
  {
    key: 'behavioralHealth',
    name: 'Behavioral Health team',
    department: 'Behavioral Health',
    location: 'Riverside Clinic, Behavioral Health, Suite 120',
  },
];

interface StaffPlan {
  role: StaffRole;
  /** Shown after the name: "Dr. Ada Quill, MD" for physicians, "Ada Quill, RN" otherwise. */
  credential: string;
  physician: boolean;
  teams: readonly TeamKey[];
}

// Twelve staff members: enough for every team to have clinicians, a nurse and a front desk.
const STAFF_PLANS: readonly StaffPlan[] = [
  { role: 'clinician', credential: 'MD', physician: true, teams: ['familyMedicine'] },
  { role: 'clinician', credential: 'DO', physician: true, teams: ['familyMedicine'] },
  { role: 'nurse', credential: 'RN', physician: false, teams: ['familyMedicine'] },
  { role: 'clinician', credential: 'MD', physician: true, teams: ['pediatrics'] },
  { role: 'clinician', credential: 'CPNP', physician: false, teams: ['pediatrics'] },
  { role: 'nurse', credential: 'RN', physician: false, teams: ['pediatrics'] },
  { role: 'clinician', credential: 'MD', physician: true, teams: ['internalMedicine'] },
  {
    role: 'nurse',
    credential: 'RN',
    physician: false,
    teams: ['internalMedicine', 'behavioralHealth'],
  },
  { role: 'clinician', credential: 'MD', physician: true, teams: ['behavioralHealth'] },
  {
    role: 'front-desk',
    credential: 'Patient Services',
    physician: false,
    teams: ['familyMedicine', 'internalMedicine'],
  },
  {
    role: 'front-desk',
    credential: 'Patient Services',
    physician: false,
    teams: ['pediatrics', 'behavioralHealth'],
  },
  { role: 'privacy-officer', credential: 'Privacy Officer', physician: false, teams: [] },
];

/** Generates the staff, their sign-in accounts and the care teams they belong to. */
export function generateClinic(
  faker: Faker,
  referenceDay: number,
): { clinic: Clinic; rows: SeedRows } {
  const rows = emptyRows();
  const teams = {} as Record<TeamKey, CareTeam>;

  for (const plan of TEAM_PLANS) {
    const team: CareTeam = { ...plan, id: newId(faker), clinicians: [], nurses: [], frontDesk: [] };
    teams[plan.key] = team;
    rows.careTeams.push({ id: team.id, name: team.name, department: team.department });
  }

  const usedEmails = new Set<string>();
  const staff: StaffMember[] = [];
  for (const plan of STAFF_PLANS) {
    const member = createStaffMember(faker, plan, usedEmails);
    staff.push(member);
    const createdAt = isoInstant(
      clinicInstantMs(referenceDay - intBetween(faker, 400, 3000), 9 * 60),
    );
    rows.people.push({
      id: member.personId,
      email: member.email,
      displayName: member.displayName,
      createdAt,
      disabledAt: null,
    });
    rows.staff.push({
      id: member.staffId,
      personId: member.personId,
      role: member.role,
      displayName: member.displayName,
    });

    for (const key of plan.teams) {
      const team = teams[key];
      rows.careTeamMembers.push({ careTeamId: team.id, staffId: member.staffId });
      if (plan.role === 'clinician') team.clinicians.push(member);
      if (plan.role === 'nurse') team.nurses.push(member);
      if (plan.role === 'front-desk') team.frontDesk.push(member);
    }
  }

  const approver = staff.find((member) => member.role === 'front-desk')!;
  return { clinic: { teams, staff, approver }, rows };
}

function createStaffMember(faker: Faker, plan: StaffPlan, usedEmails: Set<string>): StaffMember {
  const givenName = faker.person.firstName();
  const familyName = faker.person.lastName();
  const fullName = `${givenName} ${familyName}`;
  const displayName = plan.physician
    ? `Dr. ${fullName}, ${plan.credential}`
    : `${fullName}, ${plan.credential}`;

  const base = `${emailLocalPart(givenName)}.${emailLocalPart(familyName)}`;
  let email = `${base}@${STAFF_EMAIL_DOMAIN}`;
  for (let n = 2; usedEmails.has(email); n += 1) {
    email = `${base}${n}@${STAFF_EMAIL_DOMAIN}`;
  }
  usedEmails.add(email);

  return {
    staffId: newId(faker),
    personId: newId(faker),
    role: plan.role,
    displayName,
    email,
    givenName,
  };
}
