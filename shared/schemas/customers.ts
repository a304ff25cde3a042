// Customers, editable at the register (contact details, consent) and at HQ.
import { z } from 'zod';
import { defineCollection } from './define';
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

export const customers = defineCollection('customers', {
  description: 'Customers. Registers edit contact fields; the server owns the store-credit balance; server wins a conflict.',
  schema: customerSchema,
  indexes: ['searchName'],
});
