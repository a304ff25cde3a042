// Store-and-forward end to end on the register's side: the document the forwarder writes is one the
// server accepts as a change from a register (it was refused when the pending payment had reached
// the server before it was forwarded, which left the card "pending" at HQ for good).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SimulatedGateway } from '../../../shared/payments/simulator';
import { registerPaymentChange } from '../../../shared/schemas/payment-rules';
import { paymentSchema, type Payment } from '../../../shared/schemas/payments';
import { fixtures } from '../../../test/support/fixtures/documents';
import { forwardOfflinePayments } from './offline-forwarder';
import type { Db } from './types';
import { memoryDb } from '../../../test/support/register-data';

const T = '2026-11-27T09:00:00.000Z';

describe('forwardOfflinePayments', () => {
  let db: Db;
  beforeEach(async () => {
    db = await memoryDb();
  });
  afterEach(async () => {
    await db.remove();
  });

  async function storeOffline(gateway: SimulatedGateway, pan: string): Promise<Payment> {
    const token = await gateway.tokenize({ pan, expMonth: 12, expYear: 2099 });
    const { card, ...rest } = fixtures.payments as Payment;
    const doc: Payment = {
      ...rest,
      deviceId: 'reg-1',
      status: 'pending_offline',
      card: { token: token.token, last4: token.last4, brand: card!.brand, entryMode: 'chip' },
      offline: { capturedAt: T, expiresAt: '2099-01-01T00:00:00.000Z' },
    };
    await db.payments.insert(doc as never);
    return doc;
  }

  it('approves the stored payment with a change the payment rules accept', async () => {
    const gateway = new SimulatedGateway();
    const before = await storeOffline(gateway, '4242424242424242');
    expect(await forwardOfflinePayments(db, gateway, 'reg-1')).toEqual({ sent: 1, declined: 0, failed: 0 });
    const after = (await db.payments.findOne(before.id).exec())!.toJSON() as unknown as Payment;
    expect(after.status).toBe('approved');
    expect(after.card?.authCode).toMatch(/^[A-Z0-9]{1,12}$/);
    expect(after.offline?.forwardedAt).toBeDefined();
    expect(paymentSchema.safeParse(stripMeta(after)).success).toBe(true);
    expect(registerPaymentChange(before, stripMeta(after))).toBeNull();
    // Forwarding again finds nothing pending and charges nobody twice.
    expect(await forwardOfflinePayments(db, gateway, 'reg-1')).toEqual({ sent: 0, declined: 0, failed: 0 });
  });

  it('records a decline with a change the payment rules accept', async () => {
    const gateway = new SimulatedGateway();
    const before = await storeOffline(gateway, '4000000000000002');
    expect(await forwardOfflinePayments(db, gateway, 'reg-1')).toEqual({ sent: 0, declined: 1, failed: 0 });
    const after = stripMeta((await db.payments.findOne(before.id).exec())!.toJSON() as unknown as Payment);
    expect(after.status).toBe('declined');
    expect(registerPaymentChange(before, after)).toBeNull();
  });
});

function stripMeta(doc: Payment): Payment {
  const { _meta, _rev, _attachments, _deleted, ...rest } = doc as Payment & Record<string, unknown>;
  void [_meta, _rev, _attachments, _deleted];
  return rest as Payment;
}
