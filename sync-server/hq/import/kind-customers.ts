// Customers keyed by the external id of the system they come from: the document id is derived
// from it (UUIDv5), so the same row always lands on the same customer. Store credit stays the
// server's: an import never touches a balance.
import { uuidv5 } from '../../../shared/ids/uuidv5';
import { customerSchema } from '../../../shared/schemas/customers';
import { flagCell, searchText } from './cells';
import { issuesToRows } from './kind-support';
import { sameContent } from './compare';
import type { BatchWrite, ImportKind, RowError } from './types';

const COLUMN_OF: Record<string, string> = {
  displayName: 'display_name',
  firstName: 'first_name',
  lastName: 'last_name',
  email: 'email',
  phone: 'phone',
  notes: 'notes',
  homeStoreId: 'home_store',
};

export function customersKind(): ImportKind {
  return {
    name: 'customers',
    collection: 'customers',
    required: ['external_id'],
    optional: [
      'first_name',
      'last_name',
      'display_name',
      'email',
      'phone',
      'home_store',
      'marketing_email',
      'marketing_sms',
      'notes',
    ],
    async prepare() {},
    async toDoc(r, row, ic) {
      const errors: RowError[] = [];
      const externalId = (r.external_id ?? '').trim();
      if (!externalId || externalId.length > 100)
        errors.push({
          row,
          column: 'external_id',
          message: "Give the customer's id in the old system (1 to 100 characters).",
        });
      const mEmail = flagCell(r.marketing_email, false);
      if (!mEmail.ok) errors.push({ row, column: 'marketing_email', message: mEmail.message });
      const mSms = flagCell(r.marketing_sms, false);
      if (!mSms.ok) errors.push({ row, column: 'marketing_sms', message: mSms.message });
      const home = (r.home_store ?? '').trim();
      const homeStoreId = home ? ic.storeIds.get(home) : undefined;
      if (home && !homeStoreId) errors.push({ row, column: 'home_store', message: `No store with code "${home}".` });
      if (errors.length > 0) return errors;
      const first = (r.first_name ?? '').trim();
      const last = (r.last_name ?? '').trim();
      const email = (r.email ?? '').trim().toLowerCase();
      const phone = (r.phone ?? '').trim();
      const doc: Record<string, unknown> = {
        id: uuidv5(`customer:${externalId}`),
        displayName: (r.display_name ?? '').trim() || `${first} ${last}`.trim() || email,
        searchName: searchText(first, last, email, phone.replace(/\D/g, '')),
        taxExempt: false,
        storeCreditBalance: 0,
        currency: ic.defaults.currency,
        marketingConsent: { email: mEmail.ok && mEmail.value, sms: mSms.ok && mSms.value, updatedAt: ic.now },
        createdAt: ic.now,
        updatedAt: ic.now,
      };
      if (first) doc.firstName = first;
      if (last) doc.lastName = last;
      if (email) doc.email = email;
      if (phone) doc.phone = phone;
      if (homeStoreId) doc.homeStoreId = homeStoreId;
      if (r.notes?.trim()) doc.notes = r.notes.trim();
      const parsed = customerSchema.safeParse(doc);
      if (!parsed.success) return issuesToRows(parsed.error.issues, row, COLUMN_OF);
      return { row, key: externalId, doc };
    },
    async plan(rows, ic) {
      const existing = await ic.ctx.storage.getDocuments(
        'customers',
        rows.map((r) => String(r.doc.id)),
      );
      const writes: BatchWrite[] = [];
      for (const { doc, row } of rows) {
        const stored = existing.get(String(doc.id));
        const previous = stored && !stored.deleted ? stored.data : undefined;
        let next = doc;
        if (previous) {
          const consent = previous.marketingConsent as { email: boolean; sms: boolean } | undefined;
          const sameConsent =
            consent &&
            consent.email === (doc.marketingConsent as { email: boolean }).email &&
            consent.sms === (doc.marketingConsent as { sms: boolean }).sms;
          next = {
            ...doc,
            storeCreditBalance: previous.storeCreditBalance,
            taxExempt: previous.taxExempt,
            createdAt: previous.createdAt,
            marketingConsent: sameConsent ? previous.marketingConsent : doc.marketingConsent,
          };
          for (const keep of ['taxExemptId', 'address'] as const)
            if (previous[keep] !== undefined) next[keep] = previous[keep];
          if (sameContent(previous, next)) continue;
        }
        writes.push({ collection: 'customers', next, previous, row });
      }
      return writes;
    },
  };
}
