// BalanceSource over the register's RxDB replica: gift card and store credit documents arrive in
// the config collection, the register's own tenders are in payments.
import type { BalanceAccount, BalanceEntry, BalancePayment } from '../../../shared/balances';
import { giftCardDocId } from '../../../shared/balances';
import type { ConfigDoc, ConfigOf } from '../../../shared/schemas';
import type { Db } from './types';
import type { BalanceSource } from '../model/balance-source';

const ids = (entries: readonly BalanceEntry[]) => new Set(entries.map((e) => e.paymentId));

export function rxBalanceSource(db: Db, storeCode: () => string | undefined, online: () => boolean): BalanceSource {
  return {
    async giftCard(token) {
      const doc = (await db.config.findOne(giftCardDocId(token)).exec())?.toJSON() as ConfigDoc | undefined;
      if (!doc || doc.kind !== 'gift_card' || doc.payload.token !== token) return undefined;
      const p = doc.payload;
      return {
        token: p.token,
        last4: p.last4,
        currency: p.currency,
        balance: p.balance,
        status: p.status,
        expiresOn: p.expiresOn,
        countedIds: ids(p.entries),
      };
    },
    async storeCredit(customerId) {
      const doc = (await db.config.findOne(customerId).exec())?.toJSON() as ConfigDoc | undefined;
      if (!doc || doc.kind !== 'store_credit') return undefined;
      return { balance: doc.payload.balance, countedIds: ids(doc.payload.entries) };
    },
    async localPayments(account: BalanceAccount) {
      const docs =
        account.kind === 'gift_card'
          ? await db.payments.find({ selector: { method: 'gift_card', 'giftCard.token': account.token } }).exec()
          : await db.payments
              .find({ selector: { method: 'store_credit', storeCreditCustomerId: account.customerId } })
              .exec();
      return docs.map((d) => d.toJSON() as unknown as BalancePayment);
    },
    async offlineCap() {
      const policies = (await db.config.find({ selector: { kind: 'policy' } }).exec()).map(
        (d) => d.toJSON() as ConfigDoc as ConfigOf<'policy'>,
      );
      const code = storeCode();
      const policy =
        policies.find((p) => p.active && code !== undefined && p.key === code) ??
        policies.find((p) => p.active && p.key === 'default');
      return policy?.payload.offlineBalanceCap;
    },
    online,
  };
}
