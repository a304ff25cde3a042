// The importers the console and `npm run import` offer.
import { customersKind } from './kind-customers';
import { productsKind } from './kind-products';
import { staffKind } from './kind-staff';
import { stockKind } from './kind-stock';
import type { ImportKind } from './types';

export const IMPORT_KINDS = {
  products: productsKind,
  stock: stockKind,
  customers: customersKind,
  staff: staffKind,
} as const satisfies Record<string, () => ImportKind>;
export type ImportKindName = keyof typeof IMPORT_KINDS;
