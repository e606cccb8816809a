import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';
import boundaries from './eslint-rules/module-boundaries.js';

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'data', '.tmp', 'drizzle', 'bench/results'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    files: ['web/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  {
    // The browser's API types come from the server's zod schemas, imported as types only: no server code in the bundle.
    files: ['web/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/server/**'], allowTypeImports: true, message: '网页只能以 import type 引用服务端的 schema 类型。' }] },
      ],
    },
  },
  {
    // Routes hold no SQL: the query builder belongs in repositories and services.
    files: ['server/modules/**/*.routes.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'drizzle-orm', message: '路由中不写 SQL：请放到 repository / service。' }] }],
    },
  },
  {
    // A module imports another only through its index.ts; the platform imports no module.
    files: ['server/**/*.ts'],
    plugins: { groundwork: boundaries },
    rules: { 'groundwork/module-boundaries': 'error' },
  },
);
