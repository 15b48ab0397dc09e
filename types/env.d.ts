// Bindings and variables from wrangler.toml and .dev.vars, as the worker sees them.
interface PortalBindings {
  DB: D1Database;
  ENVIRONMENT: 'development' | 'test' | 'staging' | 'production';
  PUBLIC_ORIGIN: string;
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
