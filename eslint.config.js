import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['node_modules/', '.wrangler/', '.tmp/', 'schema/migrations/'] },
  // Built by scripts/build-assets.mjs from views/passkey.ts, which is linted instead.
  { ignores: ['views/static/*.min.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    files: ['scripts/**', 'test/e2e/**', '*.config.*'],
    languageOptions: { globals: globals.node },
  },
  {
    // The worker runs in workerd: console output there goes through the one logger.
    files: ['worker/**', 'views/**'],
    ignores: ['worker/phi/log.ts'],
    rules: { 'no-console': 'error' },
  },
);
