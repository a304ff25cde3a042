// The receipt of a stored sale, as shared/receipt's ReceiptDocument: the same document feeds
// the on-screen/HTML receipt and the ESC/POS byte stream, so both always agree. The building is
// shared (shared/receipt/sale-receipt.ts) so the server's e-mailed receipt says the same.
import type { ReceiptDocument } from '../../../shared/receipt/receipt-document';
import { buildSaleReceipt, type SaleReceiptOptions } from '../../../shared/receipt/sale-receipt';
import type { Order, Payment } from '../../../shared/schemas';
import type { SaleContext } from '../model/sale-context';

export { mergeCash } from '../../../shared/receipt/sale-receipt';

export function buildReceipt(
  order: Order,
  payments: readonly Payment[],
  context: SaleContext,
  options: SaleReceiptOptions = {},
): ReceiptDocument {
  return buildSaleReceipt(order, payments, context, options);
}
