// Stock levels per store and SKU. Stock is a movement ledger, never a counter: a row "S001, SKU,
// 12" becomes a count movement of (12 − what the server's level shows), and no movement at all
// when the level already is 12 — which is what makes a re-run change nothing.
import { randomUUID } from 'node:crypto';
import { levelKey } from '../../../shared/inventory/ledger';
import { inventoryMovementSchema } from '../../../shared/schemas/inventory';
import { intCell } from './cells';
import { issuesToRows } from './kind-support';
import type { BatchWrite, ImportKind, RowError } from './types';

export function stockKind(): ImportKind {
  return {
    name: 'stock',
    collection: 'inventory_movements',
    required: ['store_code', 'sku', 'quantity'],
    optional: ['reason'],
    async prepare() {},
    async toDoc(r, row, ic) {
      const errors: RowError[] = [];
      const code = (r.store_code ?? '').trim();
      const storeId = ic.storeIds.get(code);
      if (!storeId)
        errors.push({
          row,
          column: 'store_code',
          message: `No store with code "${code}": use a code from the Stores page.`,
        });
      const quantity = intCell(r.quantity ?? '', 0, 1_000_000);
      if (!quantity.ok) errors.push({ row, column: 'quantity', message: quantity.message });
      if (errors.length > 0 || !storeId || !quantity.ok) return errors;
      const sku = (r.sku ?? '').trim();
      const doc = {
        id: randomUUID(),
        storeId,
        sku,
        type: 'count',
        // Placeholder for validation; plan() sets the real delta against the current level.
        quantity: 1,
        countedQuantity: quantity.value,
        referenceType: 'count',
        referenceId: '',
        deviceId: 'hq-import',
        reason: (r.reason ?? '').trim() || 'HQ stock import',
        createdAt: ic.now,
        updatedAt: ic.now,
      };
      const parsed = inventoryMovementSchema.safeParse(doc);
      if (!parsed.success)
        return issuesToRows(parsed.error.issues, row, { sku: 'sku', countedQuantity: 'quantity', reason: 'reason' });
      return { row, key: levelKey(storeId, sku), doc };
    },
    async plan(rows, ic) {
      const levels = await ic.ctx.storage.getDocuments(
        'inventory_levels',
        rows.map((r) => r.key),
      );
      const writes: BatchWrite[] = [];
      for (const { key, doc, row } of rows) {
        const level = levels.get(key);
        const onHand = level && !level.deleted ? Number(level.data.onHand ?? 0) : 0;
        const delta = Number(doc.countedQuantity) - onHand;
        if (delta === 0) continue;
        writes.push({ collection: 'inventory_movements', next: { ...doc, quantity: delta }, previous: undefined, row });
      }
      return writes;
    },
  };
}
