// The open sale as the register holds it before it becomes an order document. Plain values only
// (money in integer minor units of the cart's currency) so it can be saved to local storage
// and restored after a crash.
import type { ApprovalKind, Discount, Role } from '../../../shared/pricing';

export type { Discount };

/** A manager approval collected at the register; written as an order event with the sale. */
export interface Approval {
  kind: ApprovalKind;
  /** Line key, or 'order' for the whole sale (matches shared/pricing's RequiredApproval.subject). */
  subject: string;
  approverId: string;
  approverName: string;
  approverRole: Role;
  at: string;
  detail: string;
}

export interface CartLine {
  lineId: string;
  productId: string;
  sku: string;
  name: string;
  barcode: string | undefined;
  /** Catalog unit price (per unit, or per kilogram for weighed items). */
  unitPrice: number;
  quantity: number;
  /** Weighed items: grams on the scale or in the barcode; quantity stays 1. */
  weightGrams: number | undefined;
  /** Price taken from a price-embedded (prefix 2) label: the price of this one package. */
  embeddedPrice: number | undefined;
  taxCategory: string;
  /** Merchandise category and department, for promotions. */
  category: string;
  department: string;
  discount: Discount | undefined;
  priceOverride: number | undefined;
  /** The clerk's note on this line (Alt+N), up to LINE_NOTE_MAX characters; printed under the line. */
  note?: string;
  /** An open-price (custom) item: `priceOverride` is the typed price, `note` what was sold; no stock moves. */
  openPrice?: boolean;
}

export interface CartCustomer {
  id: string;
  name: string;
  storeCreditBalance: number;
}

export interface Cart {
  saleId: string;
  currency: string;
  startedAt: string;
  training: boolean;
  lines: CartLine[];
  selectedLineId: string | undefined;
  orderDiscount: Discount | undefined;
  customer: CartCustomer | undefined;
  approvals: Approval[];
  /** The scan-journal id of the last scan added (sale/scan-journal.ts): a replay never adds it twice. */
  lastScanId?: string;
}
