// Store-and-forward: once the register is online again, each card payment taken offline is sent
// to the gateway (authorize + capture, keyed by the payment id so a retry never charges twice)
// and its document is updated; replication then carries the new state to HQ. A payment the
// gateway cannot take stays pending and keeps counting down in the status bar.
import { isDomainError } from '../../../shared/errors';
import { money } from '../../../shared/money';
import type { PaymentGateway } from '../../../shared/payments/gateway';
import type { Db } from './types';

export interface ForwardResult {
  sent: number;
  declined: number;
  failed: number;
}

export async function forwardOfflinePayments(
  db: Db,
  gateway: PaymentGateway,
  deviceId: string,
): Promise<ForwardResult> {
  const result: ForwardResult = { sent: 0, declined: 0, failed: 0 };
  const pending = await db.payments.find({ selector: { status: 'pending_offline' } }).exec();
  for (const doc of pending) {
    if (doc.deviceId !== deviceId || !doc.card) continue;
    const now = new Date().toISOString();
    try {
      const auth = await gateway.authorize({
        idempotencyKey: doc.id,
        token: doc.card.token,
        amount: money(doc.amount, doc.currency),
      });
      if (auth.status === 'timeout') {
        result.failed += 1;
        continue;
      }
      const offline = { ...doc.offline!, forwardedAt: now };
      if (auth.status === 'declined') {
        await doc.incrementalPatch({
          status: 'declined',
          declineReason: `${auth.message} (sent after being taken offline)`.slice(0, 200),
          offline,
          updatedAt: now,
        });
        result.declined += 1;
        continue;
      }
      const capture = await gateway.capture({ authorizationId: auth.authorizationId });
      await doc.incrementalPatch({
        status: 'approved',
        offline,
        updatedAt: now,
        card: { ...doc.card, authCode: auth.authCode.replace(/[^A-Za-z0-9]/g, '').slice(0, 12) },
        gateway: { name: gateway.name, reference: capture.captureId },
        ...(auth.status === 'partial'
          ? {
              declineReason: `Only ${auth.approved.amount} of ${doc.amount} was approved when sent; collect the difference.`,
            }
          : {}),
      });
      result.sent += 1;
    } catch (error) {
      // e.g. the gateway no longer knows the token: keep it pending for a manager to resolve.
      if (!isDomainError(error)) throw error;
      result.failed += 1;
    }
  }
  return result;
}
