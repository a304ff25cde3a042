// Gift card spends a register took offline carry the card number sealed for the server (no token:
// the register cannot compute one). The register applies the policy's offline cap per card per
// sale; this guard applies it again where the register cannot cheat: it opens every seal, sums the
// sealed spends of one card on one order (this batch and those already stored) and refuses the
// spend that goes over the cap (SYNC_GIFT_CARD_OFFLINE_CAP, an HQ alert). A seal this server cannot
// open is refused as an invalid document. The balance projection books what passes on the card.
import { DEFAULT_OFFLINE_BALANCE_CAP, isSealedGiftCard } from '../../shared/balances';
import { isDomainError } from '../../shared/errors';
import { SyncError } from '../errors';
import type { DocumentIssue, GuardRun, PushGuard } from '../replication/policy';
import { storePolicy } from '../replication/refund-guard';
import type { Storage } from '../storage/storage';
import type { GiftCardKeys } from './keys';

type Doc = Record<string, unknown>;
/** Most payments of one order read to sum its earlier sealed spends. */
const MAX_ORDER_PAYMENTS = 200;

const sealedTokenOf = (doc: Doc): string | undefined => {
  const token = (doc.giftCard as { token?: unknown } | undefined)?.token;
  return doc.method === 'gift_card' && typeof token === 'string' && isSealedGiftCard(token) ? token : undefined;
};

/** The card token behind each seal, or the error that seal gave. */
async function openAll(keys: GiftCardKeys, tokens: readonly string[]): Promise<Map<string, string | Error>> {
  const opened = new Map<string, string | Error>();
  await Promise.all(
    [...new Set(tokens)].map(async (token) => {
      try {
        opened.set(token, (await keys.resolve(token)) ?? new Error('not a seal'));
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
  const opened = await openAll(
    keys,
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

function run(cap: number, opened: Map<string, string | Error>, spent: Map<string, number>): GuardRun {
  return {
    async begin() {},
    check(doc): DocumentIssue | null {
      const sealed = sealedTokenOf(doc);
      if (!sealed) return null;
      const token = opened.get(sealed);
      if (typeof token !== 'string') {
        return {
          field: 'giftCard.token',
          message: token?.message ?? 'This sealed gift card number cannot be opened by this server.',
          code: SyncError.INVALID_DOCUMENT,
        };
      }
      if (doc.kind !== 'sale') return null;
      const key = `${String(doc.orderId)}|${token}`;
      const total = (spent.get(key) ?? 0) + Number(doc.amount);
      if (total > cap) {
        return {
          field: 'amount',
          message: `Offline, a sale may take at most ${cap} (minor units) from one gift card; this sale's offline spends on the card come to ${total}. Take the rest another way.`,
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
      if (principal.kind !== 'device') return null;
      const sealed = docs.filter((d) => sealedTokenOf(d) !== undefined);
      if (sealed.length === 0) return null;
      const [policy, opened, spent] = await Promise.all([
        storePolicy(storage, principal.storeId),
        openAll(
          keys,
          sealed.map((d) => sealedTokenOf(d)!),
        ),
        storedSpends(keys, storage, sealed),
      ]);
      return run(policy?.offlineBalanceCap ?? DEFAULT_OFFLINE_BALANCE_CAP, opened, spent);
    },
  };
}
