// Automatic promotions. Precedence (documented in README.md of this folder):
//   1. a line priced or discounted by hand is not given an item promotion (no double dipping);
//   2. item promotions do not stack: the engine repeatedly applies whichever promotion saves the
//      customer most on the lines still free, until none saves anything (ties: list order);
//   3. then at most one threshold promotion (the one saving most) on the subtotal after step 2;
//   4. then the clerk's manual order discount (cart.ts).
import { DomainError } from '../errors';
import { type Ratio, divideRounded, toSafeInteger } from '../money';
import { discountRatio } from './discounts';
import { PricingError } from './errors';

interface PromotionBase {
  id: string;
  name: string;
  startsAt?: string; // inclusive ISO timestamps
  endsAt?: string;
}

export type Promotion =
  | (PromotionBase & {
      kind: 'buy-x-get-y';
      skus?: readonly string[];
      categories?: readonly string[];
      /** When set, the discounted units are these SKUs (buy a phone, get a case); else the same pool. */
      getSkus?: readonly string[];
      buy: number;
      get: number;
      percentOff: string;
    })
  | (PromotionBase & {
      kind: 'category-percent';
      categories: readonly string[];
      skus?: readonly string[];
      percentOff: string;
    })
  | (PromotionBase & {
      kind: 'threshold';
      minSubtotal: number;
      amountOff?: number;
      percentOff?: string;
      categories?: readonly string[];
    });

export interface PromoLine {
  key: string;
  sku: string;
  category: string;
  department?: string; // matched against a promotion's categories as well
  quantity: number;
  unitPrice: number; // minor units
  amount: number; // after manual line discounts
  weighed: boolean;
  manual: boolean; // price override or manual line discount
}

export interface AppliedPromotion {
  promotionId: string;
  name: string;
  /** Minor units off per line key. */
  perLine: Record<string, number>;
  total: number;
}

function isActive(p: Promotion, at: string | undefined): boolean {
  return (
    at === undefined || ((p.startsAt === undefined || p.startsAt <= at) && (p.endsAt === undefined || at <= p.endsAt))
  );
}

function off(amount: number, r: Ratio): number {
  return toSafeInteger(divideRounded(BigInt(amount) * r.num, r.den, 'half-up'));
}

function matches(p: { skus?: readonly string[]; categories?: readonly string[] }, l: PromoLine): boolean {
  const bySku = p.skus !== undefined && p.skus.includes(l.sku);
  const byCategory =
    p.categories !== undefined &&
    (p.categories.includes(l.category) || (l.department !== undefined && p.categories.includes(l.department)));
  return (p.skus === undefined && p.categories === undefined) || bySku || byCategory;
}

interface Unit {
  key: string;
  price: number;
  order: number;
  index: number;
}

function unitsOf(lines: readonly PromoLine[], keep: (l: PromoLine) => boolean): Unit[] {
  let index = 0;
  return lines.flatMap((l, order) =>
    !l.weighed && keep(l)
      ? Array.from({ length: l.quantity }, () => ({ key: l.key, price: l.unitPrice, order, index: index++ }))
      : [],
  );
}

/**
 * Buy X (from the buy set) get Y (from the get set) when the sets differ: per group, take X buy
 * units (those that cannot be rewarded first, dearest first), then the Y cheapest get units left.
 */
function bogoDistinct(
  p: Extract<Promotion, { kind: 'buy-x-get-y' }>,
  lines: readonly PromoLine[],
  r: Ratio,
): Record<string, number> {
  const getSkus = p.getSkus ?? [];
  const perLine: Record<string, number> = {};
  const all = unitsOf(lines, (l) => matches(p, l) || getSkus.includes(l.sku));
  const isBuy = (u: Unit): boolean => matches(p, lines[u.order] as PromoLine);
  const isGet = (u: Unit): boolean => getSkus.includes((lines[u.order] as PromoLine).sku);
  const used = new Set<number>();
  for (;;) {
    const buyers = all
      .filter((u) => !used.has(u.index) && isBuy(u))
      .sort((a, b) => Number(isGet(a)) - Number(isGet(b)) || b.price - a.price || a.index - b.index)
      .slice(0, p.buy);
    if (buyers.length < p.buy) return perLine;
    const taken = new Set(buyers.map((u) => u.index));
    const gets = all
      .filter((u) => !used.has(u.index) && !taken.has(u.index) && isGet(u))
      .sort((a, b) => a.price - b.price || a.index - b.index)
      .slice(0, p.get);
    if (gets.length < p.get) return perLine;
    for (const u of [...buyers, ...gets]) used.add(u.index);
    for (const u of gets) perLine[u.key] = (perLine[u.key] ?? 0) + off(u.price, r);
  }
}

