// Store settings a sale needs: currency, tax jurisdiction, approval thresholds, receipt texts and
// the offline card limits. Read from the replicated config collection by the data layer.
import type { TaxJurisdiction } from '../../../shared/tax';
import type { DiscountPolicy, Promotion } from '../../../shared/pricing';

export interface OfflineCardPolicy {
  enabled: boolean;
  perTransactionCap: number;
  perRegisterCap: number;
  expiryHours: number;
}

export interface SaleContext {
  currency: string;
  jurisdiction: TaxJurisdiction;
  promotions: Promotion[];
  discountPolicy: DiscountPolicy;
  /** Paid-outs above this amount (minor units) need a manager. */
  paidOutApprovalOver: number;
  /** Largest opening float (and cash movement) the till accepts, minor units. */
  maxOpeningFloat: number;
  /** Over/short at close above this (either way) needs a manager. */
  overShortApprovalOver: number;
  /** Stock adjustments worth more than this (either way) need a manager (policy `inventory`). */
  adjustmentApprovalOver: number;
  offlineCard: OfflineCardPolicy;
  store: { name: string; addressLines: string[]; phone: string | undefined; code: string };
  /** Part of order numbers (shared/ids/order-number): HQ's register code, else one derived from the device. Never printed as the register's name. */
  registerCode: string;
  /** HQ's name for this register (S001-R01); absent until HQ has named it. Printed on receipts, X/Z reports and the status bar. */
  registerName?: string;
  /** The register's config document id, when HQ has published one for this device. */
  registerId: string | undefined;
  priceBookId: string;
  receiptFooter: string;
  returnPolicy: string;
}
