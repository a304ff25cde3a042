// Projects gift card and store credit balances from the payments that spend or refund them, inside
// the push transaction (the sibling of inventory-projection). A balance is a config document
// (kind gift_card, keyed by the card token; kind store_credit, keyed by the customer) holding the
// latest contribution of every payment (shared/balances), so a retried push counts once and a
// voided payment stops counting. A store credit balance is mirrored on the customer document.
// When a spend leaves a balance below zero (two registers spent it offline) the sales stay and an
// alert_balance_overspent order event goes to the store that took the spend. A gift card spend
// taken offline names its card by the sealed number (shared/balances/gift-card-seal); with the
// server's gift card keys the projection opens it and books the spend on the card's token.
import { createHash, randomUUID } from 'node:crypto';
import {
  accountKey,
  accountOf,
  applyPayment,
  giftCardDocId,
  isGiftCardToken,
  ledgerBalance,
  type BalanceAccount,
  type BalanceEntry,
  type BalancePayment,
} from '../../shared/balances';
import type { DocumentWrite, StoredDocument, WriteTx } from '../storage/storage';
import { projectedWrite } from './projected-write';
import type { AfterWrite } from './push';
import type { PolicyMap } from './policy';
import type { GiftCardKeys } from '../gift-cards/keys';
import { liveCardToken } from '../gift-cards/live-card';

interface Ledger {
  account: BalanceAccount;
  docId: string;
  stored: Record<string, unknown> | undefined;
  payload: Record<string, unknown>;
  opening: number;
  entries: BalanceEntry[];
  before: number;
  /** The spend that came last in this batch: it names the order an alert points at. */
  lastSpend: BalancePayment | undefined;
}

/** The customer's copy of a store credit balance (the schema keeps it at zero or more; the ledger keeps any overspend). */
function mirrorWrite(
  policies: PolicyMap,
  customer: StoredDocument | undefined,
  balance: number,
  at: string,
): DocumentWrite | undefined {
  const shown = Math.max(0, balance);
  if (!customer || customer.deleted || customer.data.storeCreditBalance === shown) return undefined;
  const { _deleted: _ignored, ...data } = customer.data;
  return projectedWrite(policies, 'customers', { ...data, storeCreditBalance: shown, updatedAt: at });
}

/**
 * A store credit ledger carries its customer's home store as `storeId`: only that store's registers
 * pull it (shared/schemas/config); without a home store no register does.
 */
function withHomeStore(
  ledger: Record<string, unknown>,
  customer: Record<string, unknown> | undefined,
): Record<string, unknown> {
  const { storeId: _old, ...rest } = ledger;
  const home = customer?.homeStoreId;
  return typeof home === 'string' ? { ...rest, storeId: home } : rest;
}

/**
 * A customer written after its store credit ledger exists (created offline on the till that also
 * refunded to it, or edited by HQ) gets the ledger's balance back: the ledger is the truth.
 */
async function mirrorCustomers(policies: PolicyMap, tx: WriteTx, written: StoredDocument[], at: string): Promise<void> {
  const live = written.filter((doc) => !doc.deleted);
  if (live.length === 0) return;
  const ledgers = await tx.getDocuments(
    'config',
    live.map((doc) => doc.id),
  );
  const writes: DocumentWrite[] = [];
  for (const customer of live) {
    const ledger = ledgers.get(customer.id);
    if (!ledger || ledger.deleted || ledger.data.kind !== 'store_credit') continue;
    const write = mirrorWrite(policies, customer, Number((ledger.data.payload as Record<string, unknown>).balance), at);
    if (write) writes.push(write);
    // The customer moved to another home store: its ledger follows.
    if (ledger.data.storeId !== customer.data.homeStoreId) {
      const { _deleted: _ignored, ...data } = ledger.data;
      writes.push(projectedWrite(policies, 'config', { ...withHomeStore(data, customer.data), updatedAt: at }));
    }
  }
  if (writes.length > 0) await tx.putDocuments(writes);
}

function docIdOf(account: BalanceAccount): string {
  if (account.kind === 'store_credit') return account.customerId;
  // Tokens from another issuer (not this system's gc_ hashes) still get a stable document.
  const token = isGiftCardToken(account.token)
    ? account.token
    : `gc_${[...createHash('sha256').update(account.token).digest('hex')].map((c) => 'abcdefghijklmnop'[parseInt(c, 16)]).join('')}`;
  return giftCardDocId(token);
}

