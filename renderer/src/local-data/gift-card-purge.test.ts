// A register enrolled before gift cards were kept on the server holds the chain's gift card
// documents (old unkeyed tokens: a guessed number's token is one SHA-256 away) in its config
// replica. Opening its database with this version drops them once, in the config migration, and
// keeps everything else: other config documents and every payment, unsent ones included.
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { createRxDatabase, type RxJsonSchema } from 'rxdb';
import { describe, expect, it } from 'vitest';
import { legacyGiftCardToken, giftCardDocId } from '../../../shared/balances';
import { collections } from '../../../shared/schemas/collections';
import { fixtures } from '../../../test/support/fixtures/documents';
import { giftCardDoc } from '../../../test/support/gift-cards';
import { createPosDatabase, migrationStrategies, posStorage } from './create-database';

type Json = Record<string, unknown>;
const schemaOf = (schema: unknown, version: number) =>
  ({ ...(schema as Json), version }) as unknown as RxJsonSchema<Json>;

describe('the config migration of a register enrolled before keyed gift cards', () => {
  it('drops the gift card documents and keeps other config and the unsent payments', async () => {
    expect(collections.config.rxSchema.version).toBe(3);
    const indexedDB = { indexedDB: new IDBFactory(), IDBKeyRange };
    const name = 'gift-card-purge-test';
    const legacy = await legacyGiftCardToken('6035719900000101');
    const card = giftCardDoc({ id: giftCardDocId(legacy.token), ...legacy }, 2_500);
    const policy = { ...(fixtures.config as Json) };
    // A gift card spend still waiting to be sent names the card by its old token.
    const payment = { ...(fixtures.payments as Json), method: 'gift_card', giftCard: legacy } as Json;
    delete payment.card;

    // The database as the previous version wrote it: config at version 2.
    const old = await createRxDatabase({ name, storage: posStorage(indexedDB), multiInstance: false });
    await old.addCollections({
      config: {
        schema: schemaOf(collections.config.rxSchema, 2),
        migrationStrategies: migrationStrategies('config', 2),
      },
      payments: { schema: schemaOf(collections.payments.rxSchema, collections.payments.rxSchema.version) },
    });
    await old.collections['config']!.bulkInsert([card, policy]);
    await old.collections['payments']!.insert(payment);
    await old.close();

    const db = await createPosDatabase({ name, storage: posStorage(indexedDB), only: ['config', 'payments'] });
    try {
      expect(await db.config.find({ selector: { kind: 'gift_card' } }).exec()).toEqual([]);
      expect(await db.config.findOne(String(card.id)).exec()).toBeNull();
      expect((await db.config.findOne(String(policy.id)).exec())?.toJSON()).toMatchObject({ kind: policy.kind });
      expect((await db.payments.findOne(String(payment.id)).exec())?.toJSON()).toMatchObject({
        id: payment.id,
        giftCard: legacy,
      });
    } finally {
      await db.close();
    }
  });

  it('keeps every other kind of config document through the step', () => {
    const step = migrationStrategies('config', 3)[3]!;
    const store = { ...(fixtures.config as Json), kind: 'store' };
    expect(step(store)).toBe(store);
    expect(step({ ...store, kind: 'gift_card' })).toBeNull();
    expect(migrationStrategies('products', 1)[1]!(store)).toBe(store);
  });
});
