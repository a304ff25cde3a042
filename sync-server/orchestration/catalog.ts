// What intake and routing read about the chain: products by SKU, stores by id and code, tax
// rules. Kept in memory and brought up to date before each use by pulling only what changed
// since the last sequence number seen (one indexed query per collection when nothing did).
import type { ConfigOf } from '../../shared/schemas/config';
import type { Product } from '../../shared/schemas/products';
import type { Storage } from '../storage/storage';

const PAGE = 1000;

export type StoreConfig = ConfigOf<'store'>;

export class Catalog {
  private readonly products = new Map<string, Product>();
  private readonly productIdBySku = new Map<string, string>();
  private readonly configs = new Map<string, Record<string, unknown>>();
  private readonly seen = new Map<string, number>();
  private refreshing: Promise<void> | undefined;

  constructor(private readonly storage: Storage) {}

  /** Pulls what changed since last time; concurrent callers share one refresh. */
  async refresh(): Promise<void> {
    if (!this.refreshing) {
      this.refreshing = this.pullAll().finally(() => {
        this.refreshing = undefined;
      });
    }
    await this.refreshing;
  }

  private async pullAll(): Promise<void> {
    for (const collection of ['products', 'config'] as const) {
      for (;;) {
        const afterSeq = this.seen.get(collection) ?? 0;
        const docs = await this.storage.pull({ collection, afterSeq, limit: PAGE, storeId: null });
        for (const doc of docs) {
          if (collection === 'products')
            this.putProduct(doc.id, doc.deleted ? undefined : (doc.data as unknown as Product));
          else if (doc.deleted) this.configs.delete(doc.id);
          else this.configs.set(doc.id, doc.data);
          this.seen.set(collection, doc.seq);
        }
        if (docs.length < PAGE) break;
      }
    }
  }

  private putProduct(id: string, product: Product | undefined): void {
    const before = this.products.get(id);
    if (before && this.productIdBySku.get(before.sku) === id) this.productIdBySku.delete(before.sku);
    if (!product) {
      this.products.delete(id);
      return;
    }
    this.products.set(id, product);
    this.productIdBySku.set(product.sku, id);
  }

  productBySku(sku: string): Product | undefined {
    const id = this.productIdBySku.get(sku);
    const product = id ? this.products.get(id) : undefined;
    return product?.active ? product : undefined;
  }

  stores(): StoreConfig[] {
    return this.ofKind('store').filter((s) => s.active);
  }

  storeById(id: string): StoreConfig | undefined {
    return this.stores().find((s) => s.id === id);
  }

  storeByCode(code: string): StoreConfig | undefined {
    const wanted = code.trim().toUpperCase();
    return this.stores().find((s) => s.payload.code.toUpperCase() === wanted);
  }

  taxRules(): ConfigOf<'tax_rule'>[] {
    return this.ofKind('tax_rule');
  }

  private ofKind<K extends 'store' | 'tax_rule'>(kind: K): ConfigOf<K>[] {
    const out: ConfigOf<K>[] = [];
    for (const doc of this.configs.values()) if (doc.kind === kind) out.push(doc as unknown as ConfigOf<K>);
    return out.sort((a, b) => ((a as { id: string }).id < (b as { id: string }).id ? -1 : 1));
  }
}
