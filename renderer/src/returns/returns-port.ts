// What the returns desk needs from local data, the server and the card gateway: its own port,
// separate from the sale's Backend. The implementation is local-data/returns-service.ts.
import type {
  CustomerReturnRecord,
  ExchangeSettlement,
  ReturnPolicy,
  ReturnableView,
  RefundAllocation,
} from '../../../shared/returns';
import type { SaleLine, SaleTender, SaleToComplete } from '../../../shared/orders/sale-documents';
import type { CartTotals } from '../../../shared/pricing';
import type { Order, Return } from '../../../shared/schemas';
import type { GrantedReturnApproval, ReturnLineInput } from '../local-data/returns-documents';
import type { SaleSummary } from '../local-data/returns-lookup';
import type { ReceiptlessLine } from '../local-data/returns-receiptless';
import type { Role } from '../../../shared/pricing';

export type { GrantedReturnApproval, ReceiptlessLine, ReturnLineInput, SaleSummary };

export interface FoundSale {
  view: ReturnableView;
  /** Returns of the sale at this store (the replica) plus this register's not yet synced. */
  localReturns: Return[];
  /** 'server': the chain-wide answer; 'local': only this store could be checked (offline). */
  source: 'local' | 'server';
}

export interface RecentSale extends SaleSummary {
  /** The server has acknowledged everything this register wrote (see returns-service). */
  reachedHq: boolean;
}

/** The new half of an exchange: the items the customer takes, priced, and what they paid of the difference. */
export interface ExchangeRequest {
  /** The new order's id (UUIDv7). */
  saleId: string;
  startedAt: string;
  lines: SaleLine[];
  totals: CartTotals;
  /** Tenders for the difference when the customer pays it; [] otherwise. */
  tenders: SaleTender[];
  context: SaleToComplete['context'];
  storeCode: string;
  registerCode: string;
}

export interface CompleteReturnRequest {
  found: FoundSale;
  lines: ReturnLineInput[];
  allocations: RefundAllocation[];
  approvals: GrantedReturnApproval[];
  staffId: string;
  /** The clerk's role: a supervisor approves their own over-limit return. */
  actorRole: Role;
  shiftId: string | undefined;
  /** Present for an exchange: the allocations then refund only the difference owed to the customer. */
  exchange?: ExchangeRequest;
  /** A post-void (use `ReturnsPort.postVoid`, which plans lines and tenders). */
  postVoid?: boolean;
}

export interface PostVoidRequest {
  found: FoundSale;
  approvals: GrantedReturnApproval[];
  staffId: string;
  actorRole: Role;
  /** The register's open till shift: only its own sales can be voided. */
  shiftId: string | undefined;
}

export interface CompletedReturn {
  returnId: string;
  /** The return document as written. */
  ret: Return;
  refunds: { method: string; amount: number; last4?: string; queued: boolean }[];
  refundTotal: number;
  /** For an exchange: the new order and how the difference was settled. */
  exchange?: { orderId: string; orderNumber: string; order: Order; settlement: ExchangeSettlement };
}

/** A customer's returns in the policy's limit period, and how far the count reaches. */
export interface CustomerReturnCheck {
  returns: CustomerReturnRecord[];
  /** 'all-stores': the server counted every store; 'this-store': offline, the replica and this register only. */
  scope: 'all-stores' | 'this-store';
}

export interface QueuedCardRefund {
  paymentId: string;
  amount: number;
  last4: string;
  queuedAt: string;
}

export interface ReceiptlessReturnRequest {
  lines: ReceiptlessLine[];
  customerId: string;
  currency: Return['currency'];
  taxMode: 'inclusive' | 'exclusive';
  approvals: GrantedReturnApproval[];
  staffId: string;
  actorRole: Role;
  shiftId: string | undefined;
}

export interface ReturnsPort {
  /** Finds a sale by order number (typed or scanned); `total` (minor units) lets the server answer for another store. */
  findByNumber(orderNumber: string, total?: number): Promise<FoundSale>;
  findByCustomer(text: string): Promise<SaleSummary[]>;
  findByCard(last4: string, day: string): Promise<SaleSummary[]>;
  recentSales(): Promise<RecentSale[]>;
  settings(): Promise<{ policy: ReturnPolicy; offlineRefundCap: number }>;
  /**
   * The customer's returns within the policy's customer-limit period (none without a limit): every
   * store's from the server when online, else this store's replica plus this register's unsynced.
   */
  customerReturns(customerId: string): Promise<CustomerReturnCheck>;
  /** Cash and receipt-less refunds this register made that the server has not acknowledged. */
  offlineRefundExposure(): Promise<number>;
  complete(request: CompleteReturnRequest): Promise<CompletedReturn>;
  /**
   * Voids a completed sale of the open till shift with a manager's approval: every line back to
   * stock, every tender refunded in full to itself (shared/returns planPostVoid).
   */
  postVoid(request: PostVoidRequest): Promise<CompletedReturn>;
  /** A return without a receipt: store credit only, capped, approved as the policy says. */
  completeReceiptless(request: ReceiptlessReturnRequest): Promise<CompletedReturn>;
  queuedCardRefunds(): QueuedCardRefund[];
  /** Sends queued card refunds to the gateway; returns how many went through. */
  forwardQueuedRefunds(): Promise<number>;
  online(): boolean;
}
