// An updated register opens the database the previous version wrote: a collection whose stored
// shape changed carries a higher version, and its documents (unsent sales among them) are migrated
// on open instead of the open failing with RxDB's DB6.
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { createRxDatabase, type RxJsonSchema } from 'rxdb';
import { describe, expect, it } from 'vitest';
import { collections } from '../../../shared/schemas/collections';
import { fixtures } from '../../../test/support/fixtures/documents';
import { createPosDatabase, posStorage } from './create-database';

describe('opening a database written by an earlier version', () => {
  it('keeps every stored document of a collection whose shape changed since', async () => {
    const current = collections.products.rxSchema;
    expect(current.version, 'products changed shape (the optional location) and carries version ≥ 1').toBeGreaterThan(
      0,
    );
    // The earlier stored shape: version 0, without the field added since.
    const { location: _added, ...earlierProperties } = current.properties;
    const earlier = { ...current, version: 0, properties: earlierProperties };
    const indexedDB = { indexedDB: new IDBFactory(), IDBKeyRange };
    const name = 'upgrade-test';

    const old = await createRxDatabase({ name, storage: posStorage(indexedDB), multiInstance: false });
    await old.addCollections({ products: { schema: earlier as unknown as RxJsonSchema<Record<string, unknown>> } });
    const stored = { ...fixtures.products } as Record<string, unknown>;
    delete stored['location'];
    await old.collections['products']!.insert(stored);
    await old.close();

    const db = await createPosDatabase({ name, storage: posStorage(indexedDB), only: ['products'] });
    try {
      const found = await db.products.findOne(String(stored['id'])).exec();
      expect(found?.toJSON()).toMatchObject({ id: stored['id'], name: stored['name'] });
      await db.products.upsert({ ...(found!.toMutableJSON() as object), location: 'A-01-3' } as never);
      expect((await db.products.findOne(String(stored['id'])).exec())?.get('location')).toBe('A-01-3');
    } finally {
      await db.close();
    }
  });
});
