// Importers against a real server: a dry run reports bad rows by row and column and writes
// nothing; the real run imports the rest; the same file again changes nothing; the products
// reach a register. Stock, customers and staff the same way; the CLI on the same storage.
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Api,
  backends,
  enrollDevice,
  pushRows,
  startTestServer,
  type EnrolledDevice,
  type TestServer,
} from './server-harness';
import { storeDoc } from './server-fixtures';
import { createHqUser, HqSession } from './hq-harness';
import { makeTempDir } from '../support/temp-dir';

interface Report {
  rows: number;
  valid: number;
  invalid: number;
  created: number;
  updated: number;
  unchanged: number;
  errors: { row: number; column: string; message: string }[];
}

const PRODUCTS = [
  'sku,name,price,department,tax_category,barcode,brand',
  'IMP-001,Oat milk 1 l,2.49,DAIRY,GROCERY,4006381333931,Oaty',
  'IMP-002,Rye bread,3.1,BAKERY,GROCERY,,',
  'IMP-003,Broken price,abc,BAKERY,GROCERY,,',
  'IMP-004,Bad barcode,1.00,BAKERY,GROCERY,4006381333932,',
  'IMP-005,"Cheddar, aged",7.99,DAIRY,GROCERY,,Hill Farm',
].join('\n');

