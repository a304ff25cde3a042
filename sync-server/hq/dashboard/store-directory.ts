// The chain's stores as the console needs them (code, name, time zone), read from the replicated
// config documents and followed by sequence so a new or renamed store shows up on the next read.
import type { Storage } from '../../storage/storage';

export interface StoreInfo {
  id: string;
  code: string;
  name: string;
  timezone: string;
  doc: Record<string, unknown>;
}

export class StoreDirectory {
  private readonly byId = new Map<string, StoreInfo>();
  private readonly formats = new Map<string, Intl.DateTimeFormat>();
  private seq = 0;

  constructor(private readonly storage: Storage) {}

  async refresh(): Promise<void> {
    for (;;) {
      const docs = await this.storage.pull({ collection: 'config', afterSeq: this.seq, limit: 1000, storeId: null });
      for (const doc of docs) {
        this.seq = doc.seq;
        if (doc.data.kind !== 'store') continue;
        if (doc.deleted) {
          this.byId.delete(doc.id);
          continue;
        }
        const payload = (doc.data.payload ?? {}) as Record<string, unknown>;
        this.byId.set(doc.id, {
          id: doc.id,
          code: String(payload.code ?? doc.data.key ?? ''),
          name: String(payload.name ?? ''),
          timezone: typeof payload.timezone === 'string' ? payload.timezone : 'UTC',
          doc: doc.data,
        });
      }
      if (docs.length < 1000) return;
    }
  }

  list(): StoreInfo[] {
    return [...this.byId.values()].sort((a, b) => a.code.localeCompare(b.code));
  }

  get(id: string): StoreInfo | undefined {
    return this.byId.get(id);
  }

  /** The store-local calendar day (YYYY-MM-DD) and hour of an instant; UTC for an unknown store. */
  localTime(storeId: string, iso: string): { day: string; hour: number } | null {
    const ms = Date.parse(iso);
    if (Number.isNaN(ms)) return null;
    const parts = this.format(this.byId.get(storeId)?.timezone ?? 'UTC').formatToParts(ms);
    const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
    return { day: `${get('year')}-${get('month')}-${get('day')}`, hour: Number(get('hour')) % 24 };
  }

  /** Today's date in a store's zone (UTC for the chain as a whole). */
  today(storeId: string | null, now = new Date()): string {
    return (this.localTime(storeId ?? '', now.toISOString()) ?? { day: now.toISOString().slice(0, 10) }).day;
  }

  private format(timezone: string): Intl.DateTimeFormat {
    let format = this.formats.get(timezone);
    if (!format) {
      try {
        format = new Intl.DateTimeFormat('en-CA', {
          timeZone: timezone,
          year: 'numeric',
          month: '2-digit',
          day: '2-digit',
          hour: '2-digit',
          hourCycle: 'h23',
        });
      } catch {
        format = new Intl.DateTimeFormat('en-CA', {
          timeZone: 'UTC',
          year: 'numeric',
          month: '2-digit',
          day: '2-digit',
          hour: '2-digit',
          hourCycle: 'h23',
        });
      }
      this.formats.set(timezone, format);
    }
    return format;
  }
}
