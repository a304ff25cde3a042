// Transfers between stores: requested → approved → shipped (stock in transit at the receiver's
// transit location) → received (with discrepancies). The status rule and the discrepancy maths
// live here; the server stores the document and writes the movements (transit.ts).
import { DomainError } from '../errors';
import { InventoryError } from './errors';
import type { TransferLine } from './transit';

export const TransferStatus = {
  REQUESTED: 'requested',
  APPROVED: 'approved',
  SHIPPED: 'shipped',
  RECEIVED: 'received',
} as const;
export type TransferStatus = (typeof TransferStatus)[keyof typeof TransferStatus];

const NEXT: Readonly<Record<TransferStatus, TransferStatus | undefined>> = {
  requested: 'approved',
  approved: 'shipped',
  shipped: 'received',
  received: undefined,
};

export interface Transfer {
  id: string;
  kind: 'transfer';
  fromStoreId: string;
  toStoreId: string;
  status: TransferStatus;
  requested: TransferLine[];
  shipped?: TransferLine[];
  received?: TransferLine[];
  /** Per SKU: received − shipped (negative = lost or short in transit). Set on receipt. */
  discrepancies?: { sku: string; shipped: number; received: number; difference: number }[];
  history: { status: TransferStatus; at: string; by: string }[];
}

export function assertTransition(transfer: Pick<Transfer, 'status' | 'id'>, to: TransferStatus): void {
  if (NEXT[transfer.status] !== to) {
    throw new DomainError(
      InventoryError.TRANSFER_STATE,
      `Transfer ${transfer.id} is ${transfer.status}; it cannot be ${to} now (order: requested → approved → shipped → received).`,
      { status: transfer.status },
    );
  }
}

export function parseTransferLines(value: unknown, field: string): TransferLine[] {
  if (!Array.isArray(value) || value.length === 0 || value.length > 1000) {
    throw new DomainError(InventoryError.BAD_TRANSFER, `Give ${field} as 1–1000 lines of {"sku", "quantity"}.`, {
      field,
    });
  }
  const out = new Map<string, number>();
  value.forEach((l: unknown, i) => {
    const { sku, quantity } = (l ?? {}) as Record<string, unknown>;
    if (
      typeof sku !== 'string' ||
      !/^[\x21-\x7e]{1,64}$/.test(sku) ||
      !Number.isSafeInteger(quantity) ||
      (quantity as number) < 0 ||
      (quantity as number) > 1_000_000
    ) {
      throw new DomainError(
        InventoryError.BAD_TRANSFER,
        `Line ${i + 1} of ${field} needs a SKU and a whole quantity of 0 or more.`,
        { field: `${field}.${i}` },
      );
    }
    out.set(sku, (out.get(sku) ?? 0) + (quantity as number));
  });
  return [...out].map(([sku, quantity]) => ({ sku, quantity }));
}

export function transferDiscrepancies(
  shipped: readonly TransferLine[],
  received: readonly TransferLine[],
): NonNullable<Transfer['discrepancies']> {
  const skus = [...new Set([...shipped.map((l) => l.sku), ...received.map((l) => l.sku)])];
  const sum = (lines: readonly TransferLine[], sku: string) =>
    lines.filter((l) => l.sku === sku).reduce((s, l) => s + l.quantity, 0);
  return skus
    .map((sku) => ({
      sku,
      shipped: sum(shipped, sku),
      received: sum(received, sku),
      difference: sum(received, sku) - sum(shipped, sku),
    }))
    .filter((d) => d.difference !== 0);
}
