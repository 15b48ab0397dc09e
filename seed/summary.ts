import { getTableName } from 'drizzle-orm';
import type { PlantedCanary } from './canaries.ts';
import { HardCaseDetector, type HardCaseStatus } from './cases.ts';
import { ageOn } from './dates.ts';
import { SEED_TABLES, type SeedRows } from './rows.ts';
import { RoleExampleFinder, type RoleExample } from './sign-in.ts';

/** Accounts to sign in with after seeding, chosen from the generated rows. */
export interface SignInExamples {
  /** The adult patient with the lowest MRN who has no proxies and is nobody's proxy. */
  patientEmail: string | null;
  /** The parent with the lowest MRN who has active, unrestricted grants for two or more minors. */
  parentEmail: string | null;
  /** Names of that parent's minor children, "Given Family", by MRN. */
  parentChildren: string[];
  /** A clinician's staff account: the one whose email sorts first. */
  staffEmail: string | null;
  /** One account of each hard-case kind: proxies of every kind, staff roles, a teen. */
  roles: RoleExample[];
}

export interface SeedSummary {
  seed: number;
  referenceDate: string;
  patients: number;
  /** Rows written per table, by SQL table name. */
  rows: Record<string, number>;
  signInExamples: SignInExamples;
  /** Every hard case and whether the rows contain it. */
  hardCases: HardCaseStatus[];
  /** Canary values planted with the `canaries` option; empty without it. */
  canaries: PlantedCanary[];
}

/** Collects row counts, sign-in examples and hard cases from row batches as they stream past. */
export class SummaryCollector {
  readonly rows: Record<string, number> = Object.fromEntries(
    SEED_TABLES.map(({ table }) => [getTableName(table), 0]),
  );
  readonly signIn: SignInExamples = {
    patientEmail: null,
    parentEmail: null,
    parentChildren: [],
    staffEmail: null,
    roles: [],
  };
  private readonly roles: RoleExampleFinder;
  private readonly referenceDate: string;
  private readonly hardCases: HardCaseDetector;

  constructor(referenceDate: string) {
    this.referenceDate = referenceDate;
    this.hardCases = new HardCaseDetector(referenceDate);
    this.roles = new RoleExampleFinder(referenceDate);
  }

  add(batch: SeedRows): void {
    for (const { key, table } of SEED_TABLES) {
      this.rows[getTableName(table)]! += batch[key].length;
    }
    this.signIn.staffEmail ??= findClinicianEmail(batch);
    if (!this.signIn.parentEmail) this.findParent(batch);
    this.signIn.patientEmail ??= this.findPlainAdult(batch);
    this.hardCases.add(batch);
    this.roles.add(batch);
  }

  summary(seed: number): SeedSummary {
    return {
      seed,
      referenceDate: this.referenceDate,
      patients: this.rows.patients ?? 0,
      rows: { ...this.rows },
      signInExamples: {
        ...this.signIn,
        parentChildren: [...this.signIn.parentChildren],
        roles: this.roles.examples(),
      },
      hardCases: this.hardCases.statuses(),
      canaries: [],
    };
  }

  private findParent(batch: SeedRows): void {
    const grants = batch.relationships.filter(
      (r) => r.kind === 'parent-of-minor' && r.status === 'active' && r.restrictions === null,
    );
    for (const person of batch.people) {
      const children = grants
        .filter((grant) => grant.proxyPersonId === person.id)
        .map((grant) => batch.patients.find((patient) => patient.id === grant.patientId))
        .filter((child) => child !== undefined && ageOn(child.birthDate, this.referenceDate) < 18);
      if (children.length >= 2) {
        this.signIn.parentEmail = person.email;
        this.signIn.parentChildren = children.map(
          (child) => `${child!.givenName} ${child!.familyName}`,
        );
        return;
      }
    }
  }

  private findPlainAdult(batch: SeedRows): string | null {
    for (const link of batch.personPatients) {
      const patient = batch.patients.find((row) => row.id === link.patientId);
      const person = batch.people.find((row) => row.id === link.personId);
      if (!patient || !person || ageOn(patient.birthDate, this.referenceDate) < 18) continue;
      const involved = batch.relationships.some(
        (r) => r.proxyPersonId === person.id || r.patientId === patient.id,
      );
      // The example shows a whole chart, so it needs test results to open.
      const hasResults = batch.results.some((result) => result.patientId === patient.id);
      if (!involved && hasResults) return person.email;
    }
    return null;
  }
}

// The clinician whose email sorts first, so a summary read back from the database agrees.
function findClinicianEmail(batch: SeedRows): string | null {
  const clinicianPeople = new Set(
    batch.staff.filter((m) => m.role === 'clinician').map((m) => m.personId),
  );
  const emails = batch.people.filter((row) => clinicianPeople.has(row.id)).map((row) => row.email);
  return emails.sort()[0] ?? null;
}
