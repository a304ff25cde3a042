// Shapes of the pricing API (/api/hq/console/price-books…, /promotions…) and exact text ↔ integer
// conversions for the forms (amounts and percentages are never read through a float).

export type { AuditEntry, BookPriceRow, BookPricesPage, PriceBookRow } from '../../../../shared/hq/pricing';

export type PromotionRule =
  | {
      type: 'buy_x_get_y';
      buySkus: string[];
      buyQuantity: number;
      getSkus: string[];
      getQuantity: number;
      getDiscountPpm: number;
    }
  | { type: 'threshold'; minSubtotal: number; discountAmount?: number; discountPpm?: number }
  | { type: 'percent_off'; skus?: string[]; departments?: string[]; discountPpm: number };

export interface PromotionPayload {
  code: string;
  name: string;
  rule: PromotionRule;
  priority: number;
  stackable: boolean;
  startsAt: string;
  endsAt?: string;
  storeIds?: string[];
  active: boolean;
}

export interface PromotionDoc {
  id: string;
  key: string;
  updatedAt: string;
  payload: PromotionPayload;
}

/** "12.5" with `decimals` 4 → 125000; NaN when the text is not a plain non-negative decimal. */
export function decimalToInt(text: string, decimals: number): number {
  const m = /^(\d{1,12})(?:\.(\d*))?$/.exec(text.trim());
  if (!m || (m[2] ?? '').length > decimals) return Number.NaN;
  const fraction = (m[2] ?? '').padEnd(decimals, '0');
  return Number(m[1]) * 10 ** decimals + (fraction ? Number(fraction) : 0);
}

/** 125000 with `decimals` 4 → "12.5"; 499 with 2 → "4.99". */
export function intToDecimal(value: number, decimals: number, keepZeros = false): string {
  const whole = Math.floor(value / 10 ** decimals);
  let fraction = String(value % 10 ** decimals).padStart(decimals, '0');
  if (!keepZeros) fraction = fraction.replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : String(whole);
}

/** Percent text ("25", "12.5") ↔ parts per million. */
export const percentToPpm = (text: string) => decimalToInt(text, 4);
export const ppmToPercent = (ppm: number) => intToDecimal(ppm, 4);

export function ruleSummary(rule: PromotionRule, money: (minor: number) => string): string {
  switch (rule.type) {
    case 'buy_x_get_y': {
      const same = rule.getSkus.join() === rule.buySkus.join();
      const off = rule.getDiscountPpm === 1_000_000 ? 'free' : `${ppmToPercent(rule.getDiscountPpm)} % off`;
      return `Buy ${rule.buyQuantity} of ${rule.buySkus.join(', ')}, get ${rule.getQuantity}${same ? '' : ` of ${rule.getSkus.join(', ')}`} ${off}`;
    }
    case 'percent_off':
      return `${ppmToPercent(rule.discountPpm)} % off ${[...(rule.departments ?? []), ...(rule.skus ?? [])].join(', ')}`;
    case 'threshold':
      return `${rule.discountAmount !== undefined ? money(rule.discountAmount) : `${ppmToPercent(rule.discountPpm ?? 0)} %`} off ${money(rule.minSubtotal)} or more`;
  }
}

export function promotionStatus(p: PromotionPayload, now = new Date().toISOString()): string {
  if (!p.active) return 'Off';
  if (p.endsAt !== undefined && p.endsAt <= now) return 'Ended';
  if (p.startsAt > now) return 'Scheduled';
  return 'Running';
}
