// Projects the stock ledger into inventory_levels inside the push transaction, so a level is
// always the sum of the movements stored with it. When a batch drives a level's available
// stock below zero (two stores sold the last unit offline) an alert_oversell order event is
// written for that store; both sales stay.
import { randomUUID } from 'node:crypto';
import { MOVEMENT_RULES, type MovementType } from '../../shared/inventory/movement-types';
import { inventoryLevelId } from '../../shared/schemas/inventory';
import type { DocumentWrite, StoredDocument, WriteTx } from '../storage/storage';
import { hashDocument } from './canonical';
import type { PolicyMap } from './policy';

interface Level {
  id: string;
  storeId: string;
  sku: string;
  onHand: number;
  reserved: number;
  available: number;
  lastMovementSeq: number;
  updatedAt: string;
}

function toWrite(policies: PolicyMap, collection: string, data: Record<string, unknown>): DocumentWrite {
  const policy = policies.get(collection);
  const state = { ...data, _deleted: false };
  return {
    collection,
    id: String(data.id),
    scope: policy ? policy.pullScopeOf(state) : null,
    previousScope: null,
    data: state,
    hash: hashDocument(state),
    deleted: false,
  };
}

export function inventoryProjection(policies: PolicyMap, now: () => Date = () => new Date()) {
  return async (tx: WriteTx, collection: string, written: StoredDocument[]): Promise<void> => {
    if (collection !== 'inventory_movements') return;
    const movements = written.filter((doc) => !doc.deleted);
    if (movements.length === 0) return;
    const ids = [...new Set(movements.map((m) => inventoryLevelId(String(m.data.storeId), String(m.data.sku))))];
    const stored = await tx.getDocuments('inventory_levels', ids);
    const at = now().toISOString();
    const levels = new Map<string, Level>();
    const before = new Map<string, number>();
    for (const movement of movements) {
      const storeId = String(movement.data.storeId);
      const sku = String(movement.data.sku);
      const id = inventoryLevelId(storeId, sku);
      let level = levels.get(id);
      if (!level) {
        const existing = stored.get(id)?.data as Partial<Level> | undefined;
        level = {
          id,
          storeId,
          sku,
          onHand: existing?.onHand ?? 0,
          reserved: existing?.reserved ?? 0,
          available: existing?.available ?? 0,
          lastMovementSeq: existing?.lastMovementSeq ?? 0,
          updatedAt: at,
        };
        levels.set(id, level);
        before.set(id, level.available);
      }
      const rule = MOVEMENT_RULES[movement.data.type as MovementType];
      const quantity = Number(movement.data.quantity);
      if (rule.bucket === 'onHand') level.onHand += quantity;
      else level.reserved += quantity;
      level.available = level.onHand - level.reserved;
      level.lastMovementSeq = Math.max(level.lastMovementSeq, movement.seq);
    }
    const writes: DocumentWrite[] = [];
    for (const level of levels.values()) {
      writes.push(toWrite(policies, 'inventory_levels', { ...level }));
      const previous = before.get(level.id) ?? 0;
      if (level.available < 0 && level.available < previous) {
        const cause = movements.find((m) => inventoryLevelId(String(m.data.storeId), String(m.data.sku)) === level.id && m.data.referenceType === 'order');
        const orderId = typeof cause?.data.referenceId === 'string' && cause.data.referenceId !== '' ? cause.data.referenceId : randomUUID();
        writes.push(
          toWrite(policies, 'order_events', {
            id: randomUUID(),
            orderId,
            storeId: level.storeId,
            actor: { kind: 'server' },
            type: 'alert_oversell',
            payload: { storeId: level.storeId, sku: level.sku, available: Math.max(level.available, -1_000_000) },
            createdAt: at,
            updatedAt: at,
          }),
        );
      }
    }
    await tx.putDocuments(writes);
  };
}
