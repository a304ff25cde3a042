// An exchange in one transaction: the returned lines and the new lines are one return document
// and one new order, linked both ways (return.exchangeOrderId, order.exchangeForReturnId). The
// returned goods' refund pays for the new order first; only the difference moves money:
// - the customer pays it: the new order carries sale tenders for exactly the difference and the
//   return refunds nothing;
// - the customer is refunded it: the return's refund tenders (planned under the policy's tender
//   rules) add up to exactly the difference and the new order carries no tenders;
// - even: no money moves at all.
// Anything else is refused before a document exists, so value never leaves the store twice.
import { DomainError } from '../errors';
import { buildSaleDocuments, type BuildInput } from '../orders/sale-documents';
import type { InventoryMovement, Order, OrderEvent, Payment, Return } from '../schemas';
import { ReturnError } from './errors';
import { buildReturnDocuments, type ReturnDocumentsInput } from './return-documents';
import { settleExchange, type ExchangeSettlement } from './refund';

export interface ExchangeInput {
  /** The return half; `refunds` are the refunds of the difference (none unless it is refunded). */
  ret: ReturnDocumentsInput;
  /** The new order; `tenders` are what the customer paid of the difference (none unless they pay). */
  sale: BuildInput;
}

export interface ExchangeDocuments {
  ret: Return;
  order: Order;
  payments: Payment[];
  movements: InventoryMovement[];
  events: OrderEvent[];
  settlement: ExchangeSettlement;
}

const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);

export function buildExchangeDocuments(input: ExchangeInput): ExchangeDocuments {
  if (input.sale.cart.lines.length === 0)
    throw new DomainError(
      ReturnError.EXCHANGE_UNBALANCED,
      'An exchange needs at least one new item. Scan the item the customer takes, or make a plain return.',
    );
  if (input.sale.cart.currency !== input.ret.order.currency)
    throw new DomainError(
      ReturnError.EXCHANGE_UNBALANCED,
      `The new items are priced in ${input.sale.cart.currency} but the sale was in ${input.ret.order.currency}; exchange at a register of the same currency.`,
    );
  const returned = buildReturnDocuments(input.ret);
  const sale = buildSaleDocuments(input.sale);
  const newTotal = sale.order.totals?.total ?? 0;
  const settlement = settleExchange(returned.ret.refundTotal, newTotal);
  const paid = sum(sale.payments.map((p) => p.amount));
  const refunded = sum(returned.payments.map((p) => p.amount));
  const expected = {
    paid: settlement.direction === 'customer-pays' ? settlement.amount : 0,
    refunded: settlement.direction === 'refund-customer' ? settlement.amount : 0,
  };
  if (paid !== expected.paid || refunded !== expected.refunded) {
    throw new DomainError(
      ReturnError.EXCHANGE_UNBALANCED,
      `The exchange does not balance: the customer paid ${paid} and was refunded ${refunded}, but the difference is ${settlement.direction === 'refund-customer' ? '-' : ''}${settlement.amount}. Nothing was written; settle the difference again.`,
      { paid, refunded, settlement: settlement.direction, amount: settlement.amount },
    );
  }
  const ret: Return = { ...returned.ret, exchangeOrderId: sale.order.id };
  const order: Order = { ...sale.order, exchangeForReturnId: ret.id };
  return {
    ret,
    order,
    payments: [...returned.payments, ...sale.payments],
    movements: [...returned.movements, ...sale.movements],
    events: [...returned.events, ...sale.events],
    settlement,
  };
}
