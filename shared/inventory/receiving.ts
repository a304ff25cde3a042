// Receiving against a purchase order or an advance shipping notice (ASN): HQ says what is coming
// (lines, and for an ASN the cartons with their contents); the store scans cartons or single
// items; the outcome per SKU is expected vs received, over, short and damaged; closing turns the
// sellable units into receipt movements (name-based ids, so a retried close writes nothing new).
import { z } from 'zod';
import { DomainError } from '../errors';
import { uuidv5 } from '../ids/uuidv5';
import { InventoryError } from './errors';
import type { LedgerMovement } from './ledger';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const sku = z.string().regex(/^[\x21-\x7e]{1,64}$/, 'A SKU is 1–64 printable characters without spaces.');
const qty = z.number().int().min(1).max(1_000_000);

export const purchaseOrderInput = z.strictObject({
  id: z.string().regex(UUID, 'id is a UUID (make one with uuid v7).'),
  kind: z.enum(['purchase_order', 'asn']),
  /** The supplier's or HQ's document number, shown to the store. */
  number: z.string().min(1).max(64),
  storeId: z.string().min(1).max(64),
  supplier: z.string().min(1).max(200),
  lines: z
    .array(z.strictObject({ sku, quantity: qty }))
    .min(1)
    .max(10_000),
  /** ASN cartons: scanning a carton's code receives its whole content. */
  cartons: z
    .array(
      z.strictObject({
        code: z.string().regex(/^[0-9A-Za-z-]{4,40}$/),
        lines: z
          .array(z.strictObject({ sku, quantity: qty }))
          .min(1)
          .max(1000),
      }),
    )
    .max(5000)
    .default([]),
});
export type PurchaseOrderInput = z.input<typeof purchaseOrderInput>;

export const ReceivingStatus = { OPEN: 'open', CLOSED: 'closed' } as const;
export type ReceivingStatus = (typeof ReceivingStatus)[keyof typeof ReceivingStatus];

export interface ReceivedLine {
  sku: string;
  expected: number;
  received: number;
  damaged: number;
  over: number;
  short: number;
}

export interface PurchaseOrder extends z.output<typeof purchaseOrderInput> {
  status: ReceivingStatus;
  createdAt: string;
  closedAt?: string;
  result?: ReceivedLine[];
}

export function parsePurchaseOrder(body: unknown): z.output<typeof purchaseOrderInput> {
  const parsed = purchaseOrderInput.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.join('.');
    throw new DomainError(
      InventoryError.BAD_RECEIVING_DOCUMENT,
      `The purchase order was refused at "${field || '(document)'}": ${issue.message}`,
      { field },
    );
  }
  const po = parsed.data;
  // Cartons must add up to no more than the lines they belong to: an ASN that promises more in
  // boxes than on paper is a supplier error HQ should fix before the truck arrives.
  const expected = expectedBySku(po);
  const inCartons = new Map<string, number>();
  for (const c of po.cartons) for (const l of c.lines) inCartons.set(l.sku, (inCartons.get(l.sku) ?? 0) + l.quantity);
  for (const [s, n] of inCartons) {
    if (n > (expected.get(s) ?? 0))
      throw new DomainError(
        InventoryError.BAD_RECEIVING_DOCUMENT,
        `The cartons hold ${n} of ${s} but the lines expect ${expected.get(s) ?? 0}; correct the ASN.`,
        { field: 'cartons' },
      );
  }
  if (new Set(po.cartons.map((c) => c.code)).size !== po.cartons.length)
    throw new DomainError(
      InventoryError.BAD_RECEIVING_DOCUMENT,
      'Two cartons share a code; every carton label must be unique.',
      { field: 'cartons' },
    );
  return po;
}

export function expectedBySku(po: Pick<PurchaseOrder, 'lines'>): Map<string, number> {
  const out = new Map<string, number>();
  for (const l of po.lines) out.set(l.sku, (out.get(l.sku) ?? 0) + l.quantity);
  return out;
}

export interface CountedLine {
  sku: string;
  received: number;
  damaged: number;
}

/** Expected vs received per SKU (every expected SKU, plus any that arrived unannounced). */
export function receivingOutcome(po: Pick<PurchaseOrder, 'lines'>, counted: readonly CountedLine[]): ReceivedLine[] {
  const expected = expectedBySku(po);
  const got = new Map<string, { received: number; damaged: number }>();
  for (const c of counted) {
    if (
      !Number.isSafeInteger(c.received) ||
      !Number.isSafeInteger(c.damaged) ||
      c.received < 0 ||
      c.damaged < 0 ||
      c.damaged > c.received
    ) {
      throw new DomainError(
        InventoryError.BAD_RECEIVING_DOCUMENT,
        `Received ${c.received} with ${c.damaged} damaged for ${c.sku} is not possible: damaged units are part of those received.`,
        { field: 'lines' },
      );
    }
    const g = got.get(c.sku) ?? { received: 0, damaged: 0 };
    got.set(c.sku, { received: g.received + c.received, damaged: g.damaged + c.damaged });
  }
  const skus = [...new Set([...expected.keys(), ...got.keys()])];
  return skus.map((s) => {
    const e = expected.get(s) ?? 0;
    const { received, damaged } = got.get(s) ?? { received: 0, damaged: 0 };
    return {
      sku: s,
      expected: e,
      received,
      damaged,
      over: Math.max(0, received - e),
      short: Math.max(0, e - received),
    };
  });
}

/** Sellable units (received − damaged) onto the store's shelf, one receipt movement per SKU. */
export function receiptMovements(poId: string, storeId: string, outcome: readonly ReceivedLine[]): LedgerMovement[] {
  return outcome
    .filter((l) => l.received - l.damaged > 0)
    .map((l) => ({
      id: uuidv5(`po-receipt:${poId}:${l.sku}`),
      storeId,
      sku: l.sku,
      type: 'receipt' as const,
      quantity: l.received - l.damaged,
    }));
}