export function validatePromotion(p: Promotion): void {
  const bad = (why: string): never => {
    throw new DomainError(
      PricingError.INVALID_PROMOTION,
      `Promotion "${p.name}" is set up wrongly: ${why}. Ask HQ to fix it.`,
      { promotionId: p.id },
    );
  };
  if (p.kind === 'buy-x-get-y') {
    if (!Number.isSafeInteger(p.buy) || p.buy < 1 || !Number.isSafeInteger(p.get) || p.get < 1)
      bad('buy and get must be whole numbers of 1 or more');
    discountRatio({ percent: p.percentOff });
  } else if (p.kind === 'category-percent') {
    discountRatio({ percent: p.percentOff });
  } else if (p.kind === 'threshold') {
    if (!Number.isSafeInteger(p.minSubtotal) || p.minSubtotal < 0) bad('the minimum spend must be zero or more');
    if ((p.amountOff === undefined) === (p.percentOff === undefined)) bad('give either an amount off or a percent off');
    if (p.amountOff !== undefined && (!Number.isSafeInteger(p.amountOff) || p.amountOff < 0))
      bad('the amount off must be zero or more');
    if (p.percentOff !== undefined) discountRatio({ percent: p.percentOff });
  } else {
    bad('unknown kind');
  }
}

/** Savings of one item promotion on the given lines, per line. */
function evaluateItem(p: Promotion, lines: readonly PromoLine[]): Record<string, number> {
  const perLine: Record<string, number> = {};
  if (p.kind === 'category-percent') {
    const r = discountRatio({ percent: p.percentOff });
    for (const l of lines)
      if (matches({ categories: p.categories, skus: p.skus ?? [] }, l)) perLine[l.key] = off(l.amount, r);
  } else if (p.kind === 'buy-x-get-y') {
    const r = discountRatio({ percent: p.percentOff });
    if (p.getSkus !== undefined) return bogoDistinct(p, lines, r);
    // One pool: units ranked dearest first; in each full group of buy+get the last `get`
    // (cheapest) are discounted.
    const units = unitsOf(lines, (l) => matches(p, l)).sort((a, b) => b.price - a.price || a.index - b.index);
    const size = p.buy + p.get;
    const full = Math.floor(units.length / size) * size;
    for (let i = 0; i < full; i++) {
      const u = units[i] as { key: string; price: number };
      if (i % size >= p.buy) perLine[u.key] = (perLine[u.key] ?? 0) + off(u.price, r);
    }
  }
  return perLine;
}

const total = (perLine: Record<string, number>): number => Object.values(perLine).reduce((a, b) => a + b, 0);

export function applyItemPromotions(
  promotions: readonly Promotion[],
  lines: readonly PromoLine[],
  at?: string,
): AppliedPromotion[] {
  const candidates = promotions.filter((p) => p.kind !== 'threshold' && isActive(p, at));
  candidates.forEach(validatePromotion);
  let free = lines.filter((l) => !l.manual);
  const applied: AppliedPromotion[] = [];
  const used = new Set<string>();
  for (;;) {
    let best: { p: Promotion; perLine: Record<string, number>; total: number } | undefined;
    for (const p of candidates) {
      if (used.has(p.id)) continue;
      const perLine = evaluateItem(p, free);
      const t = total(perLine);
      if (t > 0 && (best === undefined || t > best.total)) best = { p, perLine, total: t };
    }
    if (!best) return applied;
    used.add(best.p.id);
    const claimed = new Set(Object.keys(best.perLine));
    // A BOGO also claims the full-price units that earned the free ones.
    if (best.p.kind === 'buy-x-get-y') {
      const getSkus = best.p.getSkus ?? [];
      for (const l of free) if (!l.weighed && (matches(best.p, l) || getSkus.includes(l.sku))) claimed.add(l.key);
    }
    free = free.filter((l) => !claimed.has(l.key));
    applied.push({ promotionId: best.p.id, name: best.p.name, perLine: best.perLine, total: best.total });
  }
}

/** The single best threshold promotion for the lines' amounts after item promotions. */
export function bestThresholdPromotion(
  promotions: readonly Promotion[],
  lines: readonly { key: string; category: string; amount: number }[],
  at?: string,
): { promotionId: string; name: string; amount: number; eligibleKeys: string[] } | undefined {
  let best: { promotionId: string; name: string; amount: number; eligibleKeys: string[] } | undefined;
  for (const p of promotions) {
    if (p.kind !== 'threshold' || !isActive(p, at)) continue;
    validatePromotion(p);
    const eligible = lines.filter((l) => p.categories === undefined || p.categories.includes(l.category));
    const subtotal = eligible.reduce((s, l) => s + l.amount, 0);
    if (eligible.length === 0 || subtotal < p.minSubtotal) continue;
    const amount =
      p.amountOff !== undefined
        ? Math.min(p.amountOff, subtotal)
        : off(subtotal, discountRatio({ percent: p.percentOff ?? '0' }));
    if (amount > 0 && (best === undefined || amount > best.amount))
      best = { promotionId: p.id, name: p.name, amount, eligibleKeys: eligible.map((l) => l.key) };
  }
  return best;
}
