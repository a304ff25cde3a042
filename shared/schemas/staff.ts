// Staff accounts with salted PIN hashes, replicated to registers so a clerk can sign in offline.
import { z } from 'zod';
import { defineCollection, GLOBAL, HQ_ONLY } from './define';
import { isoTimestamp, label, uuid } from './fields';

import { STAFF_ROLES } from '../staff/roles';

export { STAFF_ROLES, type StaffRole } from '../staff/roles';

const base64 = z
  .string()
  .max(200)
  .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'Must be base64.');

const pinHashSchema = z.strictObject({
  algorithm: z.literal('pbkdf2-sha256'),
  iterations: z.number().int().min(10_000).max(10_000_000),
  salt: base64,
  hash: base64,
});

export const staffSchema = z.strictObject({
  id: uuid,
  /** Short number typed (or badge scanned) before the PIN; unique chain-wide. */
  loginCode: z
    .string()
    .max(10)
    .regex(/^\d{2,10}$/, 'A login code is 2 to 10 digits.'),
  displayName: label,
  role: z.enum(STAFF_ROLES),
  /** Stores the person may work in; empty together with `allStores` false means none. */
  storeIds: z.array(uuid).max(1000),
  allStores: z.boolean(),
  pin: pinHashSchema,
  active: z.boolean(),
  updatedAt: isoTimestamp,
});
export type Staff = z.output<typeof staffSchema>;

export const staff = defineCollection('staff', {
  description: 'Staff, roles, store access and salted PIN hashes. Written by HQ only.',
  schema: staffSchema,
  indexes: ['loginCode'],
  access: {
    create: HQ_ONLY,
    change: HQ_ONLY,
    delete: HQ_ONLY,
    scope: GLOBAL,
    // A register receives only the people who may work in its store: PIN hashes of other stores never reach it.
    registerPull: 'filtered',
    visibleToStore: (doc, storeId) => doc.allStores || doc.storeIds.includes(storeId),
    appendOnly: false,
    conflict: 'single_writer',
    note: "Peppered PIN hashes replicate so sign-in works offline; a register pulls only its own store's staff.",
  },
});
