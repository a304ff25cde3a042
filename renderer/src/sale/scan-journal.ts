// The last addition to the open sale, written to the sale storage the moment it is asked for (Enter
// after a scan, a tap on a grid key, a pick from the search results), and on disk before its line is
// shown. The cart's own write can only start once the line exists, so a SIGKILL in the few
// milliseconds after the line is painted used to lose the last addition (the crash test tolerated
// it). At start-up a journalled addition the restored cart does not have (its id is not the cart's
// `lastScanId`) is added again: a scan from its code, a pick from the product it named.
import { newId } from '../model/ids';
import type { ProductView } from '../model/backend';
import type { Cart } from '../model/cart-types';
import { readSaleKey, writeSaleKey } from './sale-state-storage';

const KEY = 'pos.last-scan';

export type JournalledScan =
  | { kind: 'code'; saleId: string; scanId: string; code: string }
  /** A grid key or a search result: the product as the clerk saw it, and the weight for weighed goods. */
  | { kind: 'product'; saleId: string; scanId: string; product: ProductView; weightGrams?: number };

/** Where an addition was journalled: the line carries `scanId`, and is shown once `durable` resolves. */
export interface ScanOrigin {
  scanId: string;
  /** Resolves when the addition is journalled on disk (it never rejects). */
  durable: Promise<void>;
}

/** Set to '1' in local storage to switch the journal off; read only by bench builds (below). */
export const BENCH_JOURNAL_OFF_KEY = 'pos.bench.scan-journal-off';

/**
 * Bench builds only (VITE_POS_BENCH=1, bench/register-app.bench.ts): with BENCH_JOURNAL_OFF_KEY set
 * nothing is journalled, so the bench measures the journal's cost on scan → line, on and off in one
 * run. In every other build the condition is false at build time and the branch is dropped.
 */
function journalOffForBench(): boolean {
  return import.meta.env.VITE_POS_BENCH === '1' && globalThis.localStorage?.getItem(BENCH_JOURNAL_OFF_KEY) === '1';
}

function journal(entry: JournalledScan): ScanOrigin {
  if (journalOffForBench()) return { scanId: entry.scanId, durable: Promise.resolve() };
  const durable = writeSaleKey(KEY, JSON.stringify(entry)).catch((error: unknown) => {
    // The cart write follows on the same storage; a failing disk is reported there and by the sale.
    console.error('scan journal: write failed', error);
  });
  return { scanId: entry.scanId, durable };
}

/** Records a scan (or a typed code) for the sale. */
export function journalScan(saleId: string, code: string): ScanOrigin {
  return journal({ kind: 'code', saleId, scanId: newId(), code });
}

/** Records a product picked from the grid or the search results (weighed goods with their weight). */
export function journalPick(saleId: string, product: ProductView, weightGrams?: number): ScanOrigin {
  const entry: JournalledScan = { kind: 'product', saleId, scanId: newId(), product };
  if (weightGrams !== undefined) entry.weightGrams = weightGrams;
  return journal(entry);
}

function isProduct(value: unknown): value is ProductView {
  if (typeof value !== 'object' || value === null) return false;
  const p = value as Partial<ProductView>;
  return (
    typeof p.id === 'string' &&
    typeof p.name === 'string' &&
    typeof p.sku === 'string' &&
    Array.isArray(p.barcodes) &&
    typeof p.price === 'number' &&
    typeof p.soldByWeight === 'boolean' &&
    typeof p.taxCategory === 'string'
  );
}

/** The journalled addition of this cart that the cart does not hold yet, if any. */
export async function unappliedScan(cart: Cart): Promise<JournalledScan | undefined> {
  const text = await readSaleKey(KEY);
  if (!text) return undefined;
  try {
    const entry = JSON.parse(text) as Record<string, unknown>;
    const { saleId, scanId } = entry;
    if (typeof saleId !== 'string' || typeof scanId !== 'string') return undefined;
    if (saleId !== cart.saleId || scanId === cart.lastScanId) return undefined;
    // Entries written before picks were journalled carry no kind: they are scans.
    if ((entry.kind === undefined || entry.kind === 'code') && typeof entry.code === 'string')
      return { kind: 'code', saleId, scanId, code: entry.code };
    if (entry.kind === 'product' && isProduct(entry.product)) {
      const picked: JournalledScan = { kind: 'product', saleId, scanId, product: entry.product };
      if (typeof entry.weightGrams === 'number') picked.weightGrams = entry.weightGrams;
      return picked;
    }
    return undefined;
  } catch {
    return undefined; // unreadable: nothing to replay
  }
}
