// Training mode sales: built exactly like real ones (so the receipt and the flow are the same)
// but kept only in a capped local practice log — never in the replicated database, so they never
// sync and never move stock.
import type { Order, Payment } from '../../../shared/schemas';
import type { CompletedSale, SaleToComplete } from '../model/backend';
import { buildSaleDocuments } from '../../../shared/orders/sale-documents';
import { readStoredJson } from './stored-json';
import type { Identity } from './types';

const KEY = 'pos.training-sales';
const KEEP = 50;

interface Stored {
  order: Order;
  payments: Payment[];
}

export class TrainingSales {
  constructor(private readonly storage: Storage = localStorage) {}

  private all(): Stored[] {
    return readStoredJson<Stored[]>(this.storage, KEY, []);
  }

  complete(sale: SaleToComplete, ident: Identity, newId: () => string): CompletedSale {
    const sequence = this.all().length + 1;
    const docs = buildSaleDocuments({
      ...sale,
      storeId: ident.storeId,
      deviceId: ident.deviceId,
      orderNumber: `TRAINING-${String(sequence).padStart(4, '0')}`,
      now: new Date().toISOString(),
      newId,
    });
    this.storage.setItem(
      KEY,
      JSON.stringify([...this.all(), { order: docs.order, payments: docs.payments }].slice(-KEEP)),
    );
    return { orderId: docs.order.id, orderNumber: docs.order.orderNumber };
  }

  find(orderId: string): Stored | undefined {
    return this.all().find((s) => s.order.id === orderId);
  }
}
