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
      'no-restricted-imports': ['error', { patterns: ['wxt/*', 'webextension-polyfill', '**/platform/**'] }],
      'no-restricted-globals': ['error', 'chrome', 'browser'],
    },
  },
  {
    // The contract between the contexts sits below everyone: types, codes and the typed ask/listen, no browser.
    files: ['lib/wire/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['wxt/*', 'webextension-polyfill', '**/platform/**', '**/brain/**', '**/host/**', '**/store/**'] }],
      'no-restricted-globals': ['error', 'chrome', 'browser'],
    },
  },
  {
    // The browser's side serves the brain; it never reaches back up into it (the contract is lib/wire).
    files: ['lib/platform/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['**/brain/**'] }],
    },
  },
);