function openLedger(
  account: BalanceAccount,
  docId: string,
  stored: Record<string, unknown> | undefined,
  customer: Record<string, unknown> | undefined,
  first: BalancePayment,
): Ledger {
  const payload = (stored?.payload as Record<string, unknown> | undefined) ?? undefined;
  const entries = (payload?.entries as BalanceEntry[] | undefined) ?? [];
  if (payload) {
    const opening = account.kind === 'gift_card' ? Number(payload.issued) : Number(payload.opening);
    return {
      account,
      docId,
      stored,
      payload,
      opening,
      entries,
      before: ledgerBalance(opening, entries),
      lastSpend: undefined,
    };
  }
  // A card nobody issued on this server still records what was spent on it (and alerts); store
  // credit starts from whatever HQ had put on the customer before the ledger existed.
  const opening = account.kind === 'store_credit' ? Number(customer?.storeCreditBalance ?? 0) : 0;
  const fresh: Record<string, unknown> =
    account.kind === 'gift_card'
      ? {
          token: account.token,
          last4: account.last4,
          currency: first.currency,
          issued: 0,
          balance: 0,
          status: 'active',
          entries: [],
        }
      : {
          customerId: account.customerId,
          currency: String(customer?.currency ?? first.currency),
          opening,
          balance: opening,
          entries: [],
        };
  return { account, docId, stored: undefined, payload: fresh, opening, entries, before: opening, lastSpend: undefined };
}

/**
 * HQ issues or loads a card by writing its config document; the balance it carries is recomputed
 * from `issued` (or `opening`) and the entries, so a hand-edited balance never disagrees with the ledger.
 */
async function normalizeIssued(policies: PolicyMap, tx: WriteTx, written: StoredDocument[], at: string): Promise<void> {
  const writes: DocumentWrite[] = [];
  for (const doc of written) {
    const kind = doc.data.kind;
    if (doc.deleted || (kind !== 'gift_card' && kind !== 'store_credit')) continue;
    const payload = doc.data.payload as Record<string, unknown>;
    const entries = (payload.entries as BalanceEntry[] | undefined) ?? [];
    const balance = ledgerBalance(Number(kind === 'gift_card' ? payload.issued : payload.opening), entries);
    let data: Record<string, unknown> = doc.data;
    if (kind === 'store_credit') {
      const customerId = String(payload.customerId);
      const customer = (await tx.getDocuments('customers', [customerId])).get(customerId);
      const mirror = mirrorWrite(policies, customer, balance, at);
      if (mirror) writes.push(mirror);
      data = withHomeStore(doc.data, customer && !customer.deleted ? customer.data : undefined);
    }
    if (payload.balance === balance && data.storeId === doc.data.storeId) continue;
    const { _deleted: _ignored, ...rest } = data;
    writes.push(projectedWrite(policies, 'config', { ...rest, payload: { ...payload, balance }, updatedAt: at }));
  }
  if (writes.length > 0) await tx.putDocuments(writes);
}

/**
 * The payment as the ledger sees it: a sealed card number replaced by the card's token, and a token
 * of a re-keyed card by the token it moved to (gift-cards/live-card). A seal that cannot be opened
 * (the offline guard refuses those from registers) keeps its text and so books on a card of its
 * own, like another issuer's reference. Null: the card's ledger is deleted and moved nowhere, so
 * the payment books on nothing (the guard refuses it; a deleted ledger is never brought back).
 */
async function withCardToken(
  payment: BalancePayment,
  keys: GiftCardKeys | undefined,
  tx: WriteTx,
): Promise<BalancePayment | null> {
  const card = payment.giftCard;
  if (payment.method !== 'gift_card' || !card) return payment;
  let token: string | null = card.token;
  if (!isGiftCardToken(token)) token = keys ? await keys.resolve(token).catch(() => null) : null;
  if (token === null) return payment;
  const live = await liveCardToken(tx, token);
  if (live === null) return null;
  return live === card.token ? payment : { ...payment, giftCard: { token: live, last4: card.last4 } };
}

