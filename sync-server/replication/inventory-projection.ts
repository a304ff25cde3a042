// Projects the stock ledger into inventory_levels inside the push transaction, so a level is
// always the sum of the movements stored with it (the arithmetic and the oversell rule are
// shared/inventory's). Movements are append-only and stored once per id, so each movement in
// `written` is new and is applied exactly once. When a batch drives a level's available stock
// below zero (two stores sold the last unit offline) an alert_oversell order event is written
// for that store; both sales stay.
import { randomUUID } from 'node:crypto';
import {
  applyMovement,
  detectOversells,
  emptyLevel,
  levelKey,
  type LedgerMovement,
  type StockLevel,
} from '../../shared/inventory/ledger';
import type { DocumentWrite, StoredDocument, WriteTx } from '../storage/storage';
import { projectedWrite } from './projected-write';
import type { PolicyMap } from './policy';

export function inventoryProjection(policies: PolicyMap, now: () => Date = () => new Date()) {
  return async (tx: WriteTx, collection: string, written: StoredDocument[]): Promise<void> => {
    if (collection !== 'inventory_movements') return;
    const movements = written.filter((doc) => !doc.deleted);
    if (movements.length === 0) return;
    const ids = [...new Set(movements.map((m) => levelKey(String(m.data.storeId), String(m.data.sku))))];
    const stored = await tx.getDocuments('inventory_levels', ids);
    const before = new Map<string, StockLevel>();
    for (const id of ids) {
      const data = stored.get(id)?.data;
      if (data)
        before.set(id, {
          storeId: String(data.storeId),
          sku: String(data.sku),
          onHand: Number(data.onHand),
          reserved: Number(data.reserved),
          available: Number(data.available),
        });
    }
    const after = new Map(before);
    const lastSeq = new Map<string, number>();
    for (const movement of movements) {
      const m = movement.data as unknown as LedgerMovement;
      const key = levelKey(m.storeId, m.sku);
      after.set(key, applyMovement(after.get(key) ?? emptyLevel(m.storeId, m.sku), m));
      lastSeq.set(key, Math.max(lastSeq.get(key) ?? 0, movement.seq));
    }
    const at = now().toISOString();
    const writes: DocumentWrite[] = [];
    for (const [key, level] of after) {
      if (!lastSeq.has(key)) continue;
      writes.push(
        projectedWrite(policies, 'inventory_levels', {
          id: key,
          ...level,
          lastMovementSeq: lastSeq.get(key),
          updatedAt: at,
        }),
      );
    }
    for (const oversell of detectOversells(before, new Map([...after].filter(([key]) => lastSeq.has(key))))) {
      const key = levelKey(oversell.storeId, oversell.sku);
      // The sale that tipped it over names the order; a movement without one gets a fresh reference.
      const cause = movements
        .filter((m) => levelKey(String(m.data.storeId), String(m.data.sku)) === key && m.data.referenceType === 'order')
        .pop();
      const orderId =
        typeof cause?.data.referenceId === 'string' && cause.data.referenceId !== ''
          ? cause.data.referenceId
          : randomUUID();
      writes.push(
        projectedWrite(policies, 'order_events', {
          id: randomUUID(),
          orderId,
          storeId: oversell.storeId,
          actor: { kind: 'server' },
          type: 'alert_oversell',
          payload: {
            storeId: oversell.storeId,
            sku: oversell.sku,
            available: Math.max(oversell.available, -1_000_000),
          },
          createdAt: at,
          updatedAt: at,
        }),
      );
    }
    await tx.putDocuments(writes);
  };
}
