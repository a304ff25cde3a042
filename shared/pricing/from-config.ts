// Promotions as HQ publishes them (config documents of kind 'promotion') mapped onto the engine.
// A badly configured promotion is set aside and reported, so one mistake at HQ never stops sales.
// `priority` orders the list (lower first, then code), which is the engine's tie-break;
// `stackable` is not honoured: item promotions never stack (see README.md, precedence).
import { isDomainError } from '../errors';
import { ppmToPercentString } from '../money';
import type { ConfigOf } from '../schemas';
import { type Promotion, validatePromotion } from './promotions';

export interface RejectedPromotion {
  id: string;
  code: string;
  message: string;
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const sa = new Set(a);
  const sb = new Set(b);
  return sa.size === sb.size && [...sa].every((x) => sb.has(x));
}

function toPromotion(doc: ConfigOf<'promotion'>): Promotion {
  const p = doc.payload;
  const base = {
    id: doc.id,
    name: p.name,
    startsAt: p.startsAt,
    ...(p.endsAt !== undefined ? { endsAt: p.endsAt } : {}),
  };
  const rule = p.rule;
  switch (rule.type) {
    case 'buy_x_get_y':
      return {
        ...base,
        kind: 'buy-x-get-y',
        skus: rule.buySkus,
        buy: rule.buyQuantity,
        get: rule.getQuantity,
        percentOff: ppmToPercentString(rule.getDiscountPpm),
        ...(sameSet(rule.buySkus, rule.getSkus) ? {} : { getSkus: rule.getSkus }),
      };
    case 'threshold':
      return {
        ...base,
        kind: 'threshold',
        minSubtotal: rule.minSubtotal,
        ...(rule.discountAmount !== undefined ? { amountOff: rule.discountAmount } : {}),
        ...(rule.discountPpm !== undefined ? { percentOff: ppmToPercentString(rule.discountPpm) } : {}),
      };
    case 'percent_off':
      return {
        ...base,
        kind: 'category-percent',
        categories: rule.departments ?? [],
        ...(rule.skus !== undefined ? { skus: rule.skus } : {}),
        percentOff: ppmToPercentString(rule.discountPpm),
      };
  }
}

export function promotionsFromConfig(
  docs: readonly ConfigOf<'promotion'>[],
  storeId: string,
): { promotions: Promotion[]; rejected: RejectedPromotion[] } {
  const eligible = docs
    .filter((d) => d.kind === 'promotion' && d.active && d.payload.active)
    .filter((d) => d.payload.storeIds === undefined || d.payload.storeIds.includes(storeId))
    .sort((a, b) => a.payload.priority - b.payload.priority || a.payload.code.localeCompare(b.payload.code));
  const promotions: Promotion[] = [];
  const rejected: RejectedPromotion[] = [];
  for (const d of eligible) {
    try {
      const p = toPromotion(d);
      validatePromotion(p);
      promotions.push(p);
    } catch (e) {
      if (!isDomainError(e)) throw e;
      rejected.push({ id: d.id, code: d.payload.code, message: e.message });
    }
  }
  return { promotions, rejected };
}
