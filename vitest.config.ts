import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';

// Worker tests run inside workerd with the real D1, migrated before each test file.
export default defineConfig(async () => {
  const migrations = await readD1Migrations('schema/migrations');
  return {
    plugins: [
      cloudflareTest({
        wrangler: { configPath: './wrangler.toml' },
        miniflare: {
          bindings: {
            TEST_MIGRATIONS: migrations,
            SESSION_PEPPER: 'test-pepper-not-a-secret-0123456789abcdef',
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
