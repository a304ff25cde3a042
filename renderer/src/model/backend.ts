// The port between the register's features and its data: what the screens need from the local
// replica and replication, as one interface. local-data/rx-backend.ts implements it over RxDB and
// the replication client (sync/); component tests pass an in-memory implementation. Data flows
// down through the on… subscriptions (shell/useBackendWiring.ts copies it into the UI stores);
// the data layer never writes a UI store itself.
import type { Clerk } from './clerk';
import type { SaleContext } from './sale-context';
import type { Cart } from './cart-types';
import type { Tender } from './tender';
import type { ReceiptDocument } from '../../../shared/receipt/receipt-document';
import type { TillShift } from '../../../shared/schemas';
import type { ShiftFigures as TillShiftFigures } from '../../../shared/till/reports';
import type { CartTotals } from './totals';
import type { PendingOfflinePayment } from '../../../shared/payments/offline';
import type { BalanceSource } from './balance-source';
import type { CardTerminal } from './card-payments';
import type { QuickKeyGrid } from '../../../shared/quick-keys';

export interface RegisterIdentity {
  serverUrl: string;
  storeId: string;
  storeCode: string;
  registerId: string;
  registerCode: string;
  currency: string;
}

export interface CollectionProgress {
  collection: string;
  done: number;
  /** Total announced by the server; undefined until it is known. */
  total: number | undefined;
}

export interface ProductView {
  id: string;
  sku: string;
  name: string;
  barcodes: string[];
  /** Unit price in minor units; for weighed items, the price per kilogram. */
  price: number;
  soldByWeight: boolean;
  taxCategory: string;
  category: string;
  department: string;
  /** Open-price (custom) item: the most the clerk may type as its unit price (shared/orders/open-price.ts). */
  openPriceMax?: number;
}

/** The product grid beside scan and search: HQ's quick-key tabs and the product behind each key. */
export interface QuickKeyPanel extends QuickKeyGrid {
  products: Record<string, ProductView>;
}

export interface StaffView {
  id: string;
  name: string;
  role: Clerk['role'];
  active: boolean;
}

export interface CustomerView {
  id: string;
  name: string;
  email: string | undefined;
  phone: string | undefined;
  storeCreditBalance: number;
}

export interface NewCustomer {
  name: string;
  email?: string;
  phone?: string;
}

export interface PinCheck {
  ok: boolean;
  /** When the staff member is locked out, until when (ISO). */
  lockedUntil?: string;
  attemptsLeft?: number;
  message: string;
}

export interface SaleToComplete {
  cart: Cart;
  totals: CartTotals;
  tenders: Tender[];
  clerk: Clerk;
  shiftId: string | undefined;
  context: SaleContext;
}

export interface CompletedSale {
  orderId: string;
  orderNumber: string;
}

export interface CashMovementInput {
  kind: 'paid_in' | 'paid_out' | 'drop' | 'no_sale';
  amount: number;
  reason: string;
  staffId: string;
  approvedBy?: string;
}

export interface DenominationCount {
  denomination: number;
  count: number;
}

/** What the X and Z reports print for a shift (figures from shared/till). */
export interface ShiftReportData {
  shift: TillShift;
  figures: TillShiftFigures;
  /** Z report only: the blind count and over/short. */
  close?: { counted: number; overShort: number };
}

export interface RefusedDocumentView {
  collection: string;
  id: string;
  reason: string;
  whatToDo: string;
}

/** Replication as the status bar and the sync panel show it. */
export interface SyncStatusView {
  online: boolean;
  /** Documents written locally and not yet acknowledged by the server. */
  waiting: number;
  lastSyncAt: string | undefined;
  refused: RefusedDocumentView[];
  error: string | undefined;
}

export type Unsubscribe = () => void;

export interface Backend {
  identity(): RegisterIdentity | undefined;
  /** Calls `listener` with the store settings (now, if known) and whenever HQ publishes new ones. */
  onSaleContext(listener: (context: SaleContext) => void): Unsubscribe;
  /** Calls `listener` with the replication status (now, if known) and on every change. */
  onSyncStatus(listener: (status: SyncStatusView) => void): Unsubscribe;
  /** The card terminal for real or training sales (training uses its own simulator state). */
  cardTerminal(training: boolean): CardTerminal;
  /** Gift card and store credit balances (sale/pay/gift-cards.ts); absent where none can be read. */
  balances?(): BalanceSource | undefined;
  enroll(serverUrl: string, code: string): Promise<RegisterIdentity>;
  /** Pulls everything the register needs; resumes from the last checkpoint when interrupted. */
  initialSync(onProgress: (progress: CollectionProgress[]) => void): Promise<void>;
  initialSyncDone(): boolean;
  saleContext(): Promise<SaleContext>;
  findByBarcode(code: string): Promise<ProductView | undefined>;
  findByPlu(plu: string): Promise<ProductView | undefined>;
  searchProducts(text: string, limit: number): Promise<ProductView[]>;
  /** HQ's quick keys for this store (Favourites, then category tabs); no tabs when HQ set none. */
  quickKeys(): Promise<QuickKeyPanel>;
  listStaff(): Promise<StaffView[]>;
  checkPin(staffId: string, pin: string): Promise<PinCheck>;
  searchCustomers(text: string, limit: number): Promise<CustomerView[]>;
  createCustomer(input: NewCustomer): Promise<CustomerView>;
  /** Writes order, payments, stock movements and approval events durably; idempotent by sale id. */
  completeSale(sale: SaleToComplete): Promise<CompletedSale>;
  /** The completed sale (real or training) with this sale id, if this register has it. */
  findCompletedSale(saleId: string): Promise<CompletedSale | undefined>;
  /** The receipt of a completed sale; the caller names the cashier (the data layer does not know who is signed in). */
  /** The stored sale's receipt, naming the clerk who made the sale. */
  receipt(orderId: string): Promise<ReceiptDocument>;
  requestReceiptEmail(orderId: string, email: string, staffId: string): Promise<void>;
  /** The e-mail of the sale's customer (on the order, else the attached customer's), to offer on the receipt screen. */
  receiptEmailSuggestion(orderId: string): Promise<string | undefined>;
  /** Offline card authorisations not yet forwarded: the per-register cap counts them. */
  pendingOfflineCard(): Promise<PendingOfflinePayment[]>;
  currentShift(): Promise<TillShift | undefined>;
  openShift(openingFloat: number, staffId: string): Promise<TillShift>;
  addCashMovement(shiftId: string, movement: CashMovementInput): Promise<TillShift>;
  closeShift(shiftId: string, counts: DenominationCount[], staffId: string): Promise<ShiftReportData>;
  shiftReport(shiftId: string): Promise<ShiftReportData>;
}
