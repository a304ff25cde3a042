// Purchase orders, ASNs and transfers live on the server, not in a replicated collection: HQ writes them, a
// store reads its own through the API while receiving, and their stock effect reaches registers as
// ordinary receipt movements. They share the documents table under a collection name no register
// can pull ('inventory_documents', refused by the pull route like any unknown name) with the scope
// `hq:<storeId>`, so no register's totals count them; the indexed lookup key is
// `<storeId>:<status>` for "this store's open receipts".
import type { PurchaseOrder } from '../../shared/inventory/receiving';
import type { Storage } from '../storage/storage';
import { hashJson } from '../replication/canonical';

export const INVENTORY_DOCUMENTS = 'inventory_documents';
const MAX_LIST = 500;

export async function getPurchaseOrder(storage: Storage, id: string): Promise<PurchaseOrder | undefined> {
  const doc = (await storage.getDocuments(INVENTORY_DOCUMENTS, [id])).get(id);
  return doc && !doc.deleted ? (doc.data as unknown as PurchaseOrder) : undefined;
}

export async function listPurchaseOrders(
  storage: Storage,
  storeId: string,
  status: PurchaseOrder['status'],
): Promise<PurchaseOrder[]> {
  const docs = await storage.findByLookup(INVENTORY_DOCUMENTS, `${storeId}:${status}`, MAX_LIST);
  return docs.map((d) => d.data as unknown as PurchaseOrder);
}

export async function putPurchaseOrders(storage: Storage, orders: readonly PurchaseOrder[]): Promise<void> {
  await putInventoryDocuments(
    storage,
    orders.map((po) => ({ id: po.id, storeId: po.storeId, lookup: `${po.storeId}:${po.status}`, data: po })),
  );
}

export async function getInventoryDocument<T>(storage: Storage, id: string): Promise<T | undefined> {
  const doc = (await storage.getDocuments(INVENTORY_DOCUMENTS, [id])).get(id);
  return doc && !doc.deleted ? (doc.data as T) : undefined;
}

export async function putInventoryDocuments(
  storage: Storage,
  docs: readonly { id: string; storeId: string; lookup: string; data: object }[],
): Promise<void> {
  await storage.write(async (tx) => {
    await tx.putDocuments(
      docs.map(({ id, storeId, lookup, data }) => {
        const json = JSON.stringify(data);
        return {
          collection: INVENTORY_DOCUMENTS,
          id,
          scope: `hq:${storeId}`,
          previousScope: null,
          lookup,
          data: data as Record<string, unknown>,
          json,
          hash: hashJson(json),
          deleted: false,
        };
      }),
    );
  });
}
