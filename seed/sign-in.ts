// Accounts of every kind that `npm start` lists to sign in with, found in the generated rows.
// Each finder reads one row batch: a household's proxies and patients come in the same batch,
// and the staff come in the first.

import { ageOn, parseIsoDate } from './dates.ts';
import type { SeedRows } from './rows.ts';

/** One account to sign in with, and what makes it worth trying. */
export interface RoleExample {
  label: string;
  email: string;
}

type Finder = (batch: SeedRows, referenceDate: string) => string | null;

const EXPIRING_WITHIN_DAYS = 30;

/** The kinds of account, in the order the start banner lists them. */
const ROLE_FINDERS: readonly { label: string; find: Finder }[] = [
  { label: 'a teen with confidential visits', find: confidentialTeen },
  { label: 'a parent the teen gave consent to', find: (batch) => consentedParent(batch, true) },
  { label: "a parent without the teen's consent", find: (batch) => consentedParent(batch, false) },
  {
    label: 'a parent barred by a court order',
    find: (batch) => proxyEmail(batch, (grant) => grant.restrictedScopes != null),
  },
  {
    label: 'a court-appointed guardian of an adult',
    find: (batch) => proxyEmail(batch, (grant) => grant.kind === 'court-appointed-guardian'),
  },
  {
    label: 'a health-care power of attorney',
    find: (batch) => proxyEmail(batch, (grant) => grant.kind === 'health-care-power-of-attorney'),
  },
  { label: 'a proxy whose grant ends within 30 days', find: expiringProxy },
  {
    label: 'a proxy whose grant expired',
    find: (batch) =>
      proxyEmail(batch, (grant) => grant.status === 'expired', 'adult-designated-proxy'),
  },
  {
    label: 'a proxy whose grant was revoked',
    find: (batch) => proxyEmail(batch, (grant) => grant.status === 'revoked'),
  },
  { label: 'a privacy officer', find: (batch) => staffEmail(batch, 'privacy-officer') },
  { label: 'a front-desk staff member', find: (batch) => staffEmail(batch, 'front-desk') },
  {
    label: "a clinician outside the Pediatrics team (break-glass into a child's chart)",
    find: clinicianOutsidePediatrics,
  },
];

/** Collects the first account of each kind from row batches as they stream past. */
export class RoleExampleFinder {
  private readonly found = new Map<string, string>();
  private readonly referenceDate: string;

  constructor(referenceDate: string) {
    this.referenceDate = referenceDate;
  }

  add(batch: SeedRows): void {
    for (const { label, find } of ROLE_FINDERS) {
      if (this.found.has(label)) continue;
      const email = find(batch, this.referenceDate);
      if (email) this.found.set(label, email);
    }
  }

  examples(): RoleExample[] {
    return ROLE_FINDERS.filter(({ label }) => this.found.has(label)).map(({ label }) => ({
      label,
      email: this.found.get(label)!,
    }));
  }
}

function emailOf(batch: SeedRows, personId: string | null | undefined): string | null {
  return batch.people.find((person) => person.id === personId)?.email ?? null;
}

function isTeen(birthDate: string, referenceDate: string): boolean {
  const age = ageOn(birthDate, referenceDate);
  return age >= 13 && age <= 17;
}

function confidentialTeen(batch: SeedRows, referenceDate: string): string | null {
  for (const visit of batch.visits) {
    if (visit.sensitivity === 'normal') continue;
    const patient = batch.patients.find((p) => p.id === visit.patientId);
    if (!patient || !isTeen(patient.birthDate, referenceDate)) continue;
    const link = batch.personPatients.find((row) => row.patientId === patient.id);
    if (link) return emailOf(batch, link.personId);
  }
  return null;
}

// A parent of a teen who has consented for one parent, so both examples share one family.
function consentedParent(batch: SeedRows, consented: boolean): string | null {
  for (const consent of batch.proxyConsents) {
    if (consent.revokedAt) continue;
    if (consented) return emailOf(batch, consent.proxyPersonId);
    const other = batch.relationships.find(
      (grant) =>
        grant.patientId === consent.patientId &&
        grant.kind === 'parent-of-minor' &&
        grant.status === 'active' &&
        grant.proxyPersonId !== consent.proxyPersonId,
    );
    if (other) return emailOf(batch, other.proxyPersonId);
  }
  return null;
}

function proxyEmail(
  batch: SeedRows,
  matches: (grant: SeedRows['relationships'][number]) => boolean,
  kind?: SeedRows['relationships'][number]['kind'],
): string | null {
  const grant = batch.relationships.find((row) => matches(row) && (!kind || row.kind === kind));
  return grant ? emailOf(batch, grant.proxyPersonId) : null;
}

function expiringProxy(batch: SeedRows, referenceDate: string): string | null {
  const referenceDay = parseIsoDate(referenceDate);
  return proxyEmail(batch, (grant) => {
    if (grant.status !== 'active' || !grant.validTo) return false;
    const daysLeft = parseIsoDate(grant.validTo) - referenceDay;
    return (
      daysLeft > 0 && daysLeft <= EXPIRING_WITHIN_DAYS && grant.kind === 'adult-designated-proxy'
    );
  });
}

function staffEmail(batch: SeedRows, role: SeedRows['staff'][number]['role']): string | null {
  const member = batch.staff.find((row) => row.role === role);
  return member ? emailOf(batch, member.personId) : null;
}

function clinicianOutsidePediatrics(batch: SeedRows): string | null {
  const pediatrics = batch.careTeams.find((team) => team.name === 'Pediatrics team');
  if (!pediatrics) return null;
  const onPediatrics = new Set(
    batch.careTeamMembers.filter((m) => m.careTeamId === pediatrics.id).map((m) => m.staffId),
  );
  const clinician = batch.staff.find(
    (row) => row.role === 'clinician' && !onPediatrics.has(row.id),
  );
  return clinician ? emailOf(batch, clinician.personId) : null;
}
