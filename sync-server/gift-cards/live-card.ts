// Which ledger a gift card payment is booked on. A card issued before tokens were keyed is moved to
// its keyed token at its first lookup (lookup.ts); its old document is deleted and names the new
// token in `payload.movedTo`, so a refund or status change that still names the old token lands on
// the card's live ledger. A deleted card that moved nowhere has no live ledger: such a payment is
// refused (offline-spend-guard.ts) and never books on, or brings back, the deleted document.
import { giftCardDocId } from '../../shared/balances';
import type { StoredDocument } from '../storage/storage';

export interface DocumentReader {
  getDocuments(collection: string, ids: readonly string[]): Promise<Map<string, StoredDocument>>;
}

/** Moves followed at most (a card moves once; the bound only stops a hand-made loop). */
const MAX_MOVES = 4;

/** Where a payment naming a card token is booked, and whether a card was issued there. */
export interface LiveCard {
  token: string;
  /** A live document exists for `token` (false: a card this server never issued, e.g. a guess). */
  issued: boolean;
}

/**
 * The ledger a payment naming `token` counts on: `token` itself when its document is live or
 * absent, the token it moved to, or null when its document is deleted and names no live card.
 */
export async function resolveCard(reader: DocumentReader, token: string): Promise<LiveCard | null> {
  let current = token;
  for (let hop = 0; hop <= MAX_MOVES; hop += 1) {
    const id = giftCardDocId(current);
    const doc = (await reader.getDocuments('config', [id])).get(id);
    if (!doc) return { token: current, issued: false };
    if (!doc.deleted) return { token: current, issued: true };
    const movedTo = (doc.data.payload as { movedTo?: unknown } | undefined)?.movedTo;
    if (typeof movedTo !== 'string' || movedTo === current) return null;
    current = movedTo;
  }
  return null;
}

/** The token whose ledger a payment naming `token` counts on, or null (see resolveCard). */
export async function liveCardToken(reader: DocumentReader, token: string): Promise<string | null> {
  return (await resolveCard(reader, token))?.token ?? null;
}
