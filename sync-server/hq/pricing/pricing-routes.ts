// Price books and promotions API (/api/hq/console/price-books…, /promotions…, /pricing/audit).
// Every HQ role reads; operations and admin change. Each change is written as replicated
// documents (doc-writer) and recorded in the pricing audit trail with who and when.
import type { FastifyInstance } from 'fastify';
import { HQ_API, type HqDeps } from '../deps';
import { field } from '../input';
import { readAudit, recordAudit } from './audit';
import { assignStores, bookPrices, listPriceBooks, priceQuery, savePriceBook, setPrices } from './price-books';
import { endPromotion, listPromotions, savePromotion } from './promotions';

type Doc = Record<string, unknown>;
const nameOf = (doc: Doc) => String((doc.payload as Doc).name);

export function registerPricingRoutes(app: FastifyInstance, deps: HqDeps): void {
  const { ctx, sql } = deps;

  app.get(`${HQ_API}/price-books`, async (request) => {
    await deps.guard.caller(request);
    return { priceBooks: await listPriceBooks(ctx) };
  });
  app.post(`${HQ_API}/price-books`, async (request, reply) => {
    const caller = await deps.guard.caller(request, 'operations');
    const creating = typeof field(request.body, 'id') !== 'string';
    const book = await savePriceBook(ctx, request.body);
    await recordAudit(sql, caller, {
      entity: 'price_book',
      entityId: String(book.id),
      action: creating ? 'created' : 'edited',
      summary: `${nameOf(book)} (${String((book.payload as Doc).currency)})`,
    });
    return reply.status(creating ? 201 : 200).send({ priceBook: book });
  });
  app.get<{ Params: { id: string } }>(`${HQ_API}/price-books/:id/prices`, async (request) => {
    await deps.guard.caller(request);
    return bookPrices(ctx, request.params.id, priceQuery(request.query));
  });
  app.post<{ Params: { id: string } }>(`${HQ_API}/price-books/:id/prices`, async (request) => {
    const caller = await deps.guard.caller(request, 'operations');
    const result = await setPrices(ctx, request.params.id, request.body);
    if (result.changed > 0)
      await recordAudit(sql, caller, {
        entity: 'price_book',
        entityId: request.params.id,
        action: 'prices',
        summary: result.summary,
      });
    return { changed: result.changed };
  });
  app.post<{ Params: { id: string } }>(`${HQ_API}/price-books/:id/stores`, async (request) => {
    const caller = await deps.guard.caller(request, 'operations');
    const codes = await assignStores(ctx, request.params.id, request.body);
    await recordAudit(sql, caller, {
      entity: 'price_book',
      entityId: request.params.id,
      action: 'assigned',
      summary: `stores ${codes.join(', ')}`,
    });
    return { stores: codes };
  });

  app.get(`${HQ_API}/promotions`, async (request) => {
    await deps.guard.caller(request);
    return { promotions: await listPromotions(ctx) };
  });
  app.post(`${HQ_API}/promotions`, async (request, reply) => {
    const caller = await deps.guard.caller(request, 'operations');
    const { doc, created } = await savePromotion(ctx, request.body);
    await recordAudit(sql, caller, {
      entity: 'promotion',
      entityId: String(doc.id),
      action: created ? 'created' : 'edited',
      summary: `${String(doc.key)} ${nameOf(doc)}`,
    });
    return reply.status(created ? 201 : 200).send({ promotion: doc });
  });
  app.post<{ Params: { id: string } }>(`${HQ_API}/promotions/:id/end`, async (request) => {
    const caller = await deps.guard.caller(request, 'operations');
    const doc = await endPromotion(ctx, request.params.id);
    await recordAudit(sql, caller, {
      entity: 'promotion',
      entityId: String(doc.id),
      action: 'ended',
      summary: `${String(doc.key)} ended at ${String((doc.payload as Doc).endsAt)}`,
    });
    return { promotion: doc };
  });

  app.get(`${HQ_API}/pricing/audit`, async (request) => {
    await deps.guard.caller(request);
    const id = field(request.query, 'entityId');
    return { entries: await readAudit(sql, typeof id === 'string' && id !== '' ? id : undefined) };
  });
}
