// BalanceSource for the register: gift cards are looked up online by number (the server holds
// them and the HMAC key of their tokens; nothing in the replica names a card), and sealed with the
// server's public key while offline; that key is fetched when the balance source starts online, and
// again when an online lookup names another current key id (the server rotated it), and kept
// in localStorage (it is public: it only lets a register seal numbers for the server). Store credit
// documents arrive in the config collection (only the ledgers of the store's own customers); the
// register's own tenders are in payments, and its sealed gift card tenders of the open till shift
// are what the policy's per-shift offline limit counts.
import type { BalanceAccount, BalanceEntry, BalancePayment, GiftCardLookupAnswer } from '../../../shared/balances';
import {
  BalanceError,
  DEFAULT_GIFT_CARD_OFFLINE,
  GIFT_CARD_API,
  isGiftCardSealKey,
  isSealedGiftCard,
  sealGiftCardNumber,
  type GiftCardSealKey,
} from '../../../shared/balances';
import { DomainError, isDomainError } from '../../../shared/errors';
import { SyncErrorCode } from '../../../shared/protocol/errors';
import type { ConfigDoc, ConfigOf, Payment } from '../../../shared/schemas';
import { currentShift, type TillScope } from './till';
import type { Db } from './types';
import type { BalanceSource, GiftCardLookup } from '../model/balance-source';
import { readStoredJson } from './stored-json';
import { SyncClientError } from '../sync/sync-http';

const ids = (entries: readonly BalanceEntry[]) => new Set(entries.map((e) => e.paymentId));
const SEAL_KEY_STORAGE = 'pos.giftCardSealKey';

/** The part of SyncHttp the balance source uses (a fake in tests). */
export interface GiftCardServer {
  json<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T>;
}

/** Where the server's public sealing key is kept between runs. */
export interface SealKeyStore {
  get(): GiftCardSealKey | undefined;
  set(key: GiftCardSealKey): void;
}

export function localSealKeyStore(storage: Storage): SealKeyStore {
  return {
    get: () => {
      const key = readStoredJson<unknown>(storage, SEAL_KEY_STORAGE, undefined);
      return isGiftCardSealKey(key) ? key : undefined;
    },
    set: (key) => storage.setItem(SEAL_KEY_STORAGE, JSON.stringify(key)),
  };
}

export function memorySealKeyStore(): SealKeyStore {
  let held: GiftCardSealKey | undefined;
  return { get: () => held, set: (key) => (held = key) };
}

const isOffline = (error: unknown) => isDomainError(error, SyncClientError.OFFLINE);

/** Without an open till shift, offline gift card tenders of the last this many hours count. */
const NO_SHIFT_WINDOW_MS = 24 * 3_600_000;

export function rxBalanceSource(
  db: Db,
  storeCode: () => string | undefined,
  online: () => boolean,
  server: () => GiftCardServer | undefined,
  sealKeys: SealKeyStore,
  till?: () => TillScope,
): BalanceSource {
  const policy = async (): Promise<ConfigOf<'policy'> | undefined> => {
    const policies = (await db.config.find({ selector: { kind: 'policy' } }).exec()).map(
      (d) => d.toJSON() as ConfigDoc as ConfigOf<'policy'>,
    );
    const code = storeCode();
    return (
      policies.find((p) => p.active && code !== undefined && p.key === code) ??
      policies.find((p) => p.active && p.key === 'default')
    );
  };
  /** Fetches the sealing key while online; a failure keeps the one held (a retry comes with the next lookup). */
  const refreshSealKey = async (): Promise<void> => {
    const api = server();
    if (!api || !online()) return;
    try {
      const { publicKey } = await api.json<{ publicKey: unknown }>('GET', GIFT_CARD_API.sealKey);
      if (isGiftCardSealKey(publicKey)) sealKeys.set(publicKey);
    } catch (error) {
      if (!isDomainError(error)) throw error;
    }
  };
  void refreshSealKey();
  return {
    async lookupGiftCard(number): Promise<GiftCardLookup> {
      const api = server();
      if (!api) return { kind: 'offline' };
      let answer: GiftCardLookupAnswer;
      try {
        answer = await api.json<GiftCardLookupAnswer>('POST', GIFT_CARD_API.lookup, { number });
      } catch (error) {
        if (isOffline(error)) return { kind: 'offline' };
        if (isDomainError(error, SyncErrorCode.NOT_FOUND)) return { kind: 'unknown' };
        throw error;
      }
      // The server rotates its sealing key; a register learns of it at its next online lookup.
      const held = sealKeys.get();
      if (!held) await refreshSealKey();
      else if (answer.sealKeyId !== undefined && answer.sealKeyId !== held.kid) void refreshSealKey();
      return {
        kind: 'found',
        card: {
          token: answer.token,
          last4: answer.last4,
          currency: answer.currency,
          balance: answer.balance,
          status: answer.status,
          expiresOn: answer.expiresOn,
          countedIds: new Set(answer.countedIds),
        },
      };
    },
    async sealGiftCard(number) {
      const key = sealKeys.get();
      if (!key) {
        throw new DomainError(
          BalanceError.NO_SEAL_KEY,
          'This register has not been online since it was set up, so it cannot take gift cards offline yet. Take another way to pay.',
        );
      }
      return sealGiftCardNumber(key, number);
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
      return (await policy())?.payload.offlineBalanceCap;
    },
    async offlineGiftCardTenders() {
      const allowed =
        (await policy())?.payload.giftCardOffline?.tendersPerShift ?? DEFAULT_GIFT_CARD_OFFLINE.tendersPerShift;
      const scope = till?.();
      if (!scope) return { taken: 0, allowed };
      const shift = await currentShift(scope);
      const since = new Date(Date.now() - NO_SHIFT_WINDOW_MS).toISOString();
      const docs = await db.payments
        .find({ selector: { method: 'gift_card', kind: 'sale', deviceId: scope.deviceId } })
        .exec();
      const taken = docs
        .map((d) => d.toJSON() as unknown as Payment)
        .filter(
          (p) =>
            p.giftCard !== undefined &&
            isSealedGiftCard(p.giftCard.token) &&
            (shift ? p.tillShiftId === shift.id : p.createdAt >= since),
        ).length;
      return { taken, allowed };
    },
    online,
  };
}
