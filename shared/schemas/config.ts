// Small typed documents HQ publishes: stores, registers, tax rules, price books, promotions and
// policies. Joining them in one collection keeps the register at twelve collections.
import { z } from 'zod';
import { defineCollection, GLOBAL, HQ_ONLY, SERVER_ONLY_SCOPE } from './define';
import { isoTimestamp, uuid } from './fields';
import {
  CONFIG_KINDS,
  giftCardPayload,
  policyPayload,
  priceBookPayload,
  promotionPayload,
  quickKeysPayload,
  registerPayload,
  storeCreditPayload,
  storePayload,
  taxRulePayload,
} from './config-payloads';

const base = {
  id: uuid,
  /**
   * Natural key, unique per kind, so a register finds a document without scanning: store code,
   * `${storeCode}:${registerCode}`, `${jurisdiction}:${taxCategory}`, promotion code, or 'default'
   * (a policy may also be keyed by store code to override the default).
   */
  key: z.string().min(1).max(100),
  /** The store the document belongs to; absent for chain-wide documents. */
  storeId: uuid.optional(),
  active: z.boolean(),
  updatedAt: isoTimestamp,
};

export const configSchema = z.discriminatedUnion('kind', [
  z.strictObject({ ...base, kind: z.literal('store'), payload: storePayload }),
  z.strictObject({ ...base, kind: z.literal('register'), payload: registerPayload }),
  z.strictObject({ ...base, kind: z.literal('tax_rule'), payload: taxRulePayload }),
  z.strictObject({ ...base, kind: z.literal('price_book'), payload: priceBookPayload }),
  z.strictObject({ ...base, kind: z.literal('promotion'), payload: promotionPayload }),
  z.strictObject({ ...base, kind: z.literal('policy'), payload: policyPayload }),
  z.strictObject({ ...base, kind: z.literal('gift_card'), payload: giftCardPayload }),
  z.strictObject({ ...base, kind: z.literal('store_credit'), payload: storeCreditPayload }),
  z.strictObject({ ...base, kind: z.literal('quick_keys'), payload: quickKeysPayload }),
]);
export type ConfigDoc = z.output<typeof configSchema>;
export type ConfigOf<K extends ConfigDoc['kind']> = Extract<ConfigDoc, { kind: K }>;

// RxDB needs one object at the top: the kind is an enum and the payload any of the payloads.
const configStorageShape = z.strictObject({
  ...base,
  kind: z.enum(CONFIG_KINDS),
  payload: z.union([
    storePayload,
    registerPayload,
    taxRulePayload,
    priceBookPayload,
    promotionPayload,
    policyPayload,
    giftCardPayload,
    storeCreditPayload,
    quickKeysPayload,
  ]),
});

/** The lookup key of a policy document: the server finds a store's policy by it (`key` is the store code or 'default'). */
export const policyLookupKey = (key: string): string => `policy:${key}`;

export const config = defineCollection('config', {
  description:
    'Stores, registers, tax rules, price books, promotions, policies, gift card and store credit balances, quick keys. Written by HQ and the server only.',
  schema: configSchema,
  storageShape: configStorageShape,
  indexes: [['kind', 'key']],
  // 1: fields added since the first release (see define's `version`); 2: the policy's optional
  // `inventory.adjustmentApprovalOver` (stored documents stay valid: the step keeps them unchanged);
  // 3: the gift card `movedTo` and the policy's `giftCardOffline`; the step drops gift card
  // documents a register pulled before cards were kept on the server (renderer create-database.ts).
  version: 3,
  access: {
    create: HQ_ONLY,
    change: HQ_ONLY,
    delete: HQ_ONLY,
    scope: GLOBAL,
    // Gift cards stay on the server: a register looks a card up online by its number
    // (sync-server/gift-cards), so nothing it pulls names a card's token or balance. A store
    // credit ledger goes only to the registers of the customer's home store (the projection sets
    // its `storeId` from the customer; registers hold their own store's customers). Neither is
    // stored under the chain-wide scope, so a balance change moves no other register's checkpoint.
    registerPull: 'filtered',
    visibleToStore: (doc, storeId) =>
      doc.kind !== 'gift_card' && (doc.kind !== 'store_credit' || doc.storeId === undefined || doc.storeId === storeId),
    registerScopeOf: (doc) =>
      doc.kind === 'gift_card'
        ? SERVER_ONLY_SCOPE
        : doc.kind === 'store_credit'
          ? (doc.storeId ?? SERVER_ONLY_SCOPE)
          : null,
    appendOnly: false,
    conflict: 'single_writer',
    lookupKey: (doc) => (doc.kind === 'policy' ? policyLookupKey(doc.key) : null),
    note: "Stores, registers, tax rules, price books, promotions, policies; balances are server projections; gift cards are never pulled by registers; a store credit ledger only by its customer's home store.",
  },
});