export function balanceProjection(
  policies: PolicyMap,
  now: () => Date = () => new Date(),
  giftCardKeys?: GiftCardKeys,
): AfterWrite {
  return async (tx: WriteTx, collection: string, written: StoredDocument[]): Promise<void> => {
    if (collection === 'config') return normalizeIssued(policies, tx, written, now().toISOString());
    if (collection === 'customers') return mirrorCustomers(policies, tx, written, now().toISOString());
    if (collection !== 'payments') return;
    const payments = (
      await Promise.all(
        [...written]
          .sort((a, b) => a.seq - b.seq)
          .map(async (doc) => ({
            doc,
            payment: await withCardToken(doc.data as unknown as BalancePayment, giftCardKeys, tx),
          })),
      )
    ).filter(
      (p): p is { doc: StoredDocument; payment: BalancePayment } => p.payment !== null && accountOf(p.payment) !== null,
    );
    if (payments.length === 0) return;

    const accounts = new Map<string, BalanceAccount>();
    for (const { payment } of payments) {
      const account = accountOf(payment)!;
      accounts.set(accountKey(account), account);
    }
    const docIds = [...accounts.values()].map(docIdOf);
    const customerIds = [...accounts.values()].flatMap((a) => (a.kind === 'store_credit' ? [a.customerId] : []));
    const [configs, customers] = await Promise.all([
      tx.getDocuments('config', docIds),
      tx.getDocuments('customers', customerIds),
    ]);

    const ledgers = new Map<string, Ledger>();
    for (const { doc, payment } of payments) {
      const account = accountOf(payment)!;
      const key = accountKey(account);
      let ledger = ledgers.get(key);
      if (!ledger) {
        const docId = docIdOf(account);
        const customer = account.kind === 'store_credit' ? customers.get(account.customerId)?.data : undefined;
        ledger = openLedger(account, docId, configs.get(docId)?.data, customer, payment);
        ledgers.set(key, ledger);
      }
      // A tombstoned payment no longer counts, whatever its last status was; one in another currency
      // than the balance never does (the till refuses it; adding dollars to euros would be a wrong number).
      const counts = !doc.deleted && payment.currency === ledger.payload.currency;
      ledger.entries = applyPayment(ledger.entries, counts ? payment : { ...payment, status: 'voided' });
      if (counts && payment.kind === 'sale') ledger.lastSpend = payment;
    }

    const at = now().toISOString();
    const writes: DocumentWrite[] = [];
    for (const ledger of ledgers.values()) {
      const balance = ledgerBalance(ledger.opening, ledger.entries);
      const { account } = ledger;
      const base = ledger.stored ?? {
        id: ledger.docId,
        kind: account.kind,
        key: account.kind === 'gift_card' ? account.token : account.customerId,
        active: true,
      };
      const homed =
        account.kind === 'store_credit' ? withHomeStore(base, customers.get(account.customerId)?.data) : base;
      writes.push(
        projectedWrite(policies, 'config', {
          ...homed,
          payload: { ...ledger.payload, balance, entries: ledger.entries },
          updatedAt: at,
        }),
      );
      if (account.kind === 'store_credit') {
        const mirror = mirrorWrite(policies, customers.get(account.customerId), balance, at);
        if (mirror) writes.push(mirror);
      }
      const spend = ledger.lastSpend;
      if (spend && balance < 0 && balance < ledger.before) {
        writes.push(
          projectedWrite(policies, 'order_events', {
            id: randomUUID(),
            orderId: spend.orderId,
            storeId: spend.storeId,
            actor: { kind: 'server' },
            type: 'alert_balance_overspent',
            payload: {
              account: account.kind,
              ...(account.kind === 'gift_card' ? { last4: account.last4 } : { customerId: account.customerId }),
              paymentId: spend.id,
              balance: Math.max(balance, -1_000_000_000),
            },
            createdAt: at,
            updatedAt: at,
          }),
        );
      }
    }
    await tx.putDocuments(writes);
  };
}

/** Runs the projections one after the other in the same transaction. */
export function chainProjections(...steps: AfterWrite[]): AfterWrite {
  return async (tx, collection, written) => {
    for (const step of steps) await step(tx, collection, written);
  };
}
