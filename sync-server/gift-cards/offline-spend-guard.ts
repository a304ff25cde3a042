// Gift card spends a register took offline carry the card number sealed for the server (no token:
// the register cannot compute one). The register applies the policy's offline cap per card per
// sale; this guard applies it again where the register cannot cheat: it opens every seal, sums the
// sealed spends of one card on one order (this batch and those already stored) and refuses the
// spend that goes over the cap (SYNC_GIFT_CARD_OFFLINE_CAP, an HQ alert). A seal this server cannot
// open is refused as an invalid document; one sealed under a key retired longer ago than the grace
// period (keys.ts) is refused with SYNC_GIFT_CARD_SEAL_KEY_EXPIRED (an HQ alert). A payment (any writer, any kind) naming a card whose
// ledger was deleted and moved nowhere is refused with SYNC_GIFT_CARD_RETIRED; one naming a re-keyed
// card's old token passes and is booked on the card it moved to (live-card.ts). A sealed spend whose
// number no card has is declined (SYNC_GIFT_CARD_UNKNOWN, an HQ alert row, which is also the
// register's count); once a register has as many as the policy's
// `giftCardOffline.unknownCardsBeforeBlock` (default 3), every further sealed spend of it is refused
// (SYNC_GIFT_CARD_DEVICE_BLOCKED, an alert): guessing numbers by tiny offline spends stops there,
// until an HQ admin unblocks the register (device-unblock.ts), which starts its count again.
// The balance projection books what passes on the card.
import {
  DEFAULT_GIFT_CARD_OFFLINE,
  DEFAULT_OFFLINE_BALANCE_CAP,
  isGiftCardToken,
  isSealedGiftCard,
} from '../../shared/balances';
import { isDomainError } from '../../shared/errors';
import { SyncError } from '../errors';
import type { DocumentIssue, GuardRun, PushGuard } from '../replication/policy';
import { storePolicy } from '../replication/refund-guard';
import type { Storage } from '../storage/storage';
import type { GiftCardKeys } from './keys';
import { unknownCardMisses } from './device-unblock';
import { resolveCard, type LiveCard } from './live-card';

type Doc = Record<string, unknown>;
/** Most payments of one order read to sum its earlier sealed spends. */
const MAX_ORDER_PAYMENTS = 200;

const sealedTokenOf = (doc: Doc): string | undefined => {
  const token = (doc.giftCard as { token?: unknown } | undefined)?.token;
  return doc.method === 'gift_card' && typeof token === 'string' && isSealedGiftCard(token) ? token : undefined;
};

/** The card token behind each seal, or the error that seal gave. */
async function openAll(
  resolve: (token: string) => Promise<string | null>,
  tokens: readonly string[],
): Promise<Map<string, string | Error>> {
  const opened = new Map<string, string | Error>();
  await Promise.all(
    [...new Set(tokens)].map(async (token) => {
      try {
        opened.set(token, (await resolve(token)) ?? new Error('not a seal'));
      } catch (error) {
        if (!isDomainError(error)) throw error;
        opened.set(token, error);
      }
    }),
  );
  return opened;
}

/** Sealed spends already stored, summed per order and card (`${orderId}|${token}`). */
async function storedSpends(keys: GiftCardKeys, storage: Storage, batch: readonly Doc[]): Promise<Map<string, number>> {
  const batchIds = new Set(batch.map((d) => d.id));
  const orderIds = [...new Set(batch.map((d) => String(d.orderId)))];
  const stored = (await Promise.all(orderIds.map((id) => storage.findByLookup('payments', id, MAX_ORDER_PAYMENTS))))
    .flat()
    .filter((p) => !p.deleted && !batchIds.has(p.id) && p.data.kind === 'sale' && sealedTokenOf(p.data));
  // Spends already stored were accepted when pushed: read them under any key of the set.
  const opened = await openAll(
    (token) => keys.resolve(token),
    stored.map((p) => sealedTokenOf(p.data)!),
  );
  const sums = new Map<string, number>();
  for (const p of stored) {
    const token = opened.get(sealedTokenOf(p.data)!);
    if (typeof token !== 'string' || p.data.status !== 'approved') continue;
    const key = `${String(p.data.orderId)}|${token}`;
    sums.set(key, (sums.get(key) ?? 0) + Number(p.data.amount));
  }
  return sums;
}

const cardTokenOf = (doc: Doc): string | undefined => {
  const token = (doc.giftCard as { token?: unknown } | undefined)?.token;
  return doc.method === 'gift_card' && typeof token === 'string' ? token : undefined;
};

