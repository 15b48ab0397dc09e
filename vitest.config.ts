import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair } from 'jose';
import { defineConfig } from 'vitest/config';
import { buildAssetsIfStale } from './scripts/build-assets.mjs';
import { appendCaptured } from './test/console-capture.ts';

// Worker tests run inside workerd with the real D1, migrated before each test file.
export default defineConfig(async () => {
  const migrations = await readD1Migrations('schema/migrations');
  // The worker imports the built passkey script, so it must exist before workerd loads it.
  await buildAssetsIfStale();
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
            // Tests sign in many times from one client; test/worker/rate-limit.test.ts sets it to 1.
            RATE_LIMIT_FACTOR: '100',
            // Worker tests send requests to http://localhost, so passkey ceremonies come from there.
            EXPECTED_ORIGIN: 'http://localhost',
          },
        },
      }),
    ],
    test: {
      include: ['test/worker/**/*.test.{ts,tsx}'],
      setupFiles: ['test/worker/apply-migrations.ts'],
      // Every console line of the tests and the worker goes to the capture file, and the global
      // setup fails the run when one contains a canary value planted by the seed.
      globalSetup: ['test/canary-check.global.ts'],
      onConsoleLog(line: string) {
        appendCaptured(line.endsWith('\n') ? line : `${line}\n`);
      },
    },
  };
});
