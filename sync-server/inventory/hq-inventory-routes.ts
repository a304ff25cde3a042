// The HQ console's inventory API (/api/hq/console/inventory…, signed-in HQ users or the HQ token):
// each store's alerts with their acknowledgements, acknowledging one, a store's ledger for an item
// with who moved what, and reorder points from a CSV upload. An acknowledgement holds the figures
// the alert had; once the level moves, the alert counts as new again (a store that keeps selling
// into negative stock is not hidden by yesterday's "seen").
import type { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { DomainError } from '../../shared/errors';
import type { LedgerLine } from '../../shared/inventory/availability';
import type { AlertKind, StockAlert } from '../../shared/inventory/alerts';
import { InventoryError } from '../../shared/inventory/errors';
import { HQ_API, type HqDeps } from '../hq/deps';
import type { Storage } from '../storage/storage';
import { alertsOf } from './alert-service';
import { parseLedgerQuery, readLedger, type StoreLedger } from './ledger-service';
import { INVENTORY_DOCUMENTS, putInventoryDocuments } from './receiving-store';
import { importReorderPointsCsv } from './reorder-points-csv';
import { StoreDirectory, type StoreInfo } from './store-directory';

export const HQ_INVENTORY_PATHS = {
  alerts: `${HQ_API}/inventory/alerts`,
  acknowledge: `${HQ_API}/inventory/alerts/acknowledge`,
  ledger: `${HQ_API}/inventory/ledger`,
  reorderCsv: `${HQ_API}/inventory/reorder-points`,
} as const;

const MAX_ACKS_PER_STORE = 100_000;

interface Acknowledgement {
  kind: 'alert_ack';
  storeId: string;
  sku: string;
  alert: AlertKind;
  onHand: number;
  available: number;
  by: string;
  at: string;
}

export interface ConsoleAlert extends StockAlert {
  acknowledged?: { by: string; at: string };
}

export interface ConsoleLedgerLine extends LedgerLine {
  /** Staff name when the movement names a staff member, else the register's name, else the device id. */
  who: string;
}

const ackId = (storeId: string, sku: string, alert: string) => `ack:${storeId}:${sku}:${alert}`;

async function acknowledgementsOf(storage: Storage, storeId: string): Promise<Map<string, Acknowledgement>> {
  const docs = await storage.findByLookup(INVENTORY_DOCUMENTS, `ack:${storeId}`, MAX_ACKS_PER_STORE);
  return new Map(docs.map((d) => [d.id, d.data as unknown as Acknowledgement]));
}

async function consoleAlerts(storage: Storage, store: StoreInfo) {
  const [{ alerts }, acks] = await Promise.all([alertsOf(storage, store), acknowledgementsOf(storage, store.id)]);
  return {
    storeId: store.id,
    storeCode: store.code,
    storeName: store.name,
    alerts: alerts.map((alert): ConsoleAlert => {
      const ack = acks.get(ackId(store.id, alert.sku, alert.kind));
      return ack && ack.onHand === alert.onHand && ack.available === alert.available
        ? { ...alert, acknowledged: { by: ack.by, at: ack.at } }
        : alert;
    }),
  };
}

/** Names for the ledger's "who": staff display names, and register names for device-only movements. */
async function withWho(storage: Storage, ledger: StoreLedger): Promise<ConsoleLedgerLine[]> {
  const staffIds = [...new Set(ledger.lines.flatMap((l) => (l.staffId ? [l.staffId] : [])))];
  const [staff, devices] = await Promise.all([storage.getDocuments('staff', staffIds), storage.listDevices()]);
  const registers = new Map(devices.map((d) => [d.id, d.registerName || d.name]));
  return ledger.lines.map((line) => {
    const staffName = line.staffId ? staff.get(line.staffId)?.data.displayName : undefined;
    const device = line.deviceId ? (registers.get(line.deviceId) ?? line.deviceId) : '';
    const who = typeof staffName === 'string' ? (device ? `${staffName} (${device})` : staffName) : device || 'unknown';
    return { ...line, who };
  });
}

export function registerHqInventoryRoutes(app: FastifyInstance, deps: HqDeps): void {
  const storage = deps.ctx.storage;
  const directory = new StoreDirectory(storage);
  app.addHook('onClose', async () => directory.close());

  app.get<{ Querystring: { storeId?: string } }>(HQ_INVENTORY_PATHS.alerts, async (request) => {
    await deps.guard.caller(request);
    const ref = request.query.storeId;
    const stores = ref
      ? [await directory.find(ref)]
      : [...(await directory.stores()).values()].sort((a, b) => a.code.localeCompare(b.code));
    const out = [];
    for (const store of stores) out.push(await consoleAlerts(storage, store));
    return { at: new Date().toISOString(), stores: out };
  });

  app.post<{ Body: unknown }>(HQ_INVENTORY_PATHS.acknowledge, async (request) => {
    const caller = await deps.guard.caller(request, 'operations');
    const body = (request.body ?? {}) as Record<string, unknown>;
    const store = await directory.find(body.storeId);
    const { alerts } = await alertsOf(storage, store);
    const alert = alerts.find((a) => a.sku === body.sku && a.kind === body.kind);
    if (!alert)
      throw new DomainError(
        InventoryError.ALERT_NOT_FOUND,
        `${store.code} has no ${typeof body.kind === 'string' ? body.kind.replace('_', ' ') : ''} alert for ${String(body.sku)} now: reload the alerts.`,
        { field: 'sku' },
      );
    const ack: Acknowledgement = {
      kind: 'alert_ack',
      storeId: store.id,
      sku: alert.sku,
      alert: alert.kind,
      onHand: alert.onHand,
      available: alert.available,
      by: caller.email,
      at: new Date().toISOString(),
    };
    await putInventoryDocuments(storage, [
      { id: ackId(store.id, alert.sku, alert.kind), storeId: store.id, lookup: `ack:${store.id}`, data: ack },
    ]);
    return { acknowledged: { by: ack.by, at: ack.at } };
  });

  app.get<{ Querystring: { storeId?: unknown; sku?: unknown; limit?: unknown } }>(
    HQ_INVENTORY_PATHS.ledger,
    async (request) => {
      await deps.guard.caller(request);
      const { storeRef, sku, limit } = parseLedgerQuery(request.query);
      const ledger = await readLedger(storage, await directory.find(storeRef), sku, limit);
      return { ...ledger, lines: await withWho(storage, ledger) };
    },
  );

  app.post(HQ_INVENTORY_PATHS.reorderCsv, async (request) => {
    const caller = await deps.guard.caller(request, 'operations');
    const body = request.body as Readable | undefined;
    if (!body || typeof (body as { pipe?: unknown }).pipe !== 'function')
      throw new DomainError(
        InventoryError.BAD_REORDER_POINT,
        'Send the CSV file as the request body with Content-Type: text/csv.',
        { field: 'file' },
      );
    const report = await importReorderPointsCsv(storage, directory, body);
    request.log.info({ rows: report.rows, saved: report.saved, by: caller.email }, 'HQ reorder points');
    return report;
  });
}
