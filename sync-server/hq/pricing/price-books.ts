// Price books from the console. A book is a `config` document of kind `price_book` (name,
// currency); its prices live on the products (`prices: [{ priceBookId, amount }]`), and a store
// sells from the one book its store document names (`payload.priceBookId`). Every write goes
// through the push path (doc-writer), so registers receive it by replication.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { DomainError } from '../../../shared/errors';
import { minorUnitExponent } from '../../../shared/money';
import { priceBookPayload } from '../../../shared/schemas/config-payloads';
import type { DocContext } from '../doc-writer';
import { allDocs, currentDoc, writeDoc, writeDocs } from '../doc-writer';
import { HqError } from '../errors';
import { field } from '../input';
import { invalid, minorFromText, parseOrRefuse } from './fields';

import type { BookPriceRow, PriceBookRow } from '../../../shared/hq/pricing';

type Doc = Record<string, unknown>;
type Price = { priceBookId: string; amount: number };

const isStore = (d: Doc) => d.kind === 'store';
const payloadOf = (d: Doc) => d.payload as Doc;
const pricesOf = (d: Doc) => (Array.isArray(d.prices) ? (d.prices as Price[]) : []);

export async function listPriceBooks(ctx: DocContext): Promise<PriceBookRow[]> {
  const [config, products] = await Promise.all([allDocs(ctx, 'config'), allDocs(ctx, 'products')]);
  const stores = config.filter(isStore);
  const priced = new Map<string, number>();
  for (const p of products)
    for (const price of pricesOf(p)) priced.set(price.priceBookId, (priced.get(price.priceBookId) ?? 0) + 1);
  return config
    .filter((d) => d.kind === 'price_book')
    .map((d) => ({
      id: String(d.id),
      key: String(d.key),
      active: d.active === true,
      updatedAt: String(d.updatedAt),
      payload: d.payload as PriceBookRow['payload'],
      stores: stores
        .filter((s) => payloadOf(s).priceBookId === d.id)
        .map((s) => String(s.key))
        .sort(),
      priced: priced.get(String(d.id)) ?? 0,
    }))
    .sort((a, b) => a.payload.name.localeCompare(b.payload.name));
}

async function bookOf(ctx: DocContext, id: string): Promise<Doc> {
  const doc = await currentDoc(ctx, 'config', id);
  if (!doc || doc.kind !== 'price_book')
    throw new DomainError(HqError.NOT_FOUND, `No price book with id ${id}: reload the price books.`);
  return doc;
}

/** Creates a book, or renames one (its currency is fixed once prices exist in it). */
export async function savePriceBook(ctx: DocContext, body: unknown): Promise<Doc> {
  const id = field(body, 'id');
  const previous = typeof id === 'string' ? await bookOf(ctx, id) : undefined;
  const key = field(body, 'key') ?? previous?.key;
  if (typeof key !== 'string' || !/^[a-z0-9][a-z0-9-]{0,63}$/.test(key))
    throw invalid('key', 'The key is 1 to 64 lower-case letters, digits or dashes, like standard-usd.');
  const payload = parseOrRefuse(priceBookPayload, {
    name: field(body, 'name') ?? (previous ? payloadOf(previous).name : undefined),
    currency: field(body, 'currency') ?? (previous ? payloadOf(previous).currency : undefined),
  });
  const books = await listPriceBooks(ctx);
  const clash = books.find((b) => b.key === key && b.id !== previous?.id);
  if (clash)
    throw new DomainError(HqError.CONFLICT, `Key ${key} is taken by price book ${clash.payload.name}.`, {
      field: 'key',
    });
  const mine = books.find((b) => b.id === previous?.id);
  if (mine && mine.payload.currency !== payload.currency && (mine.priced > 0 || mine.stores.length > 0))
    throw invalid('currency', 'This book already has prices or stores: make a new book for another currency.');
  const next: Doc = {
    id: previous ? previous.id : randomUUID(),
    key,
    kind: 'price_book',
    active: true,
    updatedAt: new Date().toISOString(),
    payload,
  };
  return writeDoc(ctx, 'config', { next, previous: previous ? { ...previous } : undefined });
}

export interface PriceQuery {
  q: string;
  page: number;
  pageSize: number;
  /** Only products without a price in this book (to fill gaps). */
  missing: boolean;
}

export function priceQuery(query: unknown): PriceQuery {
  const num = (name: string, fallback: number, max: number) => {
    const raw = field(query, name);
    if (raw === undefined || raw === '') return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 1 || n > max) throw invalid(name, `${name} is a whole number from 1 to ${max}.`);
    return n;
  };
  const q = field(query, 'q');
  return {
    q: typeof q === 'string' ? q.trim().toLowerCase().slice(0, 100) : '',
    page: num('page', 1, 100_000),
    pageSize: num('pageSize', 50, 200),
    missing: field(query, 'missing') === '1',
  };
}

/**
 * One page of a book's prices, by SKU, found by SKU or name (contains, case-insensitive). Reads
 * every product (the catalog is scanned per request; fine for tens of thousands of products).
 */
