import type { Faker } from '@faker-js/faker';
import type { Sensitivity } from '../../schema/chart.ts';
import type { AcuteRule } from '../clinical/acute.ts';
import type { AllergyRule } from '../clinical/allergies.ts';
import type { ConditionId, ConditionRule } from '../clinical/conditions.ts';
import type { LabPanelId, Sex } from '../clinical/labs.ts';
import type { CareTeam, Clinic, StaffMember } from '../population/clinic.ts';
import type { SeedRows } from '../rows.ts';

/** Everything a chart generator needs: the random stream, the clock stand-in and the output. */
export interface ChartContext {
  faker: Faker;
  referenceDate: string;
  referenceDay: number;
  /**
   * Midnight at the clinic at the start of the reference date. Every past event happens
   * before it and every booked appointment after it, whatever the hour of the reference date.
   */
  referenceMs: number;
  clinic: Clinic;
  rows: SeedRows;
}

export interface ConditionState {
  id: ConditionId;
  rule: ConditionRule;
  controlled: boolean;
  onsetDay: number;
}

/** A patient as the chart generators see one. */
export interface ChartPatient {
  id: string;
  givenName: string;
  familyName: string;
  sex: Sex;
  birthDate: string;
  birthDay: number;
  /** Age in whole years on the reference date. */
  age: number;
  /** The day the clinic opened the record; no visit happens before it. */
  recordStartDay: number;
  /** The patient's own sign-in account, for patients aged 13 and over. */
  personId: string | null;
  accountCreatedMs: number | null;
  /** Proxies with an active grant, from the moment the grant was recorded. */
  proxies: { personId: string; sinceMs: number; messaging: boolean }[];
  team: CareTeam;
  behavioralTeam: CareTeam | null;
  /** The patient's primary care clinician. */
  clinician: StaffMember;
  conditions: ConditionState[];
  allergies: AllergyRule[];
  confidentialVisit: boolean;
}

export type VisitKind = 'office' | 'annual' | 'telehealth' | 'lab' | 'urgent' | 'well-child';

/** A past visit before its rows exist. */
export interface PlannedVisit {
  id: string;
  day: number;
  /** Minutes after midnight, clinic time. */
  minutes: number;
  kind: VisitKind;
  reason: string;
  department: string;
  team: CareTeam | null;
  clinician: StaffMember | null;
  sensitivity: Sensitivity;
  panels: LabPanelId[];
  /** CPT code of the visit itself; null for visits billed only for their tests. */
  visitCpt: string | null;
  acute: AcuteRule | null;
}
