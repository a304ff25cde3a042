// The demo-seeded database, made once per test run and copied for every server a test starts with
// `seedDemo` (vitest globalSetup of the integration and e2e projects). Seeding the demo chain
// (3,000 products, stock in five stores, customers, staff) took 4-6 s per server, and a run started
// about forty such servers. The template is the database `startServer({ seedDemo: true })` wrote
// on this run's code (same documents, projections and gift card keys); a copy is SQLite's data
// folder copied file by file, or a PostgreSQL database created with `CREATE DATABASE … TEMPLATE`.
// The HQ token is not part of it (a configured token is never stored), so any test token works.
// Outside vitest, or with POS_TEST_SEED_TEMPLATE=0, servers seed themselves as before.
import { cpSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import type { TestProject } from 'vitest/node';
import { startServer } from '../../sync-server/server';
import type { StorageConfig } from '../../sync-server/config';
import { pgTestUrl } from './env';
import { makeTempDir } from './temp-dir';

export interface SeedTemplates {
  /** A closed SQLite data folder holding the seeded database. */
  sqliteDir?: string;
  /** A PostgreSQL database (on POS_TEST_PG_URL's server) holding the seeded tables. */
  pgDatabase?: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    seedTemplates: SeedTemplates;
  }
}

const TEMPLATE_HQ_TOKEN = 'seed-template-hq-token-0123456789-abcdef';

/** POS_TEST_PG_URL pointed at another database of the same server. */
export function pgDatabaseUrl(baseUrl: string, database: string): string {
  const url = new URL(baseUrl);
  url.pathname = `/${database}`;
  url.searchParams.delete('options');
  return url.toString();
}

async function adminQuery(baseUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: baseUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function seedInto(storage: StorageConfig): Promise<void> {
  const server = await startServer({
    host: '127.0.0.1',
    port: 0,
    logLevel: 'silent',
    posDir: undefined,
    storage,
    hqToken: TEMPLATE_HQ_TOKEN,
    seedDemo: true,
  });
  const seeded = server.seeded?.seeded;
  await server.close();
  if (!seeded) throw new Error('seed template: the demo seed wrote nothing');
}

/** vitest globalSetup: builds the templates this project can use, removes them after the run. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (process.env.POS_TEST_SEED_TEMPLATE === '0') {
    project.provide('seedTemplates', {});
    return async () => undefined;
  }
  const dir = makeTempDir('pos-seed-template-');
  const templates: SeedTemplates = {};
  const builds: Promise<void>[] = [
    seedInto({ kind: 'sqlite', dataDir: dir.path }).then(() => {
      templates.sqliteDir = dir.path;
    }),
  ];
  // The e2e project's servers are all SQLite.
  const pgBase = project.name === 'e2e' ? undefined : pgTestUrl;
  let pgDatabase: string | undefined;
  if (pgBase) {
    pgDatabase = `pos_seed_template_${randomBytes(5).toString('hex')}`;
    const name = pgDatabase;
    builds.push(
      adminQuery(pgBase, `CREATE DATABASE ${name}`)
        .then(() => seedInto({ kind: 'postgres', url: pgDatabaseUrl(pgBase, name) }))
        .then(() => {
          templates.pgDatabase = name;
        }),
    );
  }
  const teardown = async () => {
    dir.remove();
    if (pgBase && pgDatabase) await adminQuery(pgBase, `DROP DATABASE IF EXISTS ${pgDatabase} WITH (FORCE)`);
  };
  try {
    await Promise.all(builds);
  } catch (error) {
    await teardown().catch(() => undefined);
    throw error;
  }
  project.provide('seedTemplates', templates);
  return teardown;
}

/** The run's templates, or none outside a vitest project that built them. */
export function seedTemplates(): SeedTemplates {
  try {
    return inject('seedTemplates') ?? {};
  } catch {
    return {};
  }
}

/** Copies the SQLite template into an empty data folder; false when there is no template. */
export function copySqliteTemplate(dataDir: string): boolean {
  const source = seedTemplates().sqliteDir;
  if (!source) return false;
  cpSync(source, dataDir, { recursive: true });
  return true;
}

/** A new PostgreSQL database copied from the template, dropped by `drop()`; undefined without one. */
export async function copyPgTemplate(baseUrl: string): Promise<{ url: string; drop(): Promise<void> } | undefined> {
  const template = seedTemplates().pgDatabase;
  if (!template) return undefined;
  const name = `sv_seeded_${randomBytes(6).toString('hex')}`;
  await adminQuery(baseUrl, `CREATE DATABASE ${name} TEMPLATE ${template}`);
  return {
    url: pgDatabaseUrl(baseUrl, name),
    drop: () => adminQuery(baseUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}
