/** Settings read from the worker's environment, checked once per request. */
export interface PortalConfig {
  environment: PortalBindings['ENVIRONMENT'];
  sessionIdleMs: number;
  sessionAbsoluteMs: number;
  clinicTimeZone: string;
  sessionPepper: string;
}

const MINUTE_MS = 60_000;

/** Reads the configuration and throws when a setting is missing or invalid. */
export function readConfig(env: PortalBindings): PortalConfig {
  const idleMinutes = positiveNumber('SESSION_IDLE_MINUTES', env.SESSION_IDLE_MINUTES);
  const absoluteHours = positiveNumber('SESSION_ABSOLUTE_HOURS', env.SESSION_ABSOLUTE_HOURS);

  // A short pepper would make the stored hashes of codes and tokens easier to attack offline.
  if (!env.SESSION_PEPPER || env.SESSION_PEPPER.length < 32) {
    throw new Error('SESSION_PEPPER is missing or shorter than 32 characters');
  }

  return {
    environment: env.ENVIRONMENT,
    sessionIdleMs: idleMinutes * MINUTE_MS,
    sessionAbsoluteMs: absoluteHours * 60 * MINUTE_MS,
    clinicTimeZone: env.CLINIC_TIME_ZONE || 'America/Chicago',
    sessionPepper: env.SESSION_PEPPER,
  };
}

function positiveNumber(name: string, value: string | undefined) {
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed <= 0) {
    throw new Error(`${name} must be a positive number, got ${JSON.stringify(value)}`);
  }
  return parsed;
}
