import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['.output/', '.wxt/', 'node_modules/', 'test-results/', 'playwright-report/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': ['error', { allow: ['warn', 'error', 'info'] }],
    },
  },
  {
    // The pure core runs in every context and in Node: it must not reach for browser APIs.
    files: ['lib/cable/**', 'lib/circle/**', 'lib/settings/**', 'lib/badge/**', 'lib/store/reducer*'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['wxt/*', 'webextension-polyfill', '**/platform/**'] }],
      'no-restricted-globals': ['error', 'chrome', 'browser'],
    },
  },
  {
    // The brain is handed the browser (lib/brain/port.ts), so its tests need no module mocks.
    files: ['lib/brain/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [{ group: ['wxt/*', 'webextension-polyfill', '**/platform/**'], allowTypeImports: true }] }],
      'no-restricted-globals': ['error', 'chrome', 'browser'],
    },
  },
);
