// Registers blocked for probing gift card numbers (offline-spend-guard.ts): a register's count is
// its SYNC_GIFT_CARD_UNKNOWN alerts since it was last unblocked. An HQ admin unblocks it from the
// console's Devices page (POST /api/hq/console/devices/:id/gift-card-unblock, CSRF like every
// console form): a gift_card_unblocks row records who and when and the newest alert id at that
// moment, so only later declined spends count and its sealed spends are accepted again until it
// reaches the policy's threshold anew. GET /api/hq/console/devices/gift-card-blocks lists every
// register with a count above zero. Each unblock is also written to the security alerts HQ reads
// (GET /api/hq/security-alerts) as a GIFT_CARD_UNBLOCK_ALERT row naming the register, who unblocked
// it and how many declined spends it had, so the audit trail shows who lifted a block.
import type { FastifyInstance } from 'fastify';
import { DEFAULT_GIFT_CARD_OFFLINE } from '../../shared/balances';
import { DomainError } from '../../shared/errors';
import { SyncError } from '../errors';
import { HQ_API, type HqDeps } from '../hq/deps';
import { HqError } from '../hq/errors';
import { storePolicy } from '../replication/refund-guard';
import type { Storage } from '../storage/storage';

/** The alerts that count for a register: its declined unknown-card spends since its last unblock. */
const SINCE_UNBLOCK = `code = ? AND id > COALESCE(
    (SELECT MAX(u.after_alert_id) FROM gift_card_unblocks u WHERE u.device_id = security_alerts.device_id), 0)`;

/** Sealed spends naming no card this register pushed since it was last unblocked. */
export async function unknownCardMisses(storage: Storage, deviceId: string): Promise<number> {
  const rows = await storage.query<{ n: number | string }>(
    `SELECT COUNT(*) AS n FROM security_alerts WHERE device_id = ? AND ${SINCE_UNBLOCK}`,
    [deviceId, SyncError.GIFT_CARD_UNKNOWN],
  );
  return Number(rows[0]?.n ?? 0);
}

export async function blockThreshold(storage: Storage, storeId: string): Promise<number> {
  const policy = await storePolicy(storage, storeId);
  return policy?.giftCardOffline?.unknownCardsBeforeBlock ?? DEFAULT_GIFT_CARD_OFFLINE.unknownCardsBeforeBlock;
}

export interface GiftCardBlock {
  deviceId: string;
  /** Declined unknown-card spends since the last unblock. */
  misses: number;
  /** The store policy's threshold. */
  blockAt: number;
  blocked: boolean;
  lastUnblock: { at: string; by: string } | null;
}

async function lastUnblock(storage: Storage, deviceId: string): Promise<{ at: string; by: string } | null> {
  const rows = await storage.query<{ at: string; by_user: string }>(
    'SELECT at, by_user FROM gift_card_unblocks WHERE device_id = ? ORDER BY id DESC LIMIT 1',
    [deviceId],
  );
  return rows[0] ? { at: rows[0].at, by: rows[0].by_user } : null;
}

/** Every register with at least one counted miss. */
export async function giftCardBlocks(storage: Storage): Promise<GiftCardBlock[]> {
  const [counts, devices] = await Promise.all([
    storage.query<{ device_id: string; n: number | string }>(
      `SELECT device_id, COUNT(*) AS n FROM security_alerts WHERE ${SINCE_UNBLOCK} GROUP BY device_id`,
      [SyncError.GIFT_CARD_UNKNOWN],
    ),
    storage.listDevices(),
  ]);
  const storeOf = new Map(devices.map((d) => [d.id, d.storeId]));
  const out = await Promise.all(
    counts
      .filter((c) => storeOf.has(c.device_id))
      .map(async (c): Promise<GiftCardBlock> => {
        const blockAt = await blockThreshold(storage, storeOf.get(c.device_id)!);
        const misses = Number(c.n);
        return {
          deviceId: c.device_id,
          misses,
          blockAt,
          blocked: misses >= blockAt,
          lastUnblock: await lastUnblock(storage, c.device_id),
        };
      }),
  );
  return out.sort((a, b) => a.deviceId.localeCompare(b.deviceId));
}

/** The security alert code of an HQ unblock (not a refusal: a record of who lifted a block). */
export const GIFT_CARD_UNBLOCK_ALERT = 'HQ_GIFT_CARD_DEVICE_UNBLOCKED';

/** Records the unblock and its security alert; the register's count starts again from zero. */
export async function unblockDevice(
  storage: Storage,
  deviceId: string,
  by: string,
  now = new Date(),
): Promise<{ deviceId: string; at: string; by: string; misses: number }> {
  const devices = await storage.listDevices();
  const device = devices.find((d) => d.id === deviceId);
  if (!device) {
    throw new DomainError(HqError.NOT_FOUND, 'No register has this id. Reload the Devices page.');
  }
  const misses = await unknownCardMisses(storage, deviceId);
  if (misses === 0) {
    throw new DomainError(HqError.CONFLICT, 'This register is not blocked for gift cards: nothing to unblock.');
  }
  const at = now.toISOString();
  await storage.query(
    `INSERT INTO gift_card_unblocks (device_id, at, by_user, after_alert_id)
       SELECT ?, ?, ?, COALESCE(MAX(id), 0) FROM security_alerts`,
    [deviceId, at, by],
  );
  await storage.insertSecurityAlerts([
    {
      at,
      deviceId,
      storeId: device.storeId,
      collection: 'devices',
      documentId: deviceId,
      code: GIFT_CARD_UNBLOCK_ALERT,
      message: `Head office (${by}) unblocked this register's offline gift card spends after ${misses} declined spends on unknown card numbers.`,
    },
  ]);
  return { deviceId, at, by, misses };
}

export function registerGiftCardDeviceRoutes(app: FastifyInstance, deps: HqDeps): void {
  app.get(`${HQ_API}/devices/gift-card-blocks`, async (request) => {
    await deps.guard.caller(request);
    return { blocks: await giftCardBlocks(deps.ctx.storage) };
  });
  app.post<{ Params: { id: string } }>(`${HQ_API}/devices/:id/gift-card-unblock`, async (request) => {
    const caller = await deps.guard.caller(request, 'admin');
    const id = request.params.id;
    if (id.length > 100) throw new DomainError(HqError.INVALID_INPUT, 'A device id is at most 100 characters.');
    const done = await unblockDevice(deps.ctx.storage, id, caller.email);
    request.log.warn(
      { deviceId: id, by: caller.email, misses: done.misses },
      'register unblocked for offline gift card spends',
    );
    return { unblocked: done };
  });
}
