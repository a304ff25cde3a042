// Customers, editable at the register (contact details, consent) and at HQ.
import { z } from 'zod';
import { SyncErrorCode } from '../protocol/errors';
import { defineCollection, GLOBAL, HQ_AND_REGISTERS, HQ_ONLY } from './define';
import { currency, freeText, isoTimestamp, label, minorAmount, postalAddress, uuid } from './fields';

export const customerSchema = z.strictObject({
  id: uuid,
  displayName: label,
  firstName: z.string().max(100).optional(),
  lastName: z.string().max(100).optional(),
  /** Lower-cased "name email phone-digits" for the register's prefix search. */
  searchName: z.string().max(300),
  email: z.email().max(200).optional(),
  phone: z.string().max(40).optional(),
  address: postalAddress.optional(),
  taxExempt: z.boolean(),
  /** Exemption certificate number, kept so an exempt sale can be audited. */
  taxExemptId: z.string().max(64).optional(),
  /**
   * Store credit in minor units of `currency`. Only the server writes it (a projection of the
   * credit issued by returns and spent by payments), so two registers never race on a counter.
   */
  storeCreditBalance: minorAmount,
  currency,
  notes: freeText(2000).optional(),
  marketingConsent: z.strictObject({ email: z.boolean(), sms: z.boolean(), updatedAt: isoTimestamp }),
  homeStoreId: uuid.optional(),
  createdAt: isoTimestamp,
  updatedAt: isoTimestamp,
});
export type Customer = z.output<typeof customerSchema>;

/** What a register may change on a customer: contact details and consent, never balances or tax exemption. */
const CUSTOMER_CONTACT_FIELDS = [
  'displayName',
  'firstName',
  'lastName',
  'searchName',
  'email',
  'phone',
  'address',
  'notes',
  'marketingConsent',
  'homeStoreId',
] as const;

export const customers = defineCollection('customers', {
  description:
    'Customers. Registers edit contact fields; the server owns the store-credit balance; server wins a conflict.',
  schema: customerSchema,
  indexes: ['searchName'],
  access: {
    create: HQ_AND_REGISTERS,
    change: HQ_AND_REGISTERS,
    delete: HQ_ONLY,
    scope: GLOBAL,
    // A register holds its own store's customers; others are found by the online search
    // (GET /api/customers/search) and cached when attached to a sale.
    registerPull: 'filtered',
    visibleToStore: (doc, storeId) => doc.homeStoreId === storeId,
    appendOnly: false,
    conflict: 'server_wins_visible',
    registerWritableFields: CUSTOMER_CONTACT_FIELDS,
    registerCreate: (doc) => {
      if (doc.storeCreditBalance !== 0)
        return {
          field: 'storeCreditBalance',
          message: 'Store credit is issued by head office from returns; a new customer starts at 0.',
          code: SyncErrorCode.CHANGE_FORBIDDEN,
        };
      if (doc.taxExempt || doc.taxExemptId !== undefined)
        return {
          field: 'taxExempt',
          message: 'Only head office marks a customer tax exempt (it checks the certificate).',
          code: SyncErrorCode.CHANGE_FORBIDDEN,
        };
      return null;
    },
    note: 'Registers create and edit contact fields only; the server owns store credit and tax exemption.',
  },
});
