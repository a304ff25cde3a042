// Lint: typescript-eslint rules plus the import boundaries of the design
// (shared/ is pure; renderer/ never reaches into main/ or sync-server/).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const nodeBuiltins = [
  'node:*', 'fs', 'fs/*', 'path', 'os', 'net', 'http', 'https', 'child_process', 'crypto', 'stream',
  'worker_threads', 'url', 'util', 'events', 'zlib', 'dgram', 'tls', 'cluster',
];

const restrict = (patterns, message) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }],
});

export default tseslint.config(
  {
    ignores: ['node_modules/**', 'out/**', 'dist/**', 'data/**', 'bench/results/**', 'test-results/**', '**/*.d.ts'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.node, ...globals.browser },
      parserOptions: {
        project: ['./tsconfig.node.json', './tsconfig.web.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['shared/**/*.ts'],
    ignores: ['shared/**/*.test.ts'],
    rules: restrict(
      [
        '**/main/**', '**/renderer/**', '**/sync-server/**', '**/test/**',
        'react', 'react-dom', 'react/*', 'electron', 'electron/*', 'rxdb', 'rxdb/*', 'dexie', 'fastify', 'fastify/*',
        '@fastify/*', 'better-sqlite3', 'pg', 'pino', 'zustand', '@tanstack/*',
        ...nodeBuiltins,
      ],
      'shared/ is pure domain code: no I/O, no UI, no Electron, no RxDB, no server imports.',
    ),
  },
  {
    files: ['shared/**/*.test.ts'],
    rules: restrict(
      ['**/main/**', '**/renderer/**', '**/sync-server/**', 'react', 'electron', 'rxdb', 'rxdb/*', 'dexie'],
      'shared/ tests exercise shared/ only.',
    ),
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: restrict(
      ['**/main/**', '**/sync-server/**', 'electron', 'electron/*', 'better-sqlite3', 'pg', 'fastify', ...nodeBuiltins],
      'renderer/ runs in a sandboxed page: it talks to main only through window.pos and to the server over HTTP.',
    ),
  },
  {
    files: ['renderer/**/*.test.{ts,tsx}', 'renderer/vite.config.ts'],
    rules: restrict(['**/main/**', '**/sync-server/**', 'electron'], 'renderer tests stay inside renderer/ and shared/.'),
  },
  {
    files: ['main/**/*.ts'],
    rules: restrict(['**/renderer/**', '**/sync-server/**', 'react', 'react-dom', 'rxdb', 'rxdb/*', 'dexie'], 'main/ is the Electron shell: it never imports the renderer or the server.'),
  },
  {
    files: ['sync-server/**/*.ts'],
    rules: restrict(['**/renderer/**', '**/main/**', 'react', 'react-dom', 'electron'], 'sync-server/ never imports the desktop app.'),
  },
);
