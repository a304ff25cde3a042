// Register health from the requests registers already make: every /sync/ call marks its device
// as seen, a pull records the sequence the register has caught up to, and the app version
// header (x-pos-app-version, else the user agent) is kept. Kept in memory and written every two
// seconds, so the replication hot path pays one hash and a map write, not a database write.
import type { FastifyInstance } from 'fastify';
import { sha256 } from '../../auth/tokens';
import type { Storage } from '../../storage/storage';
import type { HqSql } from '../sql';

interface Seen {
  at: string;
  pulledSeq: number | null;
  appVersion: string | null;
}

const FLUSH_MS = 2000;

export class DeviceSeen {
  private pending = new Map<string, Seen>();
  private readonly deviceOf = new Map<string, string | null>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly storage: Storage,
    private readonly sql: HqSql,
  ) {}

  install(app: FastifyInstance): void {
    app.addHook('onResponse', async (request, reply) => {
      if (!request.url.startsWith('/sync/') || reply.statusCode >= 400) return;
      const token = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '')?.[1];
      if (!token) return;
      const query = request.query as { seq?: unknown } | undefined;
      const seq = Number(query?.seq);
      const hash = sha256(token);
      const before = this.pending.get(hash);
      const version = request.headers['x-pos-app-version'] ?? request.headers['user-agent'];
      this.pending.set(hash, {
        at: new Date().toISOString(),
        pulledSeq: Number.isSafeInteger(seq) ? Math.max(seq, before?.pulledSeq ?? 0) : (before?.pulledSeq ?? null),
        appVersion: typeof version === 'string' ? version.slice(0, 120) : (before?.appVersion ?? null),
      });
      if (!this.timer) {
        this.timer = setTimeout(() => void this.flush().catch(() => undefined), FLUSH_MS);
        this.timer.unref();
      }
    });
  }

  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.pending;
    this.pending = new Map();
    const rows: [string, Seen][] = [];
    for (const [hash, seen] of batch) {
      if (!this.deviceOf.has(hash)) this.deviceOf.set(hash, (await this.storage.findDeviceByCredentialHash(hash))?.id ?? null);
      const id = this.deviceOf.get(hash);
      if (id) rows.push([id, seen]);
    }
    if (rows.length === 0) return;
    await this.sql.tx(async (run) => {
      for (const [id, seen] of rows) {
        await run(
          `INSERT INTO hq_device_seen (device_id, last_seen_at, pulled_seq, app_version) VALUES (?, ?, ?, ?)
           ON CONFLICT (device_id) DO UPDATE SET last_seen_at = excluded.last_seen_at,
             pulled_seq = COALESCE(excluded.pulled_seq, hq_device_seen.pulled_seq), app_version = COALESCE(excluded.app_version, hq_device_seen.app_version)`,
          [id, seen.at, seen.pulledSeq, seen.appVersion],
        );
      }
    });
  }
}
