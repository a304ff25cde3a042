// Helpers shared by the sync stress tests: enrollment against any running server (in-process or
// child process), full pulls as HQ, real RxDB registers on Dexie + fake-indexeddb, and the
// ledger check (every level equals the sum of its movements).
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { createPosDatabase, posStorage, type PosDatabase } from '../../renderer/src/local-data/create-database';
import { startSync, type SyncController } from '../../renderer/src/sync/start-sync';
import type { FetchLike } from '../../renderer/src/sync/sync-http';
import type { BackoffLimits } from '../../renderer/src/sync/backoff';
import type { CollectionName } from '../../shared/schemas/collections';
import { Api } from '../integration/server-harness';

export interface ServerRef {
  url: string;
  hqToken: string;
}

export interface Device {
  deviceId: string;
  credential: string;
  storeId: string;
}

export async function enroll(server: ServerRef, storeCode: string, name = 'Register'): Promise<Device> {
  const hq = new Api(server.url, server.hqToken);
  const code = await hq.post<{ code: string }>('/api/hq/enrollment-codes', { storeId: storeCode });
  if (code.status !== 201) throw new Error(`enrollment code: ${code.status} ${JSON.stringify(code.body)}`);
  const enrolled = await new Api(server.url, undefined).post<Device>('/api/enroll', { code: code.body.code, name });
  if (enrolled.status !== 201) throw new Error(`enroll: ${enrolled.status} ${JSON.stringify(enrolled.body)}`);
  return enrolled.body;
}

interface PullBody {
  documents: Record<string, unknown>[];
  checkpoint: { seq: number };
}

/** Every document of a collection the credential may read, following checkpoints. */
export async function pullAll(url: string, token: string, collection: string): Promise<Record<string, unknown>[]> {
  const api = new Api(url, token);
  const docs: Record<string, unknown>[] = [];
  let seq = 0;
  for (;;) {
    const page = await api.get<PullBody>(`/sync/${collection}/pull?seq=${seq}&limit=1000`);
    if (page.status !== 200) throw new Error(`pull ${collection}: ${page.status} ${JSON.stringify(page.body)}`);
    docs.push(...page.body.documents);
    if (page.body.documents.length < 1000) return docs;
    seq = page.body.checkpoint.seq;
  }
}

/** HQ push that must succeed with no conflict and no refusal. */
export async function hqPush(server: ServerRef, collection: string, docs: Record<string, unknown>[]): Promise<void> {
  const api = new Api(server.url, server.hqToken);
  for (let i = 0; i < docs.length; i += 1000) {
    const rows = docs.slice(i, i + 1000).map((doc) => ({ newDocumentState: { ...doc, _deleted: false } }));
    const answer = await api.post<{ conflicts: unknown[]; rejected: unknown[] }>(`/sync/${collection}/push`, rows);
    if (answer.status !== 200 || answer.body.conflicts.length || answer.body.rejected.length) {
      throw new Error(`HQ push ${collection}: ${answer.status} ${JSON.stringify(answer.body).slice(0, 500)}`);
    }
  }
}

export interface TestRegister {
  db: PosDatabase;
  sync: SyncController | undefined;
  device: Device;
  startSync(fetchImpl?: FetchLike): SyncController;
  close(): Promise<void>;
}

let registerCounter = 0;

/** A real register replica (RxDB + Dexie on its own fake IndexedDB); sync starts when asked. */
export async function openRegister(
  server: ServerRef,
  device: Device,
  only: readonly CollectionName[],
  batch = { push: 200, pull: 500 },
  backoff?: BackoffLimits,
): Promise<TestRegister> {
  const db = await createPosDatabase({
    name: `sv-reg-${process.pid}-${++registerCounter}`,
    storage: posStorage({ indexedDB: new IDBFactory(), IDBKeyRange }),
    only,
  });
  const register: TestRegister = {
    db,
    sync: undefined,
    device,
    startSync(fetchImpl) {
      register.sync = startSync({
        db,
        serverUrl: server.url,
        credential: device.credential,
        fetch: fetchImpl,
        pushBatchSize: batch.push,
        pullBatchSize: batch.pull,
        backoff,
      });
      return register.sync;
    },
    async close() {
      await register.sync?.stop();
      await db.remove();
    },
  };
  return register;
}

export async function eventually(
  check: () => Promise<boolean> | boolean,
  what: string,
  timeoutMs = 30_000,
  everyMs = 50,
): Promise<void> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
  throw new Error(`Timed out after ${timeoutMs} ms waiting for: ${what}`);
}

export interface LedgerReport {
  /** Levels whose onHand differs from the sum of their movements (must be empty). */
  unbalanced: { id: string; onHand: unknown; movements: number }[];
  /** (store, sku) pairs with movements but no level (must be empty). */
  missingLevels: string[];
  onHandByLevel: Map<string, number>;
}

/** Recomputes every level from the stored movements (sale, receipt, … all land in onHand here). */
export function checkLedger(movements: Record<string, unknown>[], levels: Record<string, unknown>[]): LedgerReport {
  const sums = new Map<string, number>();
  for (const m of movements) {
    const key = `${String(m.storeId)}:${String(m.sku)}`;
    sums.set(key, (sums.get(key) ?? 0) + Number(m.quantity));
  }
  const byId = new Map(levels.map((level) => [String(level.id), level]));
  const unbalanced: LedgerReport['unbalanced'] = [];
  for (const [id, level] of byId) {
    if (Number(level.onHand) !== (sums.get(id) ?? 0))
      unbalanced.push({ id, onHand: level.onHand, movements: sums.get(id) ?? 0 });
  }
  const missingLevels = [...sums.keys()].filter((key) => !byId.has(key));
  return {
    unbalanced,
    missingLevels,
    onHandByLevel: new Map([...byId].map(([id, level]) => [id, Number(level.onHand)])),
  };
}

/** The latest server sequence, read from /metrics (works while the server runs in another process). */
/** The server's latest seq, read from /metrics (which needs the HQ token). */
export async function latestSeq(server: ServerRef): Promise<number> {
  const text = await (
    await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${server.hqToken}` } })
  ).text();
  const match = /^pos_sync_latest_seq (\d+)/m.exec(text);
  return match ? Number(match[1]) : 0;
}
