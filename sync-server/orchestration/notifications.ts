// The texts customers get (ready for pickup, shipped, cancelled) and the job that sends one and
// records a customer_notified event. The dedupe key of the job makes each message go once.
import type { FulfillmentOrder } from '../../shared/schemas/fulfillment-orders';
import type { Order } from '../../shared/schemas/orders';
import type { Mailer } from '../jobs/mailer';
import type { Orchestration } from './context';
import { eventWrite } from './events';

export const TEMPLATES = ['ready_for_pickup', 'pickup_reminder', 'shipped', 'cancelled'] as const;
export type Template = (typeof TEMPLATES)[number];

export function composeMail(
  template: Template,
  order: Order,
  fo: FulfillmentOrder | undefined,
  storeName: string | undefined,
  expireDays?: number,
): { subject: string; text: string } {
  const n = order.orderNumber;
  if (template === 'pickup_reminder') {
    const deadline =
      expireDays !== undefined
        ? `\nOrders not collected within ${expireDays} day${expireDays === 1 ? '' : 's'} of being ready are cancelled and the amount held on your card is released.`
        : '';
    return {
      subject: `Reminder: order ${n} is waiting for you`,
      text: `Your order ${n} is still waiting at ${storeName ?? 'the store'}.\nShow this pickup code at the counter: ${fo?.pickupCode ?? '(ask in store)'}${deadline}`,
    };
  }
  if (template === 'ready_for_pickup') {
    return {
      subject: `Order ${n} is ready for pickup`,
      text: `Your order ${n} is ready at ${storeName ?? 'the store'}.\nShow this pickup code at the counter: ${fo?.pickupCode ?? '(ask in store)'}\nBring a photo ID in the name on the order.`,
    };
  }
  if (template === 'shipped') {
    const s = fo?.shipment;
    return {
      subject: `Order ${n} has shipped`,
      text: `Your order ${n} is on its way${s ? ` with ${s.carrier}, tracking number ${s.trackingNumber}` : ''}.`,
    };
  }
  return {
    subject: `Order ${n} was cancelled`,
    text: `Your order ${n} was cancelled. Any amount held on your card is released; you have not been charged.`,
  };
}

export async function sendNotification(
  o: Orchestration,
  mailer: Mailer,
  payload: Record<string, unknown>,
): Promise<void> {
  const template = payload.template as Template;
  const orderId = String(payload.orderId);
  const order = (await o.storage.getDocuments('orders', [orderId])).get(orderId)?.data as unknown as Order | undefined;
  if (!order?.customerEmail || !TEMPLATES.includes(template)) return;
  const foId = typeof payload.fulfillmentOrderId === 'string' ? payload.fulfillmentOrderId : undefined;
  const fo = foId
    ? ((await o.storage.getDocuments('fulfillment_orders', [foId])).get(foId)?.data as unknown as
        FulfillmentOrder | undefined)
    : undefined;
  await o.catalog.refresh();
  const store = fo ? o.catalog.storeById(fo.assignedStoreId) : undefined;
  if (!mailer.enabled) return;
  const expireDays = Math.round((o.settings.pickupExpireMs / 86_400_000) * 10) / 10;
  const mail = composeMail(template, order, fo, store?.payload.name, expireDays);
  await mailer.send({ to: order.customerEmail, ...mail });
  const now = o.now();
  await o.storage.write(async (tx) => {
    await tx.putDocuments([
      eventWrite(
        o.policies,
        o.newId,
        { orderId, storeId: fo?.assignedStoreId ?? order.storeId, now },
        'customer_notified',
        { channel: 'email', template },
      ),
    ]);
  });
}
