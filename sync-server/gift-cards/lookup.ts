// The online gift card lookup: a register sends the number it scanned, the server computes the
// token with its key and answers the card's balance. Registers hold no gift card documents, so
// this is the only way a register learns a card's token or balance, one number at a time
// (rate-limited per credential, every miss logged with the device and last four digits).
// A card issued before tokens were keyed is found by its old unkeyed token and re-keyed here, once:
// its config document moves to the keyed token and the old one is deleted, naming the new token in
// `payload.movedTo` (payments that still name the old token are booked there: live-card.ts).
import {
  giftCardDocId,
  legacyGiftCardToken,
  type BalanceEntry,
  type GiftCardLookupAnswer,
} from '../../shared/balances';
import type { ConfigOf } from '../../shared/schemas/config';
import { HQ_PRINCIPAL, type Principal } from '../auth/auth-service';
import type { ServerContext } from '../http/context';
import { pushBatch } from '../replication/push';
import type { GiftCardKeys } from './keys';

type Payload = ConfigOf<'gift_card'>['payload'];

async function cardDocument(ctx: ServerContext, token: string): Promise<Record<string, unknown> | undefined> {
  const doc = (await ctx.storage.getDocuments('config', [giftCardDocId(token)])).get(giftCardDocId(token));
  return doc && !doc.deleted && doc.data.kind === 'gift_card' ? doc.data : undefined;
}

/** Moves a card issued under the unkeyed token to its keyed token (HQ writes, through the push path). */
async function rekey(
  ctx: ServerContext,
  legacy: Record<string, unknown>,
  token: string,
): Promise<Record<string, unknown>> {
  const config = ctx.policies.get('config')!;
  const at = new Date().toISOString();
  const payload = { ...(legacy.payload as Payload), token };
  const moved = { ...legacy, id: giftCardDocId(token), key: token, payload, updatedAt: at };
  const result = await pushBatch(
    ctx.storage,
    config,
    HQ_PRINCIPAL,
    [
      { newDocumentState: { ...moved, _deleted: false } },
      {
        assumedMasterState: legacy,
        // The deleted card names where it went: a refund naming the old token lands there (live-card.ts).
        newDocumentState: {
          ...legacy,
          payload: { ...(legacy.payload as Payload), movedTo: token },
          updatedAt: at,
          _deleted: true,
        },
      },
    ],
    ctx.afterWrite,
  );
  if (result.rejected.length > 0 || result.conflicts.length > 0) {
    throw new Error(`Re-keying a gift card failed: ${result.rejected[0]?.message ?? 'conflict'}`);
  }
  return moved;
}

/** The card of a number, or undefined when this server has issued no card with that number. */
export async function lookUpGiftCard(
  ctx: ServerContext,
  keys: GiftCardKeys,
  principal: Principal,
  number: string,
): Promise<GiftCardLookupAnswer | undefined> {
  const { token, last4 } = await keys.tokenOf(number);
  let doc = await cardDocument(ctx, token);
  if (!doc) {
    const legacy = await cardDocument(ctx, (await legacyGiftCardToken(number)).token);
    // Two lookups of one legacy card at once: the second move conflicts; the first one's card counts.
    if (legacy)
      doc = await rekey(ctx, legacy, token).catch(
        async (error: unknown) => (await cardDocument(ctx, token)) ?? Promise.reject(error),
      );
  }
  if (!doc) return undefined;
  const p = doc.payload as Payload;
  const own = (e: BalanceEntry) => principal.storeId === null || e.storeId === principal.storeId;
  return {
    token,
    last4,
    currency: p.currency,
    balance: p.balance,
    status: p.status,
    ...(p.expiresOn !== undefined ? { expiresOn: p.expiresOn } : {}),
    countedIds: p.entries.filter(own).map((e) => e.paymentId),
  };
}
