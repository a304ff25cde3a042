// Register health from the requests registers already make: every /sync/ call marks its device
// as seen, each pull records the checkpoint (seq) it answered with for that collection (what the
// register holds up to),
// and the app version is kept (x-pos-app-version, else the browser or Electron version from the
// user agent). Kept in memory and written every two seconds, so the replication hot path pays
// one hash and a map write, not a database write.
import type { FastifyInstance } from 'fastify';
import { sha256 } from '../../auth/tokens';
import type { Storage } from '../../storage/storage';
import type { HqSql } from '../sql';
import { servedCheckpoints } from '../../http/served-checkpoints';

interface Seen {
  at: string;
  /** Collection → the checkpoint the register's latest pull answered with. */
  checkpoints: Record<string, number>;
  appVersion: string | null;
}

const FLUSH_MS = 2000;
const PULL = /^\/sync\/([a-z_]{1,40})\/pull/;

/** "Electron/45.5.0" or "Chrome/156.0.0.0" out of a user agent, else the first 60 characters. */
export function appVersionOf(header: string | undefined, agent: string | undefined): string | null {
  if (header) return header.slice(0, 60);
  if (!agent) return null;
  const found = /\b(Electron|HeadlessChrome|Chrome|Firefox|Safari|node)\/[\d.]+/.exec(agent);
  return found ? found[0] : agent.slice(0, 60);
}

export class DeviceSeen {
  private readonly known = new Map<string, Seen>();
  private dirty = new Set<string>();
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
      const hash = sha256(token);
      const seen = this.known.get(hash) ?? { at: '', checkpoints: {}, appVersion: null };
      seen.at = new Date().toISOString();
      const collection = PULL.exec(request.url)?.[1];
      const seq = servedCheckpoints.get(request) ?? Number((request.query as { seq?: unknown } | undefined)?.seq);
      if (collection && Number.isSafeInteger(seq)) seen.checkpoints[collection] = seq;
      const header = request.headers['x-pos-app-version'];
      seen.appVersion =
        appVersionOf(typeof header === 'string' ? header : undefined, request.headers['user-agent']) ?? seen.appVersion;
      this.known.set(hash, seen);
      this.dirty.add(hash);
      if (!this.timer) {
        this.timer = setTimeout(() => void this.flush().catch(() => undefined), FLUSH_MS);
        this.timer.unref();
      }
    });
  }

  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const hashes = [...this.dirty];
    this.dirty = new Set();
    const rows: [string, Seen][] = [];
    for (const hash of hashes) {
      if (!this.deviceOf.has(hash))
        this.deviceOf.set(hash, (await this.storage.findDeviceByCredentialHash(hash))?.id ?? null);
      const id = this.deviceOf.get(hash);
      const seen = this.known.get(hash);
      if (id && seen) rows.push([id, seen]);
    }
    if (rows.length === 0) return;
    await this.sql.tx(async (run) => {
      for (const [id, seen] of rows) {
        await run(
          `INSERT INTO hq_device_seen (device_id, last_seen_at, checkpoints, app_version) VALUES (?, ?, ?, ?)
           ON CONFLICT (device_id) DO UPDATE SET last_seen_at = excluded.last_seen_at, checkpoints = excluded.checkpoints,
             app_version = COALESCE(excluded.app_version, hq_device_seen.app_version)`,
          [id, seen.at, JSON.stringify(seen.checkpoints), seen.appVersion],
        );
      }
    });
  }
}
