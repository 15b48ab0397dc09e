import { defineConfig } from 'vitest/config';

// Browser tests run in Node and drive Debian's Chromium against a portal started by `npm start`.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 240_000,
    fileParallelism: false,
  },
});
