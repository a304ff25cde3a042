// The demo chain's stores, registers, price book, tax rules, policy, staff and customers.
// Every value is fixed or drawn from the seeded PRNG; documented demo PINs are in docs/SYNC-API.md.
import { hashPin } from '../../shared/staff/pin-hash';
import { assertPinLengthForRole } from '../../shared/staff/pin-rules';
import type { Prng } from './prng';

export const DEMO_TIME = '2026-01-05T08:00:00.000Z';
const DEMO_JURISDICTION = 'US-NY-NYC';

export const DEMO_STORES = [
  {
    code: 'S001',
    name: 'Midtown',
    line1: '350 5th Ave',
    city: 'New York',
    postalCode: '10118',
    lat: 40.7484,
    lng: -73.9857,
  },
  {
    code: 'S002',
    name: 'SoHo',
    line1: '575 Broadway',
    city: 'New York',
    postalCode: '10012',
    lat: 40.7247,
    lng: -73.9981,
  },
  {
    code: 'S003',
    name: 'Williamsburg',
    line1: '200 Bedford Ave',
    city: 'Brooklyn',
    postalCode: '11249',
    lat: 40.7171,
    lng: -73.9577,
  },
  {
    code: 'S004',
    name: 'Astoria',
    line1: '31-01 Steinway St',
    city: 'Queens',
    postalCode: '11103',
    lat: 40.7614,
    lng: -73.9177,
  },
  {
    code: 'S005',
    name: 'Upper West Side',
    line1: '2289 Broadway',
    city: 'New York',
    postalCode: '10024',
    lat: 40.7851,
    lng: -73.9772,
  },
] as const;

/** Demo staff: login code, PIN, role. Change them before real use. */
export const DEMO_STAFF = [
  { loginCode: '1001', pin: '1111', displayName: 'Casey Clerk', role: 'clerk' },
  { loginCode: '5001', pin: '5555', displayName: 'Sam Supervisor', role: 'supervisor' },
  { loginCode: '9001', pin: '918273', displayName: 'Morgan Manager', role: 'manager' },
  { loginCode: '9901', pin: '246802', displayName: 'Alex Admin', role: 'admin' },
] as const;

export const TAX_RATES = [
  // NYC: state 4 %, city 4.5 %, MCTD 0.375 % = 8.875 %.
  {
    taxCategory: 'GENERAL',
    components: [
      ['New York State', 40_000],
      ['New York City', 45_000],
      ['MCTD', 3_750],
    ],
  },
  // Most food for home consumption is exempt.
  { taxCategory: 'GROCERY', components: [['Exempt food', 0]] },
  // Clothing under the threshold: city and MCTD only (simplified).
  {
    taxCategory: 'CLOTHING',
    components: [
      ['New York City', 45_000],
      ['MCTD', 3_750],
    ],
  },
] as const;

export type Doc = Record<string, unknown>;

export interface ChainIds {
  priceBookId: string;
  storeIds: string[];
}

