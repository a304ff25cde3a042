// The stock ledger (append-only, idempotent by id) and the server's projection of it per store
// and SKU. Registers read levels and add their own unsynced movements on top.
import { z } from 'zod';
import { MOVEMENT_TYPES, quantityProblem } from '../inventory/movement-types';
import { defineCollection, HQ_AND_REGISTERS, HQ_ONLY, NOBODY, STORE } from './define';
import {
  deviceId,
  freeText,
  ID_MAX_LENGTH,
  indexedRef,
  isoTimestamp,
  MAX_QUANTITY,
  sku,
  SKU_MAX_LENGTH,
  uuid,
} from './fields';

const signedQuantity = z.number().int().min(-MAX_QUANTITY).max(MAX_QUANTITY);

export const inventoryMovementSchema = z
  .strictObject({
    id: uuid,
    /**
     * The location whose stock moves. A warehouse is a store-like location with its own id, so
     * every document is scoped by `storeId` the same way.
     */
    storeId: uuid,
    sku,
    type: z.enum(MOVEMENT_TYPES),
    /** Signed change of the bucket the type moves (see MOVEMENT_RULES): a sale of 2 is −2. */
    quantity: signedQuantity,
    /** What caused it: order, return, transfer, fulfillment order or count; '' for none. */
    referenceType: z.enum(['order', 'return', 'transfer', 'fulfillment_order', 'count', 'receipt', 'none']),
    referenceId: indexedRef,
    /** A count records what was on the shelf as well as the delta, for the audit. */
    countedQuantity: z.number().int().min(0).max(MAX_QUANTITY).optional(),
    deviceId,
    staffId: uuid.optional(),
    reason: freeText(200).optional(),
    createdAt: isoTimestamp,
    updatedAt: isoTimestamp,
  })
  .superRefine((doc, ctx) => {
    const problem = quantityProblem(doc.type, doc.quantity);
    if (problem) ctx.addIssue({ code: 'custom', path: ['quantity'], message: problem });
  });
export type InventoryMovement = z.output<typeof inventoryMovementSchema>;

export const inventoryMovements = defineCollection('inventory_movements', {
  description: 'Append-only stock ledger; idempotent by id. Written by whoever moves stock.',
  schema: inventoryMovementSchema,
  indexes: [['storeId', 'sku'], 'referenceId'],
  access: {
    create: HQ_AND_REGISTERS,
    change: NOBODY,
    delete: HQ_ONLY,
    scope: STORE,
    registerPull: 'own_store',
    appendOnly: true,
    conflict: 'append_only',
    note: 'Idempotent by id; a register only records movements of its own store.',
    // A SKU's ledger at one store is read by `${storeId}:${sku}` (sync-server/inventory).
    lookupKey: (doc) => `${doc.storeId}:${doc.sku}`,
  },
});

/** The level document id: one per location and SKU. */
export function inventoryLevelId(storeId: string, sku: string): string {
  return `${storeId}:${sku}`;
}

const levelQuantity = z
  .number()
  .int()
  .min(-100 * MAX_QUANTITY)
  .max(100 * MAX_QUANTITY);

export const inventoryLevelSchema = z
  .strictObject({
    id: z
      .string()
      .min(3)
      .max(ID_MAX_LENGTH + 1 + SKU_MAX_LENGTH),
    storeId: uuid,
    sku,
    onHand: levelQuantity,
    reserved: levelQuantity,
    /** onHand − reserved; below zero means an oversell the server has raised an alert for. */
    available: levelQuantity,
    /** Server sequence of the last movement folded in, so a register knows which of its own it still adds. */
    lastMovementSeq: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
    updatedAt: isoTimestamp,
  })
  .superRefine((doc, ctx) => {
    if (doc.id !== inventoryLevelId(doc.storeId, doc.sku)) {
      ctx.addIssue({ code: 'custom', path: ['id'], message: 'A level id is `${storeId}:${sku}`.' });
    }
    if (doc.available !== doc.onHand - doc.reserved) {
      ctx.addIssue({ code: 'custom', path: ['available'], message: 'available must equal onHand − reserved.' });
    }
  });
export type InventoryLevel = z.output<typeof inventoryLevelSchema>;

export const inventoryLevels = defineCollection('inventory_levels', {
  description: 'Server projection of the ledger per store and SKU. Read-only for registers.',
  schema: inventoryLevelSchema,
  indexes: ['sku', 'storeId'],
  access: {
    create: HQ_ONLY,
    change: HQ_ONLY,
    delete: HQ_ONLY,
    scope: STORE,
    registerPull: 'own_store',
    appendOnly: false,
    conflict: 'single_writer',
    note: "Projection; a register pulls its own store's levels; other stores come from the availability API (sync-server/inventory).",
  },
});
