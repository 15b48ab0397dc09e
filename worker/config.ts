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
    sessionIdleMs: idleMinutes * MINUTE_MS,
    sessionAbsoluteMs: absoluteHours * 60 * MINUTE_MS,
    clinicTimeZone: env.CLINIC_TIME_ZONE || 'America/Chicago',
    sessionPepper: env.SESSION_PEPPER,
    rateLimitFactor,
    rpId: env.RP_ID,
    rpName: env.RP_NAME || 'Patient portal',
    expectedOrigins,
  };
}

function positiveNumber(name: string, value: string | undefined) {
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed <= 0) {
    throw new Error(`${name} must be a positive number, got ${JSON.stringify(value)}`);
  }
  return parsed;
}
