// The answer of the server's returnable-lines route, shared by the server that builds it and the
// register that reads it: the order (without customer contact data), per line bought / returned /
// returnable across every store, and the original tenders a refund can go back to.
import type { Order } from '../schemas';
import type { PriorReturn } from './quantities';

export const RETURNABLE_PATH = '/api/returns/returnable';
export const RETURN_ALERTS_PATH = '/api/hq/returns/alerts';
/** A customer's returns at every store since a time, for the per-customer return limit. */
export const CUSTOMER_RETURNS_PATH = '/api/returns/customer-history';

/** One return of the customer as the server counts it: no contact data, no other store's id. */
export interface CustomerReturnView {
  returnId: string;
  at: string;
  refundTotal: number;
  /** Taken at the asking register's own store. */
  thisStore: boolean;
}

export interface ReturnableLineView {
  lineId: string;
  bought: number;
  returned: number;
  returnable: number;
}

export interface ReturnableTenderView {
  paymentId: string;
  method: 'card' | 'cash' | 'store_credit' | 'gift_card';
  amount: number;
  /** Already refunded to this payment by earlier returns at any store. */
  refunded: number;
  token?: string;
  last4?: string;
  /** The gateway's capture reference a card refund goes back to. */
  gatewayReference?: string;
  storeCreditCustomerId?: string;
}

export interface ReturnableView {
  /** The order with customerEmail and the shipping address removed. */
  order: Order;
  lines: ReturnableLineView[];
  tenders: ReturnableTenderView[];
  /** Ids of the completed returns counted, any store. */
  returnIds: string[];
}

/** Strips what a register of another store has no need to see. */
export function withoutContactData(order: Order): Order {
  const { customerEmail: _email, ...rest } = order;
  const { shippingAddress: _address, ...fulfillment } = order.fulfillment;
  return { ...rest, fulfillment };
}

/**
 * What the authority (server, or replica + this register's unsynced returns) counts as already
 * returned, as prior returns for quoteRefund: the desk's quote and the return document must start
 * each line's refund share from the same unit, or they differ by a rounding cent.
 */
export function countedReturns(view: Pick<ReturnableView, 'lines'>): PriorReturn[] {
  return view.lines
    .filter((l) => l.returned > 0)
    .map((l) => ({
      returnId: `counted:${l.lineId}`,
      lines: [{ lineId: l.lineId, quantity: Math.min(l.returned, l.bought) }],
    }));
}
