// Bindings and variables from wrangler.toml and .dev.vars, as the worker receives them.
interface PortalBindings {
  DB: D1Database;
  ENVIRONMENT: 'development' | 'test' | 'staging' | 'production';
  // IANA time zone of the clinic: dates and ages are computed and shown in it.
  CLINIC_TIME_ZONE: string;
  SESSION_IDLE_MINUTES: string;
  SESSION_ABSOLUTE_HOURS: string;
  // Secret key for hashing session tokens and one-time codes (from .dev.vars locally).
  SESSION_PEPPER: string;
  // Private JWK (EC P-256 or Ed25519, with a kid) as JSON, for signing audit chain heads. A
  // Worker secret, from .dev.vars locally. Optional in the type because it may be unset: the
  // worker then signs no head and logs an error.
  AUDIT_SIGNING_KEY?: string;
  // Optional multiplier for every sign-in rate limit, 1 when unset. Worker tests set it high
  // because they sign in many times from one client.
  RATE_LIMIT_FACTOR?: string;
  // WebAuthn relying party id: the site's domain, without scheme or port.
  RP_ID: string;
  // Name an authenticator shows beside a passkey.
  RP_NAME: string;
  // Comma-separated origins, like "http://localhost:8787", that passkey ceremonies may come from.
  EXPECTED_ORIGIN: string;
  // Audit alert thresholds: charts or downloads per actor within minutes, and failed sign-ins
  // per account or client within minutes. Defaults: 20 in 10, and 10 in 15.
  AUDIT_BULK_ACCESS_CHARTS?: string;
  AUDIT_BULK_ACCESS_MINUTES?: string;
  AUDIT_FAILED_SIGN_IN_COUNT?: string;
  AUDIT_FAILED_SIGN_IN_MINUTES?: string;
  // Days audit events are kept before npm run audit:prune may delete them (default 2190).
  AUDIT_RETENTION_DAYS?: string;
  // Address that audit alerts are sent to, an example.org address outside production.
  PRIVACY_OFFICE_EMAIL?: string;
  // Jurisdiction policy for minors and proxies. Each has a default in worker/config.ts.
  // Ages in whole years at which adolescent confidentiality starts and majority is reached.
  CONFIDENTIALITY_AGE?: string;
  MAJORITY_AGE?: string;
  // Comma-separated sensitivity categories hidden from parental proxies of adolescents.
  SENSITIVE_CATEGORIES?: string;
  // "march-1" or "february-28": the birthday of a person born 29 February in other years.
  LEAP_DAY_BIRTHDAY?: string;
  // Months an adult-designated proxy lasts unless the patient renews it.
  ADULT_PROXY_MONTHS?: string;
  // Minutes a break-glass grant lasts.
  BREAK_GLASS_MINUTES?: string;
  // ISO 8601 instant that access decisions use instead of the clock. Tests only: the worker
  // rejects it outside the development and test environments.
  TEST_NOW?: string;
  // "dev-outbox" (default: the outbox table is the delivery channel) or "webhook". Production
  // rejects dev-outbox.
  NOTIFY_PROVIDER?: string;
  // URL the webhook provider POSTs each notification to, as JSON. Its host must be in
  // docs/vendor-register.md with a signed BAA, which test/worker/vendor-register.test.ts checks.
  NOTIFY_WEBHOOK_URL?: string;
}

declare namespace Cloudflare {
  interface Env extends PortalBindings {
    TEST_MIGRATIONS: import('cloudflare:test').D1Migration[];
  }
}

declare namespace Cloudflare {
  interface GlobalProps {
    mainModule: typeof import('../worker/index.ts');
  }
}

// Vite, which runs the worker tests, imports any file as a string with the ?raw suffix. The
// vendor register test reads wrangler.toml and docs/vendor-register.md this way.
declare module '*?raw' {
  const text: string;
  export default text;
}
