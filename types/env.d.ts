// Bindings and variables from wrangler.toml and .dev.vars, as the worker sees them.
interface PortalBindings {
  DB: D1Database;
  ENVIRONMENT: 'development' | 'test' | 'staging' | 'production';
  // IANA time zone of the clinic: dates and ages are computed and shown in it.
  CLINIC_TIME_ZONE: string;
  SESSION_IDLE_MINUTES: string;
  SESSION_ABSOLUTE_HOURS: string;
  // Secret key for hashing session tokens and one-time codes (from .dev.vars locally).
  SESSION_PEPPER: string;
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
