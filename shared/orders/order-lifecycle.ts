// Status moves of orders (POS sales and web/mobile/phone orders), and the rule the server applies
// to an incoming update: a finished order never changes, and a status only moves along the map.
import { DomainError } from '../errors';
import type { Order } from '../schemas/order-shape';
import { OrderError } from './errors';
import { type StateMachine, assertTransition, isStatusOf, isTerminal } from './machine';
import { type OrderChannel, type OrderStatus, OrderChannel as Channel } from './statuses';
import { posOrderMachine, webOrderMachine } from './transitions';
import { sameJson } from './same-json';

export function orderMachineFor(channel: OrderChannel): StateMachine<string> {
  return channel === Channel.POS ? posOrderMachine : webOrderMachine;
}

/** Checks `order.status → to` for the order's channel and returns the new status. */
export function transitionOrder(order: Pick<Order, 'channel' | 'status'>, to: OrderStatus): OrderStatus {
  return assertTransition(orderMachineFor(order.channel), order.status, to) as OrderStatus;
}

export function isOrderFinal(order: Pick<Order, 'channel' | 'status'>): boolean {
  const machine = orderMachineFor(order.channel);
  return isStatusOf(machine, order.status) && isTerminal(machine, order.status);
}

/**
 * Validates replacing `prev` by `next` (same id). `updatedAt` is informational and ignored when
 * deciding whether a finished order was changed.
 */
export function checkOrderUpdate(prev: Order, next: Order): void {
  if (prev.channel !== next.channel) {
    throw new DomainError(
      OrderError.CHANNEL_CHANGED,
      `Order ${prev.orderNumber} cannot move from the ${prev.channel} channel to ${next.channel}.`,
      {
        orderId: prev.id,
      },
    );
  }
  if (isOrderFinal(prev)) {
    if (!sameJson({ ...prev, updatedAt: '' }, { ...next, updatedAt: '' })) {
      throw new DomainError(
        OrderError.IMMUTABLE,
        `Order ${prev.orderNumber} is ${prev.status} and can no longer change. Make a return or a new order instead.`,
        { orderId: prev.id, status: prev.status },
      );
    }
    return;
  }
  if (prev.status !== next.status) transitionOrder(prev, next.status);
}
