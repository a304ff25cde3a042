// Stock in transit between stores lives at a location of its own: one "transit" location per
// receiving store (a name-based id derived from that store's id). Shipping moves units out of the
// sender's shelf and into the receiver's transit location; receiving moves them out of transit and
// onto the receiver's shelf. Transit is therefore on hand at neither store and available at
// neither, exactly as ERPs with transit locations (Odoo's inter-warehouse transit) model it, and
// it needs no new movement type or level field: the replicated schemas (and the RxDB schema hash
// every register has stored) stay as they are.
import { uuidv5 } from '../ids/uuidv5';
import type { LedgerMovement } from './ledger';

/** The location that holds units shipped to `storeId` and not yet received there. */
export function transitLocationId(storeId: string): string {
  return uuidv5(`inventory-transit:${storeId}`);
}

export interface TransferLine {
  sku: string;
  quantity: number;
}

/** Ship: the sender's shelf down, the receiver's transit up. Ids are name-based, so a retried ship is a no-op. */
export function shipMovements(
  transferId: string,
  fromStoreId: string,
  toStoreId: string,
  lines: readonly TransferLine[],
): LedgerMovement[] {
  const transit = transitLocationId(toStoreId);
  return lines
    .filter((l) => l.quantity > 0)
    .flatMap((l) => [
      {
        id: uuidv5(`transfer-ship-out:${transferId}:${l.sku}`),
        storeId: fromStoreId,
        sku: l.sku,
        type: 'transfer_out' as const,
        quantity: -l.quantity,
      },
      {
        id: uuidv5(`transfer-ship-transit:${transferId}:${l.sku}`),
        storeId: transit,
        sku: l.sku,
        type: 'transfer_in' as const,
        quantity: l.quantity,
      },
    ]);
}

/**
 * Receive: every shipped unit leaves transit, and what was actually found goes onto the shelf.
 * Shipped 10, received 9: transit −10, shelf +9; the missing unit is the discrepancy the transfer
 * document records, and transit is back to zero either way.
 */
export function receiveMovements(
  transferId: string,
  toStoreId: string,
  shipped: readonly TransferLine[],
  received: readonly TransferLine[],
): LedgerMovement[] {
  const transit = transitLocationId(toStoreId);
  const out: LedgerMovement[] = [];
  for (const l of shipped) {
    if (l.quantity > 0)
      out.push({
        id: uuidv5(`transfer-receive-transit:${transferId}:${l.sku}`),
        storeId: transit,
        sku: l.sku,
        type: 'transfer_out',
        quantity: -l.quantity,
      });
  }
  for (const l of received) {
    if (l.quantity > 0)
      out.push({
        id: uuidv5(`transfer-receive-in:${transferId}:${l.sku}`),
        storeId: toStoreId,
        sku: l.sku,
        type: 'transfer_in',
        quantity: l.quantity,
      });
  }
  return out;
}
