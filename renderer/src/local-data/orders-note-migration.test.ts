// Orders version 2 added the optional line `note`. A register updated with unsent sales stored
// under version 1 opens its database: the sales are kept unchanged (still to be sent), and a sale
// with a noted line can be written next to them.
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { createRxDatabase, type RxJsonSchema } from 'rxdb';
import { describe, expect, it } from 'vitest';
import { collections } from '../../../shared/schemas/collections';
import { parseDocument } from '../../../shared/schemas';
import { formatOrderNumber } from '../../../shared/ids/order-number';
import { fixtures } from '../../../test/support/fixtures/documents';
import { createPosDatabase, migrationStrategies, posStorage } from './create-database';

type Json = Record<string, unknown>;
const schemaOf = (schema: unknown, version: number) =>
  ({ ...(schema as Json), version }) as unknown as RxJsonSchema<Json>;

describe('the orders migration to version 2 (line notes)', () => {
  it('keeps version-1 sales unchanged and stores a sale whose line carries a note', async () => {
    expect(collections.orders.rxSchema.version).toBe(2);
    const indexedDB = { indexedDB: new IDBFactory(), IDBKeyRange };
    const name = 'orders-note-migration-test';
    const unsent = structuredClone(fixtures.orders) as Json;

    const old = await createRxDatabase({ name, storage: posStorage(indexedDB), multiInstance: false });
    await old.addCollections({
      orders: {
        schema: schemaOf(collections.orders.rxSchema, 1),
        migrationStrategies: migrationStrategies('orders', 1),
      },
    });
    await old.collections['orders']!.insert(unsent);
    await old.close();

    const db = await createPosDatabase({ name, storage: posStorage(indexedDB), only: ['orders'] });
    try {
      const kept = (await db.orders.findOne(String(unsent.id)).exec())?.toJSON() as Json | undefined;
      expect(kept).toMatchObject({ id: unsent.id, lines: unsent.lines });
      const lines = unsent.lines as Json[];
      const noted = {
        ...unsent,
        id: '0b9a3f4e-6f0c-4c1e-9f4a-2a7d1c9e5b11',
        orderNumber: formatOrderNumber({ storeCode: 'S001', registerCode: 'R01', sequence: 424242 }),
        lines: [{ ...lines[0], note: 'Gift wrap, please' }, ...lines.slice(1)],
      };
      expect(() => parseDocument('orders', noted)).not.toThrow();
      await db.orders.insert(noted as never);
      const read = (await db.orders.findOne(noted.id).exec())?.toJSON() as { lines: Json[] } | undefined;
      expect(read?.lines[0]?.note).toBe('Gift wrap, please');
    } finally {
      await db.close();
    }
  });
});
