// Customers at the register: prefix search over the indexed searchName (name, email, phone
// digits, written by the server), and creating a customer locally (replicates to HQ).
import { DomainError } from '../../../shared/errors';
import type { Customer } from '../../../shared/schemas';
import type { CustomerView, NewCustomer } from '../model/backend';
import { uuidv7 as newId } from '../../../shared/ids';
import { searchKey } from './catalog';
import type { Db } from './types';

export const CustomerError = { NAME_REQUIRED: 'CUSTOMER_NAME_REQUIRED', BAD_EMAIL: 'CUSTOMER_BAD_EMAIL' } as const;

const view = (c: Customer): CustomerView => ({
  id: c.id,
  name: c.displayName,
  email: c.email,
  phone: c.phone,
  storeCreditBalance: c.storeCreditBalance,
});

export async function searchCustomers(db: Db, text: string, limit: number): Promise<CustomerView[]> {
  const raw = text.trim();
  const digits = raw.replace(/\D/g, '');
  const key = /^[\d\s()+-]+$/.test(raw) && digits.length >= 3 ? digits : searchKey(raw);
  if (key.length < 2) return [];
  const prefix = await db.customers
    .find({ selector: { searchName: { $gte: key, $lt: `${key}\uffff` } }, limit })
    .exec();
  const found = prefix.map((d) => view(d.toJSON() as Customer));
  if (found.length >= limit) return found;
  // Email or phone in the middle of searchName: a bounded regex scan as a fallback.
  const escaped = key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const inner = await db.customers.find({ selector: { searchName: { $regex: escaped } }, limit }).exec();
  const seen = new Set(found.map((c) => c.id));
  return [...found, ...inner.map((d) => view(d.toJSON() as Customer)).filter((c) => !seen.has(c.id))].slice(0, limit);
}

export async function createCustomer(
  db: Db,
  input: NewCustomer,
  currency: string,
  storeId: string,
): Promise<CustomerView> {
  const name = input.name.trim();
  if (!name) throw new DomainError(CustomerError.NAME_REQUIRED, 'Enter the customer’s name.');
  if (input.email && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(input.email))
    throw new DomainError(
      CustomerError.BAD_EMAIL,
      'That email address does not look right. Check it, or leave it empty.',
    );
  const now = new Date().toISOString();
  const customer: Customer = {
    id: newId(),
    displayName: name,
    searchName: [searchKey(name), input.email?.toLowerCase(), input.phone?.replace(/\D/g, '')]
      .filter(Boolean)
      .join(' ')
      .slice(0, 300),
    ...(input.email ? { email: input.email } : {}),
    ...(input.phone ? { phone: input.phone } : {}),
    taxExempt: false,
    storeCreditBalance: 0,
    currency: currency as Customer['currency'],
    marketingConsent: { email: false, sms: false, updatedAt: now },
    homeStoreId: storeId,
    createdAt: now,
    updatedAt: now,
  };
  await db.customers.insert(customer);
  return view(customer);
}