export function chainConfig(newId: () => string): { docs: Doc[]; ids: ChainIds } {
  const priceBookId = newId();
  const base = { active: true, updatedAt: DEMO_TIME };
  const docs: Doc[] = [
    {
      id: priceBookId,
      key: 'standard-usd',
      kind: 'price_book',
      ...base,
      payload: { name: 'Standard USD', currency: 'USD' },
    },
  ];
  const storeIds: string[] = [];
  for (const store of DEMO_STORES) {
    const storeId = newId();
    storeIds.push(storeId);
    docs.push({
      id: storeId,
      key: store.code,
      kind: 'store',
      ...base,
      payload: {
        code: store.code,
        name: `Demo ${store.name}`,
        address: { line1: store.line1, city: store.city, region: 'NY', postalCode: store.postalCode, country: 'US' },
        location: { lat: store.lat, lng: store.lng },
        timezone: 'America/New_York',
        currency: 'USD',
        taxJurisdiction: DEMO_JURISDICTION,
        priceBookId,
        capacityPerDay: 40,
        pickupEnabled: true,
        shipFromStore: store.code !== 'S005',
        openingHours: [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({
          weekday,
          opens: weekday === 0 ? '10:00' : '08:00',
          closes: weekday === 0 ? '18:00' : '21:00',
        })),
      },
    });
    for (const register of ['R01', 'R02']) {
      docs.push({
        id: newId(),
        key: `${store.code}:${register}`,
        kind: 'register',
        storeId,
        ...base,
        payload: { storeId, code: register, name: `${store.name} register ${register.slice(1)}` },
      });
    }
  }
  for (const rate of TAX_RATES) {
    docs.push({
      id: newId(),
      key: `${DEMO_JURISDICTION}:${rate.taxCategory}`,
      kind: 'tax_rule',
      ...base,
      payload: {
        jurisdiction: DEMO_JURISDICTION,
        taxCategory: rate.taxCategory,
        components: rate.components.map(([name, ratePpm]) => ({ name, ratePpm })),
        mode: 'exclusive',
        rounding: 'line',
      },
    });
  }
  docs.push({
    id: newId(),
    key: 'default',
    kind: 'policy',
    ...base,
    payload: {
      currency: 'USD',
      returns: {
        windowDays: 30,
        receiptlessCap: 5_000,
        receiptlessNeedsApproval: true,
        cashRefundApprovalOver: 10_000,
      },
      approvals: {
        discountPpmOver: 200_000,
        discountAmountOver: 2_000,
        priceOverride: true,
        voidSale: true,
        paidOutOver: 5_000,
      },
      offlineCard: { enabled: true, perTransactionCap: 15_000, perRegisterCap: 100_000, expiryHours: 72 },
      pinLockout: { maxFailures: 5, windowSeconds: 300, lockSeconds: 300 },
    },
  });
  return { docs, ids: { priceBookId, storeIds } };
}

export async function demoStaff(newId: () => string, prng: Prng): Promise<Doc[]> {
  const docs: Doc[] = [];
  for (const member of DEMO_STAFF) {
    assertPinLengthForRole(member.pin, member.role);
    const salt = new Uint8Array(16);
    prng.fill(salt);
    docs.push({
      id: newId(),
      loginCode: member.loginCode,
      displayName: member.displayName,
      role: member.role,
      storeIds: [],
      allStores: true,
      pin: await hashPin(member.pin, { salt }),
      active: true,
      updatedAt: DEMO_TIME,
    });
  }
  return docs;
}

const FIRST = [
  'Ava',
  'Ben',
  'Chloe',
  'Diego',
  'Emma',
  'Farah',
  'Gus',
  'Hana',
  'Ivan',
  'Jade',
  'Kofi',
  'Lena',
  'Mateo',
  'Nia',
  'Omar',
  'Priya',
  'Quinn',
  'Rosa',
  'Sven',
  'Tara',
];
const LAST = [
  'Adams',
  'Brooks',
  'Chen',
  'Diaz',
  'Evans',
  'Fischer',
  'Garcia',
  'Haddad',
  'Ito',
  'Jones',
  'Kim',
  'Lopez',
  'Murphy',
  'Novak',
  'Okafor',
  'Patel',
];

export function demoCustomers(newId: () => string, prng: Prng, storeIds: readonly string[], count = 200): Doc[] {
  return Array.from({ length: count }, (_, i) => {
    const firstName = prng.pick(FIRST);
    const lastName = prng.pick(LAST);
    const email = `${firstName}.${lastName}.${i + 1}@example.com`.toLowerCase();
    const phone = `+1212555${String(1000 + i).padStart(4, '0')}`;
    return {
      id: newId(),
      displayName: `${firstName} ${lastName}`,
      firstName,
      lastName,
      searchName: `${firstName} ${lastName} ${email} ${phone.replace(/\D/g, '')}`.toLowerCase(),
      email,
      phone,
      taxExempt: false,
      storeCreditBalance: i % 25 === 0 ? 1_500 : 0,
      currency: 'USD',
      marketingConsent: { email: prng.next() < 0.4, sms: prng.next() < 0.2, updatedAt: DEMO_TIME },
      homeStoreId: prng.pick(storeIds),
      createdAt: DEMO_TIME,
      updatedAt: DEMO_TIME,
    };
  });
}
