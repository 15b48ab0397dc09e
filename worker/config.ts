import { SENSITIVITY, type Sensitivity } from '../schema/chart.ts';
import type { JurisdictionPolicy } from './access/jurisdiction.ts';
import { readNotifyConfig, type NotifyConfig } from './notify/config.ts';

/** Settings read from the worker's environment, checked once per request. */
export interface PortalConfig {
  environment: PortalBindings['ENVIRONMENT'];
  sessionIdleMs: number;
  sessionAbsoluteMs: number;
  clinicTimeZone: string;
  sessionPepper: string;
  // Multiplier for every rate limit in worker/http/rate-limit.ts, from RATE_LIMIT_FACTOR (default 1).
  rateLimitFactor: number;
  // WebAuthn relying party: the domain passkeys are bound to, its name shown by authenticators,
  // and the page origins a ceremony may come from.
  rpId: string;
  rpName: string;
  expectedOrigins: string[];
  audit: AuditConfig;
  // Rules for minors and proxies that vary by state: ages, sensitive categories, leap-day rule.
  jurisdiction: JurisdictionPolicy;
  // How long a break-glass grant lasts, from BREAK_GLASS_MINUTES (default 60).
  breakGlassMinutes: number;
  // The instant access decisions use instead of the clock, from TEST_NOW. Only development
  // and test environments accept it, and readConfig throws when it is set anywhere else.
  clockOverride: Date | null;
  // The email and SMS provider: the development outbox or a webhook.
  notify: NotifyConfig;
}

/** Thresholds of the audit alerts, the retention period and where alerts are sent. */
export interface AuditConfig {
  // One actor reaching this many distinct charts, or this many downloads, within
  // bulkAccessMinutes raises a bulk-access alert.
  bulkAccessCharts: number;
  bulkAccessMinutes: number;
  // This many failed sign-ins for one account, or from one client, within failedSignInMinutes
  // raise a failed-sign-in-burst alert.
  failedSignInCount: number;
  failedSignInMinutes: number;
  // Audit events younger than this are never pruned.
  retentionDays: number;
  privacyOfficeEmail: string;
}

const MINUTE_MS = 60_000;

/** Reads the configuration and throws when a setting is missing or invalid. */
export function readConfig(env: PortalBindings): PortalConfig {
  const idleMinutes = positiveNumber('SESSION_IDLE_MINUTES', env.SESSION_IDLE_MINUTES);
  const absoluteHours = positiveNumber('SESSION_ABSOLUTE_HOURS', env.SESSION_ABSOLUTE_HOURS);
  const rateLimitFactor = positiveNumber('RATE_LIMIT_FACTOR', env.RATE_LIMIT_FACTOR ?? '1');

  // A short pepper would make the stored hashes of codes and tokens easier to attack offline.
  if (!env.SESSION_PEPPER || env.SESSION_PEPPER.length < 32) {
    throw new Error('SESSION_PEPPER is missing or shorter than 32 characters');
  }

  const expectedOrigins = (env.EXPECTED_ORIGIN ?? '')
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean);
  if (!env.RP_ID || expectedOrigins.length === 0) {
    throw new Error('RP_ID and EXPECTED_ORIGIN must be set for passkeys');
  }

  return {
    environment: env.ENVIRONMENT,
    jurisdiction: readJurisdiction(env),
    breakGlassMinutes: positiveNumber('BREAK_GLASS_MINUTES', env.BREAK_GLASS_MINUTES ?? '60'),
    clockOverride: readClockOverride(env),
    sessionIdleMs: idleMinutes * MINUTE_MS,
    sessionAbsoluteMs: absoluteHours * 60 * MINUTE_MS,
    clinicTimeZone: env.CLINIC_TIME_ZONE || 'America/Chicago',
    sessionPepper: env.SESSION_PEPPER,
    rateLimitFactor,
    rpId: env.RP_ID,
    rpName: env.RP_NAME || 'Patient portal',
    expectedOrigins,
    audit: readAuditConfig(env),
    notify: readNotifyConfig(env),
  };
}

