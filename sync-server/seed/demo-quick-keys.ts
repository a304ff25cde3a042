// The demo's quick keys (config kind quick_keys): a chain-wide default and one for S001, so the
// register's product grid has Favourites (ending with the open-price item), Produce (weighed, by
// PLU) and department tabs.
import { DEMO_TIME, type Doc } from './demo-chain';

function firstOf(products: readonly Doc[], department: string, count: number): string[] {
  return products
    .filter((p) => p.department === department && p.unit === 'each')
    .slice(0, count)
    .map((p) => p.id as string);
}

export function demoQuickKeys(
  newId: () => string,
  storeIds: readonly string[],
  storeCodes: readonly string[],
  products: readonly Doc[],
): Doc[] {
  const produce = products.filter((p) => p.unit === 'kg').map((p) => p.id as string);
  // The open-price item ("Misc. item"): the clerk types what was sold and its price.
  const openPrice = products.filter((p) => p.openPrice).map((p) => p.id as string);
  const base = { kind: 'quick_keys', active: true, updatedAt: DEMO_TIME };
  const categories = [
    { name: 'Produce', productIds: produce, color: '#2e7d32' },
    { name: 'Grocery', department: 'GROCERY', color: '#8d6e63' },
    { name: 'Kitchen', department: 'KITCHEN', color: '#1565c0' },
    { name: 'Electronics', department: 'ELECTRONICS', color: '#6a1b9a' },
  ];
  return [
    {
      id: newId(),
      key: 'default',
      ...base,
      payload: {
        favourites: [
          ...produce.slice(0, 4),
          ...firstOf(products, 'GROCERY', 4),
          ...firstOf(products, 'KITCHEN', 4),
          ...openPrice,
        ],
        categories,
      },
    },
    {
      id: newId(),
      key: storeCodes[0]!,
      storeId: storeIds[0]!,
      ...base,
      payload: {
        favourites: [
          ...produce.slice(0, 6),
          ...firstOf(products, 'GROCERY', 6),
          ...firstOf(products, 'KITCHEN', 6),
          ...firstOf(products, 'ELECTRONICS', 6),
          ...openPrice,
        ],
        categories: [...categories, { name: 'Toys', department: 'TOYS', color: '#ef6c00' }],
      },
    },
  ];
}
