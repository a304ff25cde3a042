// Register health per device and the alerts HQ acknowledges: alert events from the replicated
// ledger (oversell, overspent balances …) and registers silent for longer than OFFLINE_MINUTES.
import { DomainError } from '../../../shared/errors';
import type { Storage } from '../../storage/storage';
import { HqError } from '../errors';
import type { HqSql } from '../sql';
import type { StoreDirectory } from './store-directory';
import type { Alert, DeviceHealth } from '../../../shared/hq/dashboard';

export const OFFLINE_MINUTES = 15;

export type { Alert, DeviceHealth };

/** Documents a register would receive on its next pull: per collection, those after the checkpoint
 * its last pull answered with, that are chain-wide or its store's. Index range scans on
 * (collection, seq). */
async function waitingFor(sql: HqSql, storeId: string, checkpoints: Record<string, number>): Promise<number> {
  let total = 0;
  for (const [collection, seq] of Object.entries(checkpoints)) {
    const rows = await sql.all<{ n: number | string }>(
      'SELECT COUNT(*) AS n FROM documents WHERE collection = ? AND seq > ? AND (scope IS NULL OR scope = ? OR prev_scope = ?)',
      [collection, seq, storeId, storeId],
    );
    total += Number(rows[0]?.n ?? 0);
  }
  return total;
}

export async function deviceHealth(
  storage: Storage,
  sql: HqSql,
  stores: StoreDirectory,
  now = new Date(),
): Promise<DeviceHealth[]> {
  const [devices, seen] = await Promise.all([
    storage.listDevices(),
    sql.all<{ device_id: string; last_seen_at: string; checkpoints: string; app_version: string | null }>(
      'SELECT * FROM hq_device_seen',
    ),
  ]);
  const seenBy = new Map(seen.map((s) => [s.device_id, s]));
  return Promise.all(
    devices.map(async (device): Promise<DeviceHealth> => {
      const s = seenBy.get(device.id);
      const lagSeconds = s ? Math.max(0, Math.round((now.getTime() - Date.parse(s.last_seen_at)) / 1000)) : null;
      const status = device.revokedAt
        ? 'revoked'
        : !s
          ? 'never_seen'
          : (lagSeconds ?? 0) > OFFLINE_MINUTES * 60
            ? 'offline'
            : 'online';
      const checkpoints = s ? (JSON.parse(s.checkpoints) as Record<string, number>) : {};
      return {
        id: device.id,
        // The register's name from HQ numbering (S001-R01) where it has one, else its device name.
        name: device.registerName ?? device.name,
        deviceName: device.name,
        storeId: device.storeId,
        storeCode: stores.get(device.storeId)?.code ?? device.storeId.slice(0, 8),
        createdAt: device.createdAt,
        revokedAt: device.revokedAt,
        lastSeenAt: s?.last_seen_at ?? null,
        lagSeconds,
        documentsWaiting:
          s && !device.revokedAt && Object.keys(checkpoints).length > 0
            ? await waitingFor(sql, device.storeId, checkpoints)
            : null,
        appVersion: s?.app_version ?? null,
        status,
      };
    }),
  );
}

export async function openAlerts(sql: HqSql, health: DeviceHealth[]): Promise<Alert[]> {
  const rows = await sql.all<{
    alert_id: string;
    kind: string;
    store_id: string | null;
    detail: string;
    created_at: string;
    acknowledged_at: string | null;
  }>('SELECT * FROM hq_alerts WHERE acknowledged_at IS NULL ORDER BY created_at DESC LIMIT 200');
  const acked = new Set(
    (
      await sql.all<{ alert_id: string }>(
        "SELECT alert_id FROM hq_alerts WHERE kind = 'device_offline' AND acknowledged_at IS NOT NULL",
      )
    ).map((r) => r.alert_id),
  );
  const alerts: Alert[] = rows.map((r) => ({
    id: r.alert_id,
    kind: r.kind,
    storeId: r.store_id,
    detail: JSON.parse(r.detail) as Record<string, unknown>,
    createdAt: r.created_at,
  }));
  for (const device of health) {
    if (device.status !== 'offline' || !device.lastSeenAt) continue;
    const id = `device-offline:${device.id}:${device.lastSeenAt}`;
    if (!acked.has(id)) {
      alerts.push({
        id,
        kind: 'device_offline',
        storeId: device.storeId,
        detail: { deviceId: device.id, name: device.name, lastSeenAt: device.lastSeenAt },
        createdAt: device.lastSeenAt,
      });
    }
  }
  return alerts;
}

export async function acknowledgeAlert(sql: HqSql, id: string, userId: string, now = new Date()): Promise<void> {
  const at = now.toISOString();
  const offline = /^device-offline:([^:]+):(.+)$/.exec(id);
  const changed = await sql.tx(async (run) => {
    if (offline) {
      return run(
        `INSERT INTO hq_alerts (alert_id, kind, store_id, detail, created_at, acknowledged_at, acknowledged_by) VALUES (?, 'device_offline', NULL, ?, ?, ?, ?)
         ON CONFLICT (alert_id) DO UPDATE SET acknowledged_at = excluded.acknowledged_at, acknowledged_by = excluded.acknowledged_by`,
        [id, JSON.stringify({ deviceId: offline[1] }), offline[2] ?? at, at, userId],
      );
    }
    return run(
      'UPDATE hq_alerts SET acknowledged_at = ?, acknowledged_by = ? WHERE alert_id = ? AND acknowledged_at IS NULL',
      [at, userId, id],
    );
  });
  if (changed === 0)
    throw new DomainError(
      HqError.NOT_FOUND,
      `No open alert ${id}: it may have been acknowledged already; reload the dashboard.`,
    );
}