function readAuditConfig(env: PortalBindings): AuditConfig {
  return {
    bulkAccessCharts: positiveNumber(
      'AUDIT_BULK_ACCESS_CHARTS',
      env.AUDIT_BULK_ACCESS_CHARTS ?? '20',
    ),
    bulkAccessMinutes: positiveNumber(
      'AUDIT_BULK_ACCESS_MINUTES',
      env.AUDIT_BULK_ACCESS_MINUTES ?? '10',
    ),
    failedSignInCount: positiveNumber(
      'AUDIT_FAILED_SIGN_IN_COUNT',
      env.AUDIT_FAILED_SIGN_IN_COUNT ?? '10',
    ),
    failedSignInMinutes: positiveNumber(
      'AUDIT_FAILED_SIGN_IN_MINUTES',
      env.AUDIT_FAILED_SIGN_IN_MINUTES ?? '15',
    ),
    // 2190 days is six years, the retention HIPAA sets for its required documentation.
    retentionDays: positiveNumber('AUDIT_RETENTION_DAYS', env.AUDIT_RETENTION_DAYS ?? '2190'),
    privacyOfficeEmail: env.PRIVACY_OFFICE_EMAIL || 'privacy-office@example.org',
  };
}

function readJurisdiction(env: PortalBindings): JurisdictionPolicy {
  const confidentialityAge = positiveNumber('CONFIDENTIALITY_AGE', env.CONFIDENTIALITY_AGE ?? '12');
  const majorityAge = positiveNumber('MAJORITY_AGE', env.MAJORITY_AGE ?? '18');
  if (confidentialityAge >= majorityAge) {
    throw new Error(
      `CONFIDENTIALITY_AGE (${confidentialityAge}) must be below MAJORITY_AGE (${majorityAge})`,
    );
  }

  const categories = (
    env.SENSITIVE_CATEGORIES ?? 'mental-health,sexual-reproductive-health,substance-use'
  )
    .split(',')
    .map((category) => category.trim())
    .filter(Boolean);
  for (const category of categories) {
    if (category === 'normal' || !SENSITIVITY.includes(category as Sensitivity)) {
      throw new Error(
        `SENSITIVE_CATEGORIES has an invalid category ${JSON.stringify(category)}. Use one of: ${SENSITIVITY.slice(1).join(', ')}`,
      );
    }
  }

  const leapDayBirthday = env.LEAP_DAY_BIRTHDAY ?? 'march-1';
  if (leapDayBirthday !== 'march-1' && leapDayBirthday !== 'february-28') {
    throw new Error(
      `LEAP_DAY_BIRTHDAY must be "march-1" or "february-28", got ${JSON.stringify(leapDayBirthday)}`,
    );
  }

  return {
    confidentialityAge,
    majorityAge,
    sensitiveCategories: categories as Sensitivity[],
    leapDayBirthday,
    adultProxyMonths: positiveNumber('ADULT_PROXY_MONTHS', env.ADULT_PROXY_MONTHS ?? '18'),
  };
}

// A fixed clock lets tests decide access on the day before and the day of a birthday. A
// deployed worker must never run on a clock someone configured, so only development and test
// environments accept it.
function readClockOverride(env: PortalBindings): Date | null {
  if (!env.TEST_NOW) return null;
  if (env.ENVIRONMENT !== 'development' && env.ENVIRONMENT !== 'test') {
    throw new Error(
      `TEST_NOW is set, but the ${env.ENVIRONMENT} environment does not accept it. Remove TEST_NOW`,
    );
  }
  const instant = new Date(env.TEST_NOW);
  if (Number.isNaN(instant.getTime())) {
    throw new Error(`TEST_NOW must be an ISO 8601 instant, got ${JSON.stringify(env.TEST_NOW)}`);
  }
  return instant;
}

function positiveNumber(name: string, value: string | undefined) {
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed <= 0) {
    throw new Error(`${name} must be a positive number, got ${JSON.stringify(value)}`);
  }
  return parsed;
}
