// What the receiving screen needs: this store's open purchase orders / ASNs, one of them, the SKU
// for a scanned item, and closing with what was counted. Kept apart from the Backend port.
import type { CountedLine, PurchaseOrder } from '../../../shared/inventory/receiving';

export interface ReceivingPort {
  openOrders(): Promise<PurchaseOrder[]>;
  order(id: string): Promise<PurchaseOrder>;
  /** The SKU of a scanned barcode or typed SKU, from the local catalog; undefined when unknown. */
  skuFor(code: string): Promise<string | undefined>;
  close(id: string, lines: CountedLine[]): Promise<PurchaseOrder>;
}
