// Detection of the hard cases every population of at least MIN_PATIENTS_FOR_HARD_CASES patients
// must contain. Detection reads only generated rows, so it checks what was written, not what the
// scenarios meant to write. A household's proxies and patients come in the same row batch, so
// each batch can be checked on its own while the population streams past.

import { HARD_CASES, type CaseContext } from './case-rules.ts';
import { ageOn, parseIsoDate } from './dates.ts';
import type { SeedRows } from './rows.ts';

/**
 * Populations this large or larger contain every hard case, since the scenario households take
 * the first 33 patients.
 */
export const MIN_PATIENTS_FOR_HARD_CASES = 50;

/** Ids of every hard case, in the order the summary lists them. */
export const HARD_CASE_IDS: readonly string[] = HARD_CASES.map((hardCase) => hardCase.id);

/** One line of the summary: a hard case and whether the population has it. */
export interface HardCaseStatus {
  id: string;
  label: string;
  present: boolean;
}

/**
 * Records which hard cases appear in row batches as they stream past.
 *
 * @example
 * const detector = new HardCaseDetector('2026-11-03');
 * for (const batch of generatePopulation(options)) detector.add(batch);
 * detector.missing(); // [] for a population of 50 patients or more
 */
export class HardCaseDetector {
  private readonly referenceDate: string;
  private readonly referenceDay: number;
  private readonly found = new Set<string>();
  private readonly clinicianTeams = new Map<string, Set<string>>();
  private readonly staffRoles = new Set<string>();

  constructor(referenceDate: string) {
    this.referenceDate = referenceDate;
    this.referenceDay = parseIsoDate(referenceDate);
  }

  add(batch: SeedRows): void {
    if (this.found.size === HARD_CASES.length) return;
    this.addStaff(batch);
    const ages = new Map(batch.patients.map((p) => [p.id, ageOn(p.birthDate, this.referenceDate)]));
    const context: CaseContext = {
      batch,
      referenceDate: this.referenceDate,
      referenceDay: this.referenceDay,
      ageOf: (patient) => ages.get(patient.id)!,
      clinicianTeams: this.clinicianTeams,
      staffRoles: this.staffRoles,
    };
    for (const hardCase of HARD_CASES) {
      if (!this.found.has(hardCase.id) && hardCase.present(context)) this.found.add(hardCase.id);
    }
  }

  private addStaff(batch: SeedRows): void {
    for (const member of batch.staff) {
      this.staffRoles.add(member.role);
      if (member.role === 'clinician') this.clinicianTeams.set(member.id, new Set());
    }
    for (const { staffId, careTeamId } of batch.careTeamMembers) {
      this.clinicianTeams.get(staffId)?.add(careTeamId);
    }
  }

  statuses(): HardCaseStatus[] {
    return HARD_CASES.map(({ id, label }) => ({ id, label, present: this.found.has(id) }));
  }

  missing(): string[] {
    return HARD_CASE_IDS.filter((id) => !this.found.has(id));
  }
}
