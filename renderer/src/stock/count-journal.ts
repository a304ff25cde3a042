// The count in progress, kept in localStorage so a restart or a crash loses no scan. A count can
// run to 10,000+ lines, so scans are stored in chunks of CHUNK: a scan rewrites only the last chunk
// (rewriting one growing array would serialise the whole count on every scan — quadratic), and the
// snapshot is written once at the start, apart from the small meta record each scan updates
// (with the snapshot inside meta, 10,000 scans took 115 s in the benchmark).
import type { CountScan, CountScope, CountSnapshot } from '../../../shared/inventory/counts';

const PREFIX = 'pos.count.';
const CHUNK = 500;

export interface CountMeta extends CountHeader {
  /** What the store held when the count started. */
  snapshot: CountSnapshot;
}

interface CountHeader {
  id: string;
  storeId: string;
  scope: CountScope;
  startedAt: string;
  startedBy: string;
  /** Local write time (RxDB `_meta.lwt`) up to which movements are in the snapshot. */
  snapshotLwt: number;
  /** The round being counted and, from round 2 on, the SKUs to count again. */
  round: number;
  recount: string[];
  /** Scans recorded, across chunks. */
  scanCount: number;
}

export class CountJournal {
  private chunks: CountScan[][] = [];
  private meta: CountMeta | undefined;

  constructor(private readonly storage: Storage) {
    const raw = this.read<CountHeader>('meta');
    const snapshot = this.read<CountSnapshot>('snapshot');
    if (!raw || !snapshot) return;
    this.meta = { ...raw, snapshot };
    for (let i = 0; i * CHUNK < raw.scanCount; i++) this.chunks.push(this.read<CountScan[]>(`scans.${i}`) ?? []);
  }

  current(): CountMeta | undefined {
    return this.meta;
  }

  scans(): CountScan[] {
    return this.chunks.flat();
  }

  start(meta: Omit<CountMeta, 'round' | 'recount' | 'scanCount'>): CountMeta {
    this.clear();
    this.meta = { ...meta, round: 1, recount: [], scanCount: 0 };
    this.write('snapshot', meta.snapshot);
    this.writeMeta();
    return this.meta;
  }

  add(scan: Omit<CountScan, 'round'>): CountScan {
    const meta = this.require();
    const full: CountScan = { ...scan, round: meta.round };
    const index = Math.floor(meta.scanCount / CHUNK);
    const chunk = this.chunks[index] ?? [];
    chunk.push(full);
    this.chunks[index] = chunk;
    this.write(`scans.${index}`, chunk);
    meta.scanCount += 1;
    this.writeMeta();
    return full;
  }

  /** Starts the next round for the SKUs to count again (their earlier scans stop counting). */
  recount(skus: string[]): CountMeta {
    const meta = this.require();
    meta.round += 1;
    meta.recount = [...skus];
    this.writeMeta();
    return meta;
  }

  clear(): void {
    const keys: string[] = [];
    for (let i = 0; i < this.storage.length; i++) {
      const key = this.storage.key(i);
      if (key?.startsWith(PREFIX)) keys.push(key);
    }
    for (const key of keys) this.storage.removeItem(key);
    this.meta = undefined;
    this.chunks = [];
  }

  private require(): CountMeta {
    if (!this.meta) throw new Error('No count is in progress.');
    return this.meta;
  }

  private writeMeta(): void {
    if (!this.meta) return;
    const { snapshot: _snapshot, ...header } = this.meta;
    this.write('meta', header);
  }

  private read<T>(key: string): T | undefined {
    const raw = this.storage.getItem(PREFIX + key);
    if (!raw) return undefined;
    try {
      return JSON.parse(raw) as T;
    } catch {
      return undefined;
    }
  }

  private write(key: string, value: unknown): void {
    this.storage.setItem(PREFIX + key, JSON.stringify(value));
  }
}
