// Returnable quantity per original line = bought − already returned, counting the returns of the
// order taken at every store. Two stores can both accept the last unit while offline; that shows
// up here as over-returned rather than as an exception, so the merge can raise it to a person.
import { DomainError } from '../errors';
import { ReturnError } from './errors';

export interface SoldLine {
  lineId: string;
  sku: string;
  quantity: number;
  /** What the line cost the customer before tax: after all discounts, net of any included VAT. */
  net: number;
  tax: number;
  taxComponents: readonly { code: string; name: string; percent: string; amount: number }[];
}

export interface PriorReturn {
  returnId: string;
  lines: readonly { lineId: string; quantity: number }[];
}

export interface LineReturnability {
  lineId: string;
  bought: number;
  returned: number;
  returnable: number;
  overReturned: number; // > 0 only after conflicting offline returns
}

export function assertReturnQuantity(q: unknown): asserts q is number {
  if (typeof q !== 'number' || !Number.isSafeInteger(q) || q < 0) {
    throw new DomainError(
      ReturnError.INVALID_QUANTITY,
      `The return quantity ${String(q)} is not valid. Enter a whole number of one or more.`,
      { quantity: String(q) },
    );
  }
}

export function returnability(
  lines: readonly SoldLine[],
  prior: readonly PriorReturn[],
): Map<string, LineReturnability> {
  const out = new Map<string, LineReturnability>();
  for (const l of lines)
    out.set(l.lineId, { lineId: l.lineId, bought: l.quantity, returned: 0, returnable: l.quantity, overReturned: 0 });
  const seen = new Set<string>();
  for (const r of prior) {
    if (seen.has(r.returnId)) continue; // the same return replicated twice counts once
    seen.add(r.returnId);
    for (const rl of r.lines) {
      assertReturnQuantity(rl.quantity);
      const entry = out.get(rl.lineId);
      if (!entry) {
        throw new DomainError(
          ReturnError.UNKNOWN_LINE,
          `Return ${r.returnId} refers to line ${rl.lineId}, which is not on this order.`,
          { lineId: rl.lineId },
        );
      }
      entry.returned += rl.quantity;
    }
  }
  for (const e of out.values()) {
    e.returnable = Math.max(0, e.bought - e.returned);
    e.overReturned = Math.max(0, e.returned - e.bought);
  }
  return out;
}
