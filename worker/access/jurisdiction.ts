import type { Sensitivity } from '../../schema/chart.ts';
import { ageOn, type LeapDayBirthday } from './calendar.ts';

/** The rules for minors and proxies that vary by state, read from configuration. */
export interface JurisdictionPolicy {
  // Age from which adolescent confidentiality hides sensitive items from parental proxies.
  confidentialityAge: number;
  // Age of majority: parental relationships end on this birthday.
  majorityAge: number;
  sensitiveCategories: Sensitivity[];
  leapDayBirthday: LeapDayBirthday;
  // Months an adult-designated proxy lasts from its approval unless the patient renews it.
  adultProxyMonths: number;
}

export const DEFAULT_JURISDICTION_POLICY: JurisdictionPolicy = {
  confidentialityAge: 12,
  majorityAge: 18,
  sensitiveCategories: ['mental-health', 'sexual-reproductive-health', 'substance-use'],
  leapDayBirthday: 'march-1',
  adultProxyMonths: 18,
};

/** The patient's age group on a calendar date, as the jurisdiction policy defines it. */
export type AgeGroup = 'child' | 'adolescent' | 'adult';

/**
 * Classifies a patient by age on a calendar date. A missing birth date counts as an adult, so
 * parental relationships then grant nothing by themselves.
 */
export function ageGroupOn(
  birthDate: string | null,
  today: string,
  policy: JurisdictionPolicy,
): AgeGroup {
  if (!birthDate) return 'adult';
  const age = ageOn(birthDate, today, policy.leapDayBirthday);
  if (age >= policy.majorityAge) return 'adult';
  return age >= policy.confidentialityAge ? 'adolescent' : 'child';
}
