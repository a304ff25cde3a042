// Customer service from the HQ console: the approval limit per role for appeasements, the return
// authorisation number, and the wire shapes the server sends and the console reads.
export type ServiceRole = 'admin' | 'operations' | 'viewer';

/**
 * The largest appeasement (partial refund or store credit, minor units) each role may give on
 * one order without someone higher. A viewer gives none; an admin is bounded by what the
 * customer paid.
 */
export const APPEASEMENT_LIMIT: Readonly<Record<ServiceRole, number>> = {
  viewer: 0,
  operations: 5_000,
  admin: 50_000,
};

export function appeasementLimit(role: ServiceRole): number {
  return APPEASEMENT_LIMIT[role];
}

/** Crockford base32 without I, L, O, U: read aloud over the phone without mix-ups. */
const RA_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const RA_PATTERN = /^RA-[0-9ABCDEFGHJKMNPQRSTVWXYZ]{8}$/;

/** `RA-` + 8 characters from 40 random bits (the caller supplies the randomness). */
export function formatRaNumber(random: Uint8Array): string {
  let bits = 0n;
  for (const byte of random.slice(0, 5)) bits = (bits << 8n) | BigInt(byte);
  let out = '';
  for (let i = 0; i < 8; i++) {
    out = (RA_ALPHABET[Number(bits & 31n)] ?? '0') + out;
    bits >>= 5n;
  }
  return `RA-${out}`;
}

/** Upper-cases and checks a typed RA number; undefined when it cannot be one. */
export function normalizeRaNumber(raw: string): string | undefined {
  const text = raw.trim().toUpperCase();
  return RA_PATTERN.test(text) ? text : undefined;
}

export interface OrderRow {
  id: string;
  orderNumber: string;
  channel: string;
  status: string;
  storeId: string;
  storeCode: string | null;
  customerId: string | null;
  customerEmail: string | null;
  total: number;
  currency: string;
  createdAt: string;
}

export interface TimelineEntry {
  id: string;
  at: string;
  type: string;
  actor: string;
  summary: string;
  payload: Record<string, unknown>;
}

export interface ReturnAuthorisation {
  raNumber: string;
  orderId: string;
  orderNumber: string;
  status: 'open' | 'used' | 'cancelled';
  lines: { lineId: string; sku: string; name: string; quantity: number }[];
  reason: string;
  createdBy: string;
  createdAt: string;
  expiresAt: string;
  /** Set once a store's returns desk took the return: which store, which staff member, which return. */
  used?: { at: string; storeId: string; storeCode?: string; by: string; returnId: string };
}

export interface CancelledLine {
  lineId: string;
  sku: string;
  name: string;
  quantity: number;
  /** The line's total as it stood on the order (after its discounts, with its tax). */
  amount: number;
  reason: string;
  by: string;
  at: string;
}

/** One e-mailed receipt on HQ's order view: requested, waiting for the order, sent, not sent (no SMTP) or failed. */
export interface ReceiptEmailStatusView {
  eventId: string;
  email: string;
  status: 'requested' | 'waiting' | 'sent' | 'not_sent' | 'failed';
  /** Why it waits, was not sent or failed. */
  reason: string | null;
  requestedAt: string;
  updatedAt: string;
  sentAt: string | null;
}

export interface OrderDetail {
  order: Record<string, unknown>;
  storeCode: string | null;
  timeline: TimelineEntry[];
  payments: Record<string, unknown>[];
  fulfillmentOrders: Record<string, unknown>[];
  returns: Record<string, unknown>[];
  returnAuthorisations: ReturnAuthorisation[];
  exceptions: { id: string; reason: string; message: string; status: string; createdAt: string }[];
  /** What customer service may still do on this order, for the console's buttons. */
  can: { cancel: boolean; appease: boolean; authoriseReturn: boolean; reship: boolean };
  /** Lines customer service cancelled (no longer in the order's lines): what, how many, who, when. */
  cancelledLines: CancelledLine[];
  /** Receipt e-mails asked for at the register and what became of each (sync-server/jobs/receipt-email.ts). */
  receiptEmails: ReceiptEmailStatusView[];
  /** Card refunds and store credit given so far, and what was paid. */
  paid: number;
  refunded: number;
}

export interface CustomerSummary {
  customer: Record<string, unknown>;
  orders: OrderRow[];
  returns: { id: string; storeId: string; originalOrderId: string; refundTotal: number; createdAt: string }[];
  pickups: {
    id: string;
    orderId: string;
    storeId: string;
    status: string;
    pickupCode: string | null;
    updatedAt: string;
  }[];
  storeCredit: { balance: number; currency: string; entries: number };
  giftCards: { token: string; last4: string; balance: number; status: string }[];
  /** Who last edited the notes from the console, and when (absent when only a register wrote them). */
  notesEdited?: { by: string; at: string };
  totals: { orders: number; spent: number; returned: number; channels: Record<string, number> };
}

/**
 * Customer 360 in short form for the register a customer is attached to a sale on: figures only,
 * no contact data and no order lines (`GET /api/customers/:id/summary`, register credential).
 */
export interface RegisterCustomerSummary {
  customerId: string;
  /** When the server worked it out (the register shows it when it answers from its cache). */
  asOf: string;
  currency: string;
  /** Orders from every channel and store, and what they came to (cancelled, rejected and voided not spent). */
  orders: number;
  spent: number;
  channels: number;
  stores: number;
  /** The latest in-store sale: when and at which store. */
  lastVisit: { at: string; storeCode: string | null } | null;
  /** Pickups not yet handed over or cancelled, in every store and at the asking register's store. */
  openPickups: number;
  openPickupsHere: number;
  returns: number;
  storeCredit: number;
  /** Head office wrote notes on the customer (the register holds the notes themselves, if any). */
  hqNotes: boolean;
}
