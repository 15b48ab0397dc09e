import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair } from 'jose';
import { defineConfig } from 'vitest/config';

// Worker tests run inside workerd with the real D1, migrated before each test file.
export default defineConfig(async () => {
  const migrations = await readD1Migrations('schema/migrations');
  // A throwaway key for each test run, so no signing key is ever committed. Bindings given here
  // take precedence over .dev.vars, so tests never sign with the development key.
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  const auditSigningKey = { ...(await exportJWK(privateKey)), kid: `test-${randomUUID()}` };
  return {
    plugins: [
      cloudflareTest({
        wrangler: { configPath: './wrangler.toml' },
        miniflare: {
          bindings: {
            TEST_MIGRATIONS: migrations,
            SESSION_PEPPER: 'test-pepper-not-a-secret-0123456789abcdef',
            AUDIT_SIGNING_KEY: JSON.stringify(auditSigningKey),
          },
        },
      }),
    ],
    test: {
      include: ['test/worker/**/*.test.{ts,tsx}'],
      setupFiles: ['test/worker/apply-migrations.ts'],
    },
  };
});