export async function bookPrices(
  ctx: DocContext,
  bookId: string,
  query: PriceQuery,
): Promise<{ items: BookPriceRow[]; total: number; page: number; pageSize: number }> {
  await bookOf(ctx, bookId);
  const rows = (await allDocs(ctx, 'products'))
    .filter((p) => {
      if (!query.q) return true;
      return (
        String(p.sku).toLowerCase().includes(query.q) ||
        String(p.name).toLowerCase().includes(query.q) ||
        String(p.primaryBarcode ?? '') === query.q
      );
    })
    .map((p) => ({
      productId: String(p.id),
      sku: String(p.sku),
      name: String(p.name),
      active: p.active === true,
      amount: pricesOf(p).find((x) => x.priceBookId === bookId)?.amount ?? null,
    }))
    .filter((r) => !query.missing || r.amount === null)
    .sort((a, b) => a.sku.localeCompare(b.sku));
  const start = (query.page - 1) * query.pageSize;
  return {
    items: rows.slice(start, start + query.pageSize),
    total: rows.length,
    page: query.page,
    pageSize: query.pageSize,
  };
}

const priceChanges = z
  .array(z.strictObject({ sku: z.string().min(1).max(64), price: z.union([z.string(), z.number(), z.null()]) }))
  .min(1)
  .max(500);

/**
 * Sets (decimal text, "4.99") or removes (null) the price of each SKU in this book, all or
 * nothing: a bad row is refused naming `prices.N.price` / `prices.N.sku`. A product keeps at least
 * one price (the schema requires it), so removing its only one is refused.
 */
export async function setPrices(
  ctx: DocContext,
  bookId: string,
  body: unknown,
): Promise<{ changed: number; summary: string }> {
  const book = await bookOf(ctx, bookId);
  const currency = String(payloadOf(book).currency);
  const changes = parseOrRefuse(priceChanges, field(body, 'prices'), 'prices');
  const decimals = minorUnitExponent(currency);
  const bySku = new Map((await allDocs(ctx, 'products')).map((p) => [String(p.sku), p]));
  const writes: { next: Doc; previous: Doc }[] = [];
  const said: string[] = [];
  changes.forEach((c, i) => {
    const product = bySku.get(c.sku);
    if (!product) throw invalid(`prices.${i}.sku`, `No product with SKU ${c.sku}.`);
    if (product.currency !== currency)
      throw invalid(`prices.${i}.sku`, `${c.sku} is sold in ${String(product.currency)}, this book is in ${currency}.`);
    const others = pricesOf(product).filter((p) => p.priceBookId !== bookId);
    let prices: Price[];
    if (c.price === null) {
      if (others.length === 0)
        throw invalid(`prices.${i}.price`, `${c.sku} has no price in any other book: it must keep this one.`);
      prices = others;
      said.push(`${c.sku} removed`);
    } else {
      const amount = minorFromText(c.price, `prices.${i}.price`, decimals);
      prices = [...others, { priceBookId: bookId, amount }];
      said.push(`${c.sku} ${c.price}`);
    }
    const before = pricesOf(product).find((p) => p.priceBookId === bookId)?.amount ?? null;
    const after = prices.find((p) => p.priceBookId === bookId)?.amount ?? null;
    if (before === after) return;
    writes.push({ next: { ...product, prices, updatedAt: new Date().toISOString() }, previous: { ...product } });
  });
  if (writes.length === 0) return { changed: 0, summary: 'no change' };
  const result = await writeDocs(ctx, 'products', writes);
  const rejected = result.rejected[0];
  if (rejected) throw invalid('prices', `${rejected.message} (field ${rejected.field})`);
  if (result.conflicts.length > 0)
    throw new DomainError(HqError.CONFLICT, 'Someone changed these products at the same time: reload and try again.');
  return { changed: writes.length, summary: said.join(', ') };
}

/** Points each listed store at this book (stores keep one book; the book's currency must match). */
export async function assignStores(ctx: DocContext, bookId: string, body: unknown): Promise<string[]> {
  const book = await bookOf(ctx, bookId);
  const ids = parseOrRefuse(z.array(z.string()).min(1).max(1000), field(body, 'storeIds'), 'storeIds');
  const stores = (await allDocs(ctx, 'config')).filter(isStore);
  const codes: string[] = [];
  for (const [i, id] of ids.entries()) {
    const store = stores.find((s) => s.id === id);
    if (!store) throw invalid(`storeIds.${i}`, `No store with id ${id}: reload the stores.`);
    const payload = payloadOf(store);
    if (payload.currency !== payloadOf(book).currency)
      throw invalid(
        `storeIds.${i}`,
        `Store ${String(store.key)} sells in ${String(payload.currency)}; this book is in ${String(payloadOf(book).currency)}.`,
      );
    codes.push(String(store.key));
    if (payload.priceBookId === bookId) continue;
    await writeDoc(ctx, 'config', {
      next: { ...store, updatedAt: new Date().toISOString(), payload: { ...payload, priceBookId: bookId } },
      previous: { ...store },
    });
  }
  return codes;
}