describe.each(backends)('HQ importers on %s', (backend) => {
  let server: TestServer;
  let hq: HqSession;
  let register: EnrolledDevice;
  const s1 = storeDoc('S001');

  const upload = (kind: string, csv: string, dryRun: boolean) =>
    hq.call<Report>('POST', `/import/${kind}${dryRun ? '?dryRun=1' : ''}`, csv, { contentType: 'text/csv' });

  beforeAll(async () => {
    server = await startTestServer(backend);
    await new Api(server.url, server.hqToken).post('/sync/config/push', pushRows([s1]));
    register = await enrollDevice(server, s1.id as string);
    await createHqUser(server.server.storage, 'ops@chain.example', 'operations');
    hq = new HqSession(server.url);
    await hq.signIn('ops@chain.example');
  });
  afterAll(async () => server?.dispose());

  it('dry run reports the two bad rows by row and column and writes nothing', async () => {
    const dry = await upload('products', PRODUCTS, true);
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ rows: 5, valid: 3, invalid: 2, created: 3, updated: 0, unchanged: 0 });
    expect(dry.body.errors.map((e) => [e.row, e.column])).toEqual([
      [3, 'price'],
      [4, 'barcode'],
    ]);
    const pulled = await register.api.get<{ documents: unknown[] }>('/sync/products/pull?seq=0&limit=100');
    expect(pulled.body.documents).toHaveLength(0);
  });

  it('imports the valid rows, and the same file again changes nothing', async () => {
    const run = await upload('products', PRODUCTS, false);
    expect(run.body).toMatchObject({ rows: 5, valid: 3, invalid: 2, created: 3, updated: 0 });
    const seqBefore = await server.server.storage.latestSeq();
    const again = await upload('products', PRODUCTS, false);
    expect(again.body).toMatchObject({ created: 0, updated: 0, unchanged: 3, invalid: 2 });
    expect(await server.server.storage.latestSeq()).toBe(seqBefore);
    const products = (
      await register.api.get<{ documents: { sku: string; prices: { amount: number }[]; name: string }[] }>(
        '/sync/products/pull?seq=0&limit=100',
      )
    ).body.documents;
    expect(products.map((p) => p.sku).sort()).toEqual(['IMP-001', 'IMP-002', 'IMP-005']);
    expect(products.find((p) => p.sku === 'IMP-002')?.prices[0]?.amount).toBe(310);
    expect(products.find((p) => p.sku === 'IMP-005')?.name).toBe('Cheddar, aged');
    const changed = await upload('products', PRODUCTS.replace('Rye bread,3.1', 'Rye bread,3.25'), false);
    expect(changed.body).toMatchObject({ created: 0, updated: 1, unchanged: 2 });
  });

  it('refuses a file without the required columns with a message naming them', async () => {
    const result = await upload('products', 'sku,name\nX,Y', true);
    expect(result.status).toBe(422);
    expect(result.body).toMatchObject({ code: 'HQ_IMPORT_FAILED' });
    expect(JSON.stringify(result.body)).toContain('price, department, tax_category');
  });

  it('sets stock levels through the ledger, idempotently', async () => {
    const csv = 'store_code,sku,quantity\nS001,IMP-001,12\nS001,IMP-002,4\nS404,IMP-001,1\nS001,IMP-005,-3';
    const first = await upload('stock', csv, false);
    expect(first.body).toMatchObject({ valid: 2, invalid: 2, created: 2 });
    expect(first.body.errors.map((e) => [e.row, e.column])).toEqual([
      [3, 'store_code'],
      [4, 'quantity'],
    ]);
    const levels = (
      await register.api.get<{ documents: { sku: string; onHand: number }[] }>(
        '/sync/inventory_levels/pull?seq=0&limit=100',
      )
    ).body.documents;
    expect(levels.find((l) => l.sku === 'IMP-001')?.onHand).toBe(12);
    const again = await upload('stock', csv, false);
    expect(again.body).toMatchObject({ created: 0, unchanged: 2 });
    const lower = await upload('stock', 'store_code,sku,quantity\nS001,IMP-001,10', false);
    expect(lower.body.created).toBe(1);
    const after = (
      await register.api.get<{ documents: { sku: string; onHand: number }[] }>(
        '/sync/inventory_levels/pull?seq=0&limit=100',
      )
    ).body.documents;
    expect(after.find((l) => l.sku === 'IMP-001')?.onHand).toBe(10);
  });

  it('imports customers by external id and staff by login code, idempotently', async () => {
    const customers =
      'external_id,first_name,last_name,email,home_store\nC-1,Ana,Silva,ana@example.com,S001\nC-2,Bo,Li,not-an-email,S001';
    const c1 = await upload('customers', customers, false);
    expect(c1.body).toMatchObject({ created: 1, invalid: 1 });
    expect(c1.body.errors[0]).toMatchObject({ row: 2, column: 'email' });
    expect((await upload('customers', customers, false)).body).toMatchObject({ created: 0, updated: 0, unchanged: 1 });
    const staff = 'login_code,display_name,role,store_codes,pin\n7001,Pat Lee,clerk,S001,4827\n7002,No Pin,clerk,S001,';
    const s = await upload('staff', staff, false);
    expect(s.body).toMatchObject({ created: 1, invalid: 1 });
    expect(s.body.errors[0]).toMatchObject({ row: 2, column: 'pin' });
    expect((await upload('staff', staff, false)).body).toMatchObject({ created: 0, unchanged: 1 });
  });

  it('runs from the command line with the same report', async () => {
    if (server.storage.kind !== 'sqlite') return; // one CLI run is enough; the storage layer is shared
    const dir = makeTempDir('hq-import-');
    const file = join(dir.path, 'products.csv');
    writeFileSync(file, PRODUCTS.replace('IMP-005', 'IMP-006'));
    const result = await promisify(execFile)('npx', ['tsx', 'scripts/import.ts', 'products', file, '--dry-run'], {
      env: { ...process.env, DATA_DIR: server.storage.dataDir },
    }).catch((error: { code: number; stdout: string }) => error);
    expect('code' in result ? result.code : 0).toBe(1);
    expect(result.stdout).toContain('Dry run of 5 products rows');
    // IMP-002 was repriced by an earlier test, so this file would put its old price back.
    expect(result.stdout).toContain('would create 1, would update 1, 1 unchanged');
    expect(result.stdout).toContain('row 3, price');
    dir.remove();
  });
});
