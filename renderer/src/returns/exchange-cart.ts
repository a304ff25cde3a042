// The new half of an exchange: the items the customer takes, priced by shared/pricing exactly as
// the sale screen prices them (shelf price, promotions, tax), and the settlement against the
// returned goods' refund (shared/returns settleExchange).
import { money } from '../../../shared/money';
import { priceCart, type CartTotals, type Promotion } from '../../../shared/pricing';
import type { SaleLine } from '../../../shared/orders/sale-documents';
import type { TaxJurisdiction } from '../../../shared/tax';
import type { ProductView } from '../model/backend';

export interface ExchangeLine {
  lineId: string;
  product: ProductView;
  barcode: string;
  quantity: number;
}

export function addExchangeItem(
  lines: readonly ExchangeLine[],
  product: ProductView,
  barcode: string,
  newId: () => string,
): ExchangeLine[] {
  const same = lines.find((l) => l.product.id === product.id);
  if (same) return lines.map((l) => (l === same ? { ...l, quantity: l.quantity + 1 } : l));
  return [...lines, { lineId: newId(), product, barcode, quantity: 1 }];
}

export function priceExchange(
  lines: readonly ExchangeLine[],
  currency: string,
  jurisdiction: TaxJurisdiction,
  promotions: readonly Promotion[],
  at: string,
): CartTotals {
  return priceCart({
    currency,
    jurisdiction,
    promotions,
    at,
    lines: lines.map((l) => ({
      key: l.lineId,
      sku: l.product.sku,
      category: l.product.category,
      department: l.product.department,
      taxCategory: l.product.taxCategory,
      quantity: l.quantity,
      unitPrice: money(l.product.price, currency),
    })),
  });
}

export function saleLines(lines: readonly ExchangeLine[]): SaleLine[] {
  // The quantity is not on a SaleLine: the order line takes it from the priced totals.
  return lines.map((l) => ({
    lineId: l.lineId,
    productId: l.product.id,
    sku: l.product.sku,
    name: l.product.name,
    barcode: l.barcode,
    taxCategory: l.product.taxCategory,
    weightGrams: undefined,
    discount: undefined,
    priceOverride: undefined,
  }));
}
