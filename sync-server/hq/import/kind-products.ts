// Products and prices, keyed by SKU: a row updates the product with that SKU (keeping prices in
// other price books) or creates one with an id derived from the SKU.
import { isValidGtin } from '../../../shared/barcode/gtin';
import { uuidv5 } from '../../../shared/ids/uuidv5';
import { productSchema } from '../../../shared/schemas/products';
import { moneyCell, flagCell, searchText } from './cells';
import { issuesToRows, loadKeyMap } from './kind-support';
import type { BatchWrite, ImportKind, PreparedRow, RowError } from './types';
import { sameContent } from './compare';

const COLUMN_OF: Record<string, string> = {
  sku: 'sku',
  name: 'name',
  prices: 'price',
  department: 'department',
  taxCategory: 'tax_category',
  primaryBarcode: 'barcode',
  barcodes: 'barcode',
  brand: 'brand',
  category: 'category',
  unit: 'unit',
  cost: 'cost',
  active: 'active',
  returnable: 'returnable',
  description: 'description',
  location: 'location',
};

export function productsKind(): ImportKind {
  let idBySku = new Map<string, string>();
  return {
    name: 'products',
    collection: 'products',
    required: ['sku', 'name', 'price', 'department', 'tax_category'],
    optional: ['barcode', 'brand', 'category', 'unit', 'cost', 'active', 'returnable', 'description', 'location'],
    async prepare(ic) {
      idBySku = await loadKeyMap(ic.ctx, 'products', (doc) => (typeof doc.sku === 'string' ? doc.sku : undefined));
    },
    async toDoc(r, row, ic) {
      const errors: RowError[] = [];
      const price = moneyCell(r.price ?? '');
      if (!price.ok) errors.push({ row, column: 'price', message: price.message });
      const cost = r.cost ? moneyCell(r.cost) : undefined;
      if (cost && !cost.ok) errors.push({ row, column: 'cost', message: cost.message });
      const active = flagCell(r.active, true);
      if (!active.ok) errors.push({ row, column: 'active', message: active.message });
      const returnable = flagCell(r.returnable, true);
      if (!returnable.ok) errors.push({ row, column: 'returnable', message: returnable.message });
      const barcode = (r.barcode ?? '').trim();
      if (/^\d+$/.test(barcode) && [8, 12, 13, 14].includes(barcode.length) && !isValidGtin(barcode)) {
        errors.push({
          row,
          column: 'barcode',
          message: `${barcode} has a wrong check digit: copy the barcode again from the label.`,
        });
      }
      if (errors.length > 0) return errors;
      const sku = (r.sku ?? '').trim();
      const name = (r.name ?? '').trim();
      const doc: Record<string, unknown> = {
        id: idBySku.get(sku) ?? uuidv5(`product:${sku}`),
        sku,
        name,
        searchName: searchText(name, r.brand?.trim(), sku),
        department: (r.department ?? '').trim(),
        primaryBarcode: barcode,
        barcodes: barcode ? [barcode] : [],
        taxCategory: (r.tax_category ?? '').trim(),
        unit: (r.unit ?? '').trim() || 'each',
        currency: ic.defaults.currency,
        prices: [{ priceBookId: ic.defaults.priceBookId, amount: price.ok ? price.value : 0 }],
        active: active.ok && active.value,
        returnable: returnable.ok && returnable.value,
        updatedAt: ic.now,
      };
      if (r.brand?.trim()) doc.brand = r.brand.trim();
      if (r.category?.trim()) doc.category = r.category.trim();
      if (r.description?.trim()) doc.description = r.description.trim();
      if (r.location?.trim()) doc.location = r.location.trim().toUpperCase();
      if (cost?.ok) doc.cost = cost.value;
      const parsed = productSchema.safeParse(doc);
      if (!parsed.success) return issuesToRows(parsed.error.issues, row, COLUMN_OF);
      idBySku.set(sku, String(doc.id));
      return { row, key: sku, doc };
    },
    async plan(rows, ic) {
      const existing = await ic.ctx.storage.getDocuments(
        'products',
        rows.map((r) => String(r.doc.id)),
      );
      const writes: BatchWrite[] = [];
      for (const { doc, row } of rows) {
        const stored = existing.get(String(doc.id));
        const previous = stored && !stored.deleted ? stored.data : undefined;
        let next = doc;
        if (previous) {
          // Prices in other price books stay; this file speaks for the default book only.
          const others = (previous.prices as { priceBookId: string }[]).filter(
            (p) => p.priceBookId !== ic.defaults.priceBookId,
          );
          next = { ...doc, prices: [...(doc.prices as unknown[]), ...others] };
          for (const keep of ['plu', 'minimumAge', 'imageUrl'] as const)
            if (previous[keep] !== undefined) next[keep] = previous[keep];
          if (sameContent(previous, next)) continue;
        }
        writes.push({ collection: 'products', next, previous, row });
      }
      return writes;
    },
  };
}

export type { PreparedRow };