/** What each card token (plain or opened from a seal) names: a live card, a retired one (null), or none. */
async function cardsOf(
  storage: Storage,
  docs: readonly Doc[],
  opened: Map<string, string | Error>,
): Promise<Map<string, LiveCard | null>> {
  const tokens = new Set<string>();
  for (const doc of docs) {
    const named = cardTokenOf(doc);
    if (named === undefined) continue;
    const token = isGiftCardToken(named) ? named : opened.get(named);
    if (typeof token === 'string') tokens.add(token);
  }
  const cards = new Map<string, LiveCard | null>();
  await Promise.all([...tokens].map(async (token) => cards.set(token, await resolveCard(storage, token))));
  return cards;
}

/** How a register's sealed spends are judged: the per-sale cap and the unknown-card count that blocks it. */
interface DeviceLimits {
  cap: number;
  /** Sealed spends naming no card this register pushed (its SYNC_GIFT_CARD_UNKNOWN alerts since HQ last unblocked it). */
  misses: number;
  blockAt: number;
}

async function deviceLimits(storage: Storage, deviceId: string, storeId: string): Promise<DeviceLimits> {
  const [policy, misses] = await Promise.all([storePolicy(storage, storeId), unknownCardMisses(storage, deviceId)]);
  return {
    cap: policy?.offlineBalanceCap ?? DEFAULT_OFFLINE_BALANCE_CAP,
    misses,
    blockAt: policy?.giftCardOffline?.unknownCardsBeforeBlock ?? DEFAULT_GIFT_CARD_OFFLINE.unknownCardsBeforeBlock,
  };
}

function run(
  limits: DeviceLimits | null,
  opened: Map<string, string | Error>,
  spent: Map<string, number>,
  cards: Map<string, LiveCard | null>,
): GuardRun {
  return {
    async begin() {},
    check(doc): DocumentIssue | null {
      const named = cardTokenOf(doc);
      if (named === undefined) return null;
      const sealed = isSealedGiftCard(named);
      const token = sealed ? opened.get(named) : named;
      if (sealed && isDomainError(token, SyncError.GIFT_CARD_SEAL_KEY_EXPIRED)) {
        return { field: 'giftCard.token', message: token.message, code: SyncError.GIFT_CARD_SEAL_KEY_EXPIRED };
      }
      if (sealed && typeof token !== 'string') {
        return {
          field: 'giftCard.token',
          message: token?.message ?? 'This sealed gift card number cannot be opened by this server.',
          code: SyncError.INVALID_DOCUMENT,
        };
      }
      if (sealed && limits && limits.misses >= limits.blockAt) {
        return {
          field: 'giftCard.token',
          message: `This register sent ${limits.misses} offline gift card spends on numbers no card has, so its offline gift card spends are refused. Head office has been alerted; take gift cards online only.`,
          code: SyncError.GIFT_CARD_DEVICE_BLOCKED,
        };
      }
      const card = typeof token === 'string' ? cards.get(token) : undefined;
      if (card === null) {
        return {
          field: 'giftCard.token',
          message:
            'This gift card was retired and replaced by no other card, so nothing can be booked on it. Refund another way, or ask head office.',
          code: SyncError.GIFT_CARD_RETIRED,
        };
      }
      if (!sealed || !limits) return null;
      if (card?.issued !== true) {
        limits.misses += 1;
        return {
          field: 'giftCard.token',
          message:
            'No gift card has the number this offline spend was taken on, so it is declined. Collect the amount another way.',
          code: SyncError.GIFT_CARD_UNKNOWN,
        };
      }
      if (doc.kind !== 'sale') return null;
      const key = `${String(doc.orderId)}|${card.token}`;
      const total = (spent.get(key) ?? 0) + Number(doc.amount);
      if (total > limits.cap) {
        return {
          field: 'amount',
          message: `Offline, a sale may take at most ${limits.cap} (minor units) from one gift card; this sale's offline spends on the card come to ${total}. Take the rest another way.`,
          code: SyncError.GIFT_CARD_OFFLINE_CAP,
        };
      }
      spent.set(key, total);
      return null;
    },
    writes: () => [],
  };
}

export function giftCardOfflineGuard(keys: GiftCardKeys): PushGuard {
  return {
    async prepare(storage, principal, docs) {
      const named = docs.filter((d) => cardTokenOf(d) !== undefined);
      if (named.length === 0) return null;
      const sealed = named.filter((d) => sealedTokenOf(d) !== undefined);
      const opened = await openAll(
        (token) => keys.resolveNew(token),
        sealed.map((d) => sealedTokenOf(d)!),
      );
      const cards = await cardsOf(storage, named, opened);
      // The offline rules are the register's; HQ's writes only meet the retired-card rule.
      if (principal.kind !== 'device' || sealed.length === 0) return run(null, opened, new Map(), cards);
      const [limits, spent] = await Promise.all([
        deviceLimits(storage, principal.deviceId, principal.storeId),
        storedSpends(keys, storage, sealed),
      ]);
      return run(limits, opened, spent, cards);
    },
  };
}
