// GET /api/hq/console/journal?store=S001&day=YYYY-MM-DD[&format=csv] — the day's journal on demand.
import type { FastifyInstance } from 'fastify';
import { DomainError } from '../../../shared/errors';
import { HqError } from '../errors';
import { HQ_API, type HqDeps } from '../deps';
import { day, field } from '../input';
import { journalCsv } from './journal';
import { loadJournal } from './journal-data';

export function registerJournalRoutes(app: FastifyInstance, deps: HqDeps): void {
  app.get(`${HQ_API}/journal`, async (request, reply) => {
    await deps.guard.caller(request);
    const store = field(request.query, 'store');
    if (typeof store !== 'string' || store === '')
      throw new DomainError(HqError.INVALID_INPUT, 'Name the store: ?store=S001&day=YYYY-MM-DD.', { field: 'store' });
    const businessDay = day(field(request.query, 'day'), 'day', '');
    if (!businessDay)
      throw new DomainError(HqError.INVALID_INPUT, 'Name the business day: ?day=YYYY-MM-DD.', { field: 'day' });
    const journal = await loadJournal(deps.ctx.storage, deps.sql, deps.facts, store, businessDay);
    if (field(request.query, 'format') === 'csv') {
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="journal-${journal.storeCode}-${businessDay}.csv"`)
        .send(journalCsv(journal));
    }
    return journal;
  });
}
