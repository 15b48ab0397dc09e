import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const SEED_IMPORTS = {
  group: ['**/seed/**'],
  message: 'The worker, views and schema never import seed/: seed/ writes rows, not requests.',
};
const DATABASE_IMPORTS = {
  group: ['drizzle-orm', 'drizzle-orm/*', '**/schema/index.ts'],
  message:
    'This layer receives facts or view models; loading from the database belongs to its caller.',
};
const HTTP_IMPORTS = {
  group: ['hono', 'hono/*'],
  message: 'The policy decision point is pure and knows nothing of requests.',
};
const FEATURE_IMPORTS = {
  group: ['**/audit/**', '**/chart/**', '**/staff/**', '**/account/**', '**/auth/**', '**/http/**'],
  message: 'The policy decision point is pure: callers load facts and write the audit event.',
};
const WORKER_IMPORTS = {
  group: ['**/worker/**'],
  message: 'Views receive plain view models and never import worker code.',
};

export default tseslint.config(
  { ignores: ['node_modules/', '.wrangler/', '.tmp/', 'schema/migrations/'] },
  // Built by scripts/build-assets.mjs from views/passkey.ts and views/idle-warning.ts, which are
  // linted instead.
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
  // The layering rules of DESIGN.md ("Layout"), checked so they hold without anyone remembering.
  {
    files: ['worker/**', 'views/**', 'schema/**'],
    ignores: ['worker/access/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [SEED_IMPORTS] }],
    },
  },
  {
    // access/ is pure: its callers load the facts and it returns the decision.
    files: ['worker/access/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [SEED_IMPORTS, DATABASE_IMPORTS, HTTP_IMPORTS, FEATURE_IMPORTS] },
      ],
    },
  },
  {
    // Views receive plain view models: they never query the database or reach into the worker.
    files: ['views/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [SEED_IMPORTS, DATABASE_IMPORTS, WORKER_IMPORTS] },
      ],
    },
  },
);
