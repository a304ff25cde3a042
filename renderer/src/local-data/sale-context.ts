// Builds the sale's settings from the replicated config documents: the store, this register,
// the tax rules of the store's jurisdiction (shared/tax), its promotions (shared/pricing) and the
// policy (store override, else 'default').
import { DomainError } from '../../../shared/errors';
import { adjustmentApprovalLimit } from '../../../shared/inventory/adjustments';
import { ppmToPercentString } from '../../../shared/money';
import type { ConfigDoc, ConfigOf } from '../../../shared/schemas';
import { jurisdictionFromConfig } from '../../../shared/tax';
import { promotionsFromConfig, Role, type DiscountPolicy } from '../../../shared/pricing';
import type { SaleContext } from '../model/sale-context';

export const ContextError = { NO_STORE: 'CONTEXT_NO_STORE' } as const;

function ofKind<K extends ConfigDoc['kind']>(docs: readonly ConfigDoc[], kind: K): ConfigOf<K>[] {
  return docs.filter((d): d is ConfigOf<K> => d.kind === kind && d.active);
}

/** Order numbers need a register code unique in the store: HQ's, or one derived from the device id. */
export function deviceRegisterCode(deviceId: string): string {
  return `D${deviceId
    .replace(/[^A-Za-z0-9]/g, '')
    .slice(0, 6)
    .toUpperCase()}`;
}

/**
 * `registerName` is the name HQ gave this device at enrollment or later (identity.ts keeps it);
 * without one, the register config document's name; without either the register is "not yet named".
 */
export function buildSaleContext(
  docs: readonly ConfigDoc[],
  storeId: string,
  deviceId: string,
  registerName?: string,
): SaleContext {
  const store = ofKind(docs, 'store').find((d) => d.storeId === storeId || d.id === storeId);
  if (!store)
    throw new DomainError(
      ContextError.NO_STORE,
      'This register has no store settings yet. Let the first sync finish, or ask HQ to publish the store.',
    );
  // Only a register document naming this device is ours: borrowing another register's code would
  // make two registers print the same order numbers.
  const register = ofKind(docs, 'register').find((d) => d.payload.deviceId === deviceId);
  const storeKey = store.storeId ?? store.id;
  const policies = ofKind(docs, 'policy');
  const policy = (policies.find((p) => p.key === store.payload.code) ?? policies.find((p) => p.key === 'default'))
    ?.payload;
  const a = policy?.approvals;
  const discountPolicy: DiscountPolicy = {
    maxLineDiscountPercent: ppmToPercentString(a?.discountPpmOver ?? 100_000),
    maxOrderDiscountPercent: ppmToPercentString(a?.discountPpmOver ?? 100_000),
    ...(a ? { maxLineDiscountAmount: a.discountAmountOver, maxOrderDiscountAmount: a.discountAmountOver } : {}),
    allowPriceIncreaseWithoutApproval: !(a?.priceOverride ?? true),
    voidLineNeedsApproval: false,
    voidSaleNeedsApproval: a?.voidSale ?? true,
    approverRole: Role.SUPERVISOR,
    selfApprovingRoles: [Role.SUPERVISOR, Role.MANAGER, Role.ADMIN],
  };
  const s = store.payload;
  const address = s.address;
  return {
    currency: s.currency,
    jurisdiction: jurisdictionFromConfig(s.taxJurisdiction, ofKind(docs, 'tax_rule')),
    promotions: promotionsFromConfig(ofKind(docs, 'promotion'), storeKey).promotions,
    discountPolicy,
    paidOutApprovalOver: a?.paidOutOver ?? 5000,
    // Defaults when HQ's policy sets no till limits: 2,000.00 and 20.00 in the store currency.
    maxOpeningFloat: policy?.till?.maxOpeningFloat ?? 200_000,
    overShortApprovalOver: policy?.till?.overShortApprovalOver ?? 2_000,
    adjustmentApprovalOver: adjustmentApprovalLimit(policy),
    offlineCard: policy?.offlineCard ?? { enabled: false, perTransactionCap: 0, perRegisterCap: 0, expiryHours: 24 },
    store: {
      name: s.name,
      addressLines: [
        address.line1,
        address.line2,
        [address.city, address.region, address.postalCode].filter(Boolean).join(' '),
      ].filter((l): l is string => Boolean(l)),
      phone: s.phone,
      code: s.code,
    },
    registerCode: register?.payload.code ?? deviceRegisterCode(deviceId),
    ...((registerName ?? register?.payload.name) ? { registerName: registerName ?? register?.payload.name } : {}),
    receiptFooter: register?.payload.receiptFooter ?? 'Thank you for shopping with us.',
    returnPolicy: policy
      ? `Returns within ${policy.returns.windowDays} days with this receipt.`
      : 'Keep this receipt for returns.',
    priceBookId: s.priceBookId,
    registerId: register?.id ?? deviceId,
  };
}
