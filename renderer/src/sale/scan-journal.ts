// The last scan of the open sale, written to the sale storage the moment Enter arrives, while the
// product is looked up, and on disk before its line is shown. The cart's own write can only start
// once the line exists, so a SIGKILL in the few milliseconds after the line is painted used to lose
// the last scan (the crash test tolerated it). At start-up a journalled scan the restored cart does
// not have (its id is not the cart's `lastScanId`) is added again from its code.
import { newId } from '../model/ids';
import type { Cart } from '../model/cart-types';
import { readSaleKey, writeSaleKey } from './sale-state-storage';

const KEY = 'pos.last-scan';

export interface JournalledScan {
  saleId: string;
  scanId: string;
  code: string;
}

/** Records a scan for the sale; `durable` resolves when it is on disk (it never rejects). */
export function journalScan(saleId: string, code: string): { scanId: string; durable: Promise<void> } {
  const scanId = newId();
  const entry: JournalledScan = { saleId, scanId, code };
  const durable = writeSaleKey(KEY, JSON.stringify(entry)).catch((error: unknown) => {
    // The cart write follows on the same storage; a failing disk is reported there and by the sale.
    console.error('scan journal: write failed', error);
  });
  return { scanId, durable };
}

/** The journalled scan of this cart that the cart does not hold yet, if any. */
export async function unappliedScan(cart: Cart): Promise<JournalledScan | undefined> {
  const text = await readSaleKey(KEY);
  if (!text) return undefined;
  try {
    const entry = JSON.parse(text) as Partial<JournalledScan>;
    if (typeof entry.code !== 'string' || typeof entry.scanId !== 'string') return undefined;
    if (entry.saleId !== cart.saleId || entry.scanId === cart.lastScanId) return undefined;
    return { saleId: entry.saleId, scanId: entry.scanId, code: entry.code };
  } catch {
    return undefined; // unreadable: nothing to replay
  }
}
