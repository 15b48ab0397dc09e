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
