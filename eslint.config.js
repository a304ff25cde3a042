// Lint: typescript-eslint rules plus the import boundaries of the design
// (shared/ is pure; renderer/ never reaches into main/ or sync-server/).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const nodeBuiltins = [
  'node:*',
  'fs',
  'fs/*',
  'path',
  'os',
  'net',
  'http',
  'https',
  'child_process',
  'crypto',
  'stream',
  'worker_threads',
  'url',
  'util',
  'events',
  'zlib',
  'dgram',
  'tls',
  'cluster',
];

const restrict = (patterns, message) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }],
});

// The renderer's one-way imports (docs/ARCHITECTURE.md): feature → shared UI and state → model
// (types and the Backend port) ← local-data (implements the port: type imports only) → sync
// engine, bridge → shared/. A feature never imports another feature, local-data or the shell;
// only the composition root (main.tsx, router.tsx, shell/) wires features and data together.
// A feature whose data is not the sale's (returns, stock, pickups) has its own adapter in
// local-data/<prefix>-*.ts: the feature may import that adapter and nothing else of local-data,
// and the adapter may import the feature's port (`*-port.ts`) as a type only.
// hq/ is a second app (the head-office console): its own shell and router, no register code.
// Test files may cross these lines (they build the pieces they exercise); production code may
// never import test helpers.
const FEATURES = [
  'sale',
  'till',
  'sign-in',
  'setup',
  'sync',
  'customer-display',
  'returns',
  'pickups',
  'stock',
  'history',
  'hq',
];
/** The local-data adapter files each feature may import (see above). */
const OWN_ADAPTERS = {
  returns: ['returns-*'],
  stock: ['stock-*'],
  pickups: ['fulfillment-*'],
  history: ['sales-history*'],
};
const ownAdapters = (feature) => (OWN_ADAPTERS[feature] ?? []).map((name) => `!**/local-data/${name}`);
const COMPOSITION = ['**/shell/**', '**/router', '**/main'];
const TEST_ONLY = ['**/test/**', '**/test-support/**', '**/*.test', '**/*.test.*'];
const UI_STATE = ['**/ui/**', '**/keys/**', '**/approval/**', '**/session/**'];
const featureGlobs = (except) => FEATURES.filter((f) => f !== except).map((f) => `**/${f}/**`);
const boundary = (files, groups) => ({
  files,
  ignores: ['renderer/**/*.test.{ts,tsx}'],
  rules: {
    '@typescript-eslint/no-restricted-imports': [
      'error',
      {
        // shared/ has folders named like features (till/, returns/): it is never restricted here.
        // Case-sensitive so `sync/[A-Z]*` means the panel's components, not sync/checkpoint-store.
        patterns: groups.map(([group, message, allowTypeImports = false]) => ({
          group: [...group, '!**/shared/**'],
          message,
          allowTypeImports,
          caseSensitive: true,
        })),
      },
    ],
  },
});
function rendererBoundaries() {
  const noTests = [TEST_ONLY, 'Production code never imports test helpers (test/support/ is for *.test files).'];
  return [
    // Features: own folder, shared UI and state, model, bridge, shared/ — never another feature.
    // sync/ holds both the replication engine (plain .ts, used by local-data) and its panel.
    ...FEATURES.filter((f) => f !== 'hq').map((feature) =>
      boundary(
        [`renderer/src/${feature}/**/*.{ts,tsx}`],
        [
          [
            featureGlobs(feature),
            `A feature (${feature}/) never imports another feature: move what both need to model/, ui/ or session/.`,
          ],
          [
            ['**/local-data/**', ...ownAdapters(feature)],
            'Features reach the data through the Backend port (model/backend.ts, useBackend()) or their own adapter (local-data/<feature>-*.ts), never the rest of local-data/.',
          ],
          [
            COMPOSITION,
            'Only the composition root (main.tsx, router.tsx, shell/) imports features, not the other way round.',
          ],
          noTests,
        ],
      ),
    ),
    boundary(
      ['renderer/src/{ui,keys,approval,session,bridge}/**/*.{ts,tsx}'],
      [
        [
          [...featureGlobs(''), '**/local-data/**', ...COMPOSITION],
          'Shared UI and state (ui/, keys/, approval/, session/, bridge/) serve features; they import none.',
        ],
        noTests,
      ],
    ),
    boundary(
      ['renderer/src/model/**/*.{ts,tsx}'],
      [
        [
          [...featureGlobs(''), '**/local-data/**', '**/bridge/**', ...COMPOSITION, ...UI_STATE],
          "model/ holds the register's own types and the Backend port: it imports only shared/.",
        ],
        noTests,
      ],
    ),
    boundary(
      ['renderer/src/local-data/**/*.ts'],
      [
        [
          [...featureGlobs('sync'), '!**/*-port'],
          'local-data/ is below the features: it reports through Backend.on… and never imports a screen or a feature.',
        ],
        [['**/*-port'], 'local-data/ adapters implement a feature port: they may import it as a type only.', true],
        [
          ['**/sync/[A-Z]*', ...UI_STATE, ...COMPOSITION],
          'local-data/ never imports UI, UI stores or the shell: shell/useBackendWiring.ts copies its data into the stores.',
        ],
        [
          ['**/model/**'],
          'local-data/ implements the Backend port: it may import model/ types only (import type).',
          true,
        ],
        noTests,
      ],
    ),
    // The head-office console: its own shell and router; never the register's features or data.
    boundary(
      ['renderer/src/hq/**/*.{ts,tsx}'],
      [
        [
          [
            ...featureGlobs('hq'),
            '**/local-data/**',
            ...UI_STATE.filter((g) => g !== '**/ui/**'),
            '**/src/shell/**',
            '**/src/router',
            '**/src/main',
          ],
          'The HQ console (hq/) is its own app: it may share ui/ components and shared/, never register features, data or state.',
        ],
        noTests,
      ],
    ),
    // The replication engine (sync/*.ts): no UI, no stores, no features, no local-data.
    boundary(
      ['renderer/src/sync/*.ts'],
      [
        [
          [...featureGlobs('sync'), '**/local-data/**', '**/sync/[A-Z]*', ...UI_STATE, ...COMPOSITION],
          'The replication engine (sync/*.ts) works over any RxDB database: it imports only shared/ and its own files.',
        ],
        noTests,
      ],
    ),
  ];
}

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
        '**/main/**',
        '**/renderer/**',
        '**/sync-server/**',
        '**/test/**',
        'react',
        'react-dom',
        'react/*',
        'electron',
        'electron/*',
        'rxdb',
        'rxdb/*',
        'dexie',
        'fastify',
        'fastify/*',
        '@fastify/*',
        'better-sqlite3',
        'pg',
        'pino',
        'zustand',
        '@tanstack/*',
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
  ...rendererBoundaries(),
  {
    files: ['renderer/**/*.test.{ts,tsx}', 'renderer/vite.config.ts'],
    rules: restrict(
      ['**/main/**', '**/sync-server/**', 'electron'],
      'renderer tests stay inside renderer/ and shared/.',
    ),
  },
  {
    files: ['main/**/*.ts'],
    rules: restrict(
      ['**/renderer/**', '**/sync-server/**', 'react', 'react-dom', 'rxdb', 'rxdb/*', 'dexie'],
      'main/ is the Electron shell: it never imports the renderer or the server.',
    ),
  },
  {
    files: ['sync-server/**/*.ts'],
    rules: restrict(
      ['**/renderer/**', '**/main/**', 'react', 'react-dom', 'electron'],
      'sync-server/ never imports the desktop app.',
    ),
  },
);
