// Dashboard API: sales for a period, register health, alerts.
import type { FastifyInstance } from 'fastify';
import { DomainError } from '../../../shared/errors';
import { HqError } from '../errors';
import { HQ_API, type HqDeps } from '../deps';
import { day, field } from '../input';
import { dashboard } from './dashboard-queries';
import { acknowledgeAlert, deviceHealth, openAlerts } from './health';

const MAX_DAYS = 366;

export function registerDashboardRoutes(app: FastifyInstance, deps: HqDeps): void {
  app.get(`${HQ_API}/dashboard`, async (request) => {
    await deps.guard.caller(request);
    await Promise.all([deps.facts.catchUp(), deps.seen.flush()]);
    const query = request.query;
    const storeId =
      typeof field(query, 'storeId') === 'string' && field(query, 'storeId') !== ''
        ? String(field(query, 'storeId'))
        : null;
    const today = deps.facts.stores.today(storeId);
    const from = day(field(query, 'from'), 'from', today);
    const to = day(field(query, 'to'), 'to', from > today ? from : today);
    if (to < from || (Date.parse(to) - Date.parse(from)) / 86_400_000 > MAX_DAYS) {
      throw new DomainError(
        HqError.INVALID_INPUT,
        `Choose a period whose end is not before its start and at most ${MAX_DAYS} days long.`,
        { field: 'to' },
      );
    }
    const [sales, health] = await Promise.all([
      dashboard(deps.sql, deps.facts.stores, { from, to, storeId }),
      deviceHealth(deps.ctx.storage, deps.sql, deps.facts.stores),
    ]);
    return {
      ...sales,
      devices: health,
      alerts: await openAlerts(deps.sql, health),
      stores: deps.facts.stores.list().map(({ id, code, name }) => ({ id, code, name })),
    };
  });

  app.post<{ Params: { id: string } }>(`${HQ_API}/alerts/:id/ack`, async (request) => {
    const caller = await deps.guard.caller(request, 'operations');
    await acknowledgeAlert(deps.sql, request.params.id, caller.userId);
    return { acknowledged: true };
  });
}
