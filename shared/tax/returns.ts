// Tax on a return mirrors the sale: the refund for k of n units is the difference of rounded
// cumulative shares of the tax that line was actually charged, per rate. Returning every unit,
// in any number of returns at any store, refunds exactly the tax charged, never more.
import { DomainError } from '../errors';
import { cumulativeShare } from '../money';
import type { TaxComponent } from './compute';
import { TaxError } from './errors';

export function taxForReturnedUnits(
  charged: readonly TaxComponent[],
  quantitySold: number,
  alreadyReturned: number,
  returning: number,
): TaxComponent[] {
  if (
    !Number.isSafeInteger(returning) ||
    returning < 0 ||
    !Number.isSafeInteger(alreadyReturned) ||
    alreadyReturned < 0
  ) {
    throw new DomainError(
      TaxError.INVALID_RETURN,
      `Cannot return ${String(returning)} units: quantities are whole numbers of zero or more.`,
    );
  }
  if (alreadyReturned + returning > quantitySold) {
    throw new DomainError(
      TaxError.INVALID_RETURN,
      `Only ${quantitySold - alreadyReturned} of ${quantitySold} units are left to return on this line; ${returning} were asked for.`,
      { quantitySold, alreadyReturned, returning },
    );
  }
  return charged.map((c) => ({
    ...c,
    amount: cumulativeShare(c.amount, quantitySold, alreadyReturned, alreadyReturned + returning),
  }));
}
