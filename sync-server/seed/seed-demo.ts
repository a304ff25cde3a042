// `serve --seed-demo`: writes the demo chain into an empty database, once. Documents go through
// the same push path as HQ's (validation, projection), so the seed can never store what a
// register would refuse.
import { randomUUID } from 'node:crypto';
import { createUuidV7Generator } from '../../shared/ids/uuidv7';
import { HQ_PRINCIPAL } from '../auth/auth-service';
import type { PolicyMap } from '../replication/policy';
import { pushBatch, type AfterWrite } from '../replication/push';
import type { Storage } from '../storage/storage';
import { chainConfig, DEMO_STORES, DEMO_TIME, demoCustomers, demoStaff, type Doc } from './demo-chain';
import { demoQuickKeys } from './demo-quick-keys';
import { demoProducts, demoStock } from './demo-catalog';
import { demoGiftCards } from './demo-gift-cards';
import type { GiftCardKeys } from '../gift-cards/keys';
import { createPrng } from './prng';

const DEMO_SEED = 20_261_127;
const BATCH = 500;

export interface SeedSummary {
  seeded: boolean;
  counts: Record<string, number>;
}

export async function buildDemoData(seed = DEMO_SEED): Promise<Record<string, Doc[]>> {
  const prng = createPrng(seed);
  let tick = Date.parse(DEMO_TIME);
  const newId = createUuidV7Generator({ now: () => tick++, random: (bytes) => prng.fill(bytes) });
  const { docs: config, ids } = chainConfig(newId);
  const products = demoProducts(newId, prng, ids.priceBookId);
  const staff = await demoStaff(newId, prng);
  const customers = demoCustomers(newId, prng, ids.storeIds);
  const movements = demoStock(newId, prng, ids.storeIds, products);
  // Ids drawn last, so adding quick keys left every earlier demo id as it was.
  const quickKeys = demoQuickKeys(
    newId,
    ids.storeIds,
    DEMO_STORES.map((s) => s.code),
    products,
  );
  return {
    config: [...config, ...quickKeys],
    staff,
    products,
    customers,
    inventory_movements: movements,
  };
}

export async function seedDemoIfEmpty(
  storage: Storage,
  policies: PolicyMap,
  afterWrite: AfterWrite,
  giftCardKeys?: GiftCardKeys,
): Promise<SeedSummary> {
  if ((await storage.latestSeq()) > 0) return { seeded: false, counts: {} };
  // Claim the seed so two instances started together on one empty database do not both write it.
  const claim = randomUUID();
  if ((await storage.putSettingIfAbsent('demo_seed_claim', claim)) !== claim) return { seeded: false, counts: {} };
  const data = await buildDemoData();
  // Demo gift cards are keyed with this server's gift card key, so they are not part of the
  // deterministic demo data; they come last so every other demo id stays as it was.
  if (giftCardKeys) data.config = [...data.config!, ...(await demoGiftCards(giftCardKeys))];
  const counts: Record<string, number> = {};
  for (const [collection, docs] of Object.entries(data)) {
    const policy = policies.get(collection);
    if (!policy) throw new Error(`The demo seed names an unknown collection ${collection}.`);
    for (let i = 0; i < docs.length; i += BATCH) {
      const rows = docs.slice(i, i + BATCH).map((doc) => ({ newDocumentState: { ...doc, _deleted: false } }));
      const result = await pushBatch(storage, policy, HQ_PRINCIPAL, rows, afterWrite);
      if (result.rejected.length > 0 || result.conflicts.length > 0) {
        const first = result.rejected[0];
        throw new Error(
          `The demo seed was refused for ${collection}${first ? ` (${first.id} at "${first.field}": ${first.message})` : ' (conflict)'}.`,
        );
      }
      counts[collection] = (counts[collection] ?? 0) + result.written.length;
    }
  }
  return { seeded: true, counts };
}
