// ~3,000 demo products with valid GTIN-13 barcodes (shared/barcode), prices in the standard
// price book, and weighed produce with PLUs; then opening stock receipts in every store.
import { withCheckDigit } from '../../shared/barcode/gtin';
import type { Doc } from './demo-chain';
import { DEMO_TIME } from './demo-chain';
import type { Prng } from './prng';

const DEPARTMENTS = [
  {
    code: 'GROCERY',
    tax: 'GROCERY',
    nouns: ['Coffee', 'Pasta', 'Olive Oil', 'Rice', 'Cereal', 'Tea', 'Honey', 'Crackers', 'Beans', 'Soup'],
  },
  {
    code: 'HOUSEHOLD',
    tax: 'GENERAL',
    nouns: ['Detergent', 'Sponges', 'Paper Towels', 'Trash Bags', 'Candle', 'Light Bulb', 'Batteries', 'Cleaner'],
  },
  {
    code: 'KITCHEN',
    tax: 'GENERAL',
    nouns: ['Mug', 'Skillet', 'Knife', 'Cutting Board', 'Bowl', 'Spatula', 'Kettle', 'Glass Set'],
  },
  {
    code: 'APPAREL',
    tax: 'CLOTHING',
    nouns: ['T-Shirt', 'Socks', 'Hoodie', 'Cap', 'Scarf', 'Gloves', 'Jeans', 'Jacket'],
  },
  {
    code: 'ELECTRONICS',
    tax: 'GENERAL',
    nouns: ['Headphones', 'Charger', 'USB Cable', 'Speaker', 'Power Bank', 'Mouse', 'Keyboard', 'Webcam'],
  },
  {
    code: 'TOYS',
    tax: 'GENERAL',
    nouns: ['Puzzle', 'Board Game', 'Plush Bear', 'Building Set', 'Yo-Yo', 'Kite', 'Card Game'],
  },
  {
    code: 'HEALTH',
    tax: 'GENERAL',
    nouns: ['Toothpaste', 'Shampoo', 'Soap', 'Lotion', 'Sunscreen', 'Vitamins', 'Floss'],
  },
] as const;
const ADJECTIVES = [
  'Classic',
  'Organic',
  'Deluxe',
  'Everyday',
  'Premium',
  'Compact',
  'Family',
  'Eco',
  'Travel',
  'Bold',
  'Mini',
  'Large',
];
const BRANDS = ['Northwind', 'Acme', 'Hudson', 'Brightside', 'Cedar & Co', 'Metro', 'Lumen'];
const PRODUCE = [
  ['Bananas', '4011'],
  ['Gala Apples', '4133'],
  ['Lemons', '4053'],
  ['Red Onions', '4082'],
  ['Tomatoes', '4664'],
  ['Avocados', '4046'],
  ['Carrots', '4562'],
  ['Potatoes', '4072'],
  ['Oranges', '4012'],
  ['Limes', '4048'],
] as const;

/** GS1's example company prefix: 0614141 + a 5-digit item reference + check digit = GTIN-13. */
const COMPANY_PREFIX = '0614141';

export function demoProducts(newId: () => string, prng: Prng, priceBookId: string, count = 3000): Doc[] {
  const docs: Doc[] = [];
  for (const [name, plu] of PRODUCE) {
    docs.push(
      product(newId(), `PRODUCE-${plu}`, name, 'GROCERY', 'GROCERY', '', [], 'kg', prng.int(149, 899), priceBookId, {
        plu,
        brand: 'Farm Fresh',
      }),
    );
  }
  for (let i = docs.length; i < count; i++) {
    const department = prng.pick(DEPARTMENTS);
    const name = `${prng.pick(ADJECTIVES)} ${prng.pick(department.nouns)} ${i + 1}`;
    const gtin = withCheckDigit(`${COMPANY_PREFIX}${String(i + 1).padStart(5, '0')}`);
    const price = department.code === 'ELECTRONICS' ? prng.int(999, 14_999) : prng.int(99, 4_999);
    docs.push(
      product(
        newId(),
        `${department.code.slice(0, 3)}-${String(i + 1).padStart(5, '0')}`,
        name,
        department.code,
        department.tax,
        gtin,
        [gtin],
        'each',
        price,
        priceBookId,
        {
          brand: prng.pick(BRANDS),
          cost: Math.round(price * 0.55),
        },
      ),
    );
  }
  // The last place holds the open-price item (the generated product there is dropped, so the random
  // draws, ids and every other product stay as they were). No barcode: the clerk rings it from the
  // Favourites key or by searching "misc"; the register then asks what was sold and its price.
  const last = docs[docs.length - 1]!;
  docs[docs.length - 1] = product(
    last.id as string,
    'MISC-OPEN',
    'Misc. item (open price)',
    'HOUSEHOLD',
    'GENERAL',
    '',
    [],
    'each',
    0,
    priceBookId,
    { openPrice: { maxPrice: MISC_MAX_PRICE } },
  );
  return docs;
}

/** The most the demo's open-price item may be rung up at, per unit ($500.00). */
export const MISC_MAX_PRICE = 50_000;

function product(
  id: string,
  sku: string,
  name: string,
  department: string,
  taxCategory: string,
  primaryBarcode: string,
  barcodes: string[],
  unit: 'each' | 'kg',
  amount: number,
  priceBookId: string,
  extra: Doc,
): Doc {
  return {
    id,
    sku,
    name,
    searchName: `${name} ${sku}`.toLowerCase(),
    department,
    primaryBarcode,
    barcodes,
    taxCategory,
    unit,
    currency: 'USD',
    prices: [{ priceBookId, amount }],
    active: true,
    returnable: true,
    updatedAt: DEMO_TIME,
    ...extra,
  };
}

/** Opening stock: a receipt per product in every store (some items out of stock on purpose). */
export function demoStock(
  newId: () => string,
  prng: Prng,
  storeIds: readonly string[],
  products: readonly Doc[],
): Doc[] {
  const docs: Doc[] = [];
  for (const storeId of storeIds) {
    for (const p of products) {
      const quantity = prng.next() < 0.05 ? 0 : prng.int(1, 40);
      if (quantity === 0) continue;
      const id = newId();
      if (p.openPrice) continue; // holds no stock (the draws above keep the other products' stock as it was)
      docs.push({
        id,
        storeId,
        sku: p.sku,
        type: 'receipt',
        quantity,
        referenceType: 'receipt',
        referenceId: '',
        deviceId: 'demo-seed',
        reason: 'Opening stock',
        createdAt: DEMO_TIME,
        updatedAt: DEMO_TIME,
      });
    }
  }
  return docs;
}
