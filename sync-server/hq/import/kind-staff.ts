// Staff keyed by login code. A PIN is needed for a new person; for an existing one a PIN column
// that matches the stored hash changes nothing (so a re-run is a no-op), a different one resets it.
import { randomUUID } from 'node:crypto';
import { STAFF_ROLES } from '../../../shared/schemas/staff';
import { staffSchema } from '../../../shared/schemas/staff';
import { hashPin, verifyPin, type PinHash } from '../../../shared/staff/pin-hash';
import { weakPinReason, isPinFormat } from '../../../shared/staff/pin-rules';
import { issuesToRows, loadKeyMap } from './kind-support';
import { sameContent } from './compare';
import type { BatchWrite, ImportKind, RowError } from './types';

export function staffKind(): ImportKind {
  let idByLogin = new Map<string, string>();
  return {
    name: 'staff',
    collection: 'staff',
    required: ['login_code', 'display_name', 'role'],
    optional: ['store_codes', 'pin', 'active'],
    async prepare(ic) {
      idByLogin = await loadKeyMap(ic.ctx, 'staff', (doc) =>
        typeof doc.loginCode === 'string' ? doc.loginCode : undefined,
      );
    },
    async toDoc(r, row, ic) {
      const errors: RowError[] = [];
      const role = (r.role ?? '').trim().toLowerCase();
      if (!(STAFF_ROLES as readonly string[]).includes(role))
        errors.push({ row, column: 'role', message: `The role is one of ${STAFF_ROLES.join(', ')}.` });
      const codes = (r.store_codes ?? '')
        .split(/[;|]/)
        .map((c) => c.trim())
        .filter(Boolean);
      const allStores = codes.length === 1 && codes[0]?.toLowerCase() === 'all';
      const storeIds: string[] = [];
      if (!allStores) {
        for (const code of codes) {
          const id = ic.storeIds.get(code);
          if (id) storeIds.push(id);
          else
            errors.push({
              row,
              column: 'store_codes',
              message: `No store with code "${code}" (separate codes with ; or write all).`,
            });
        }
      }
      const loginCode = (r.login_code ?? '').trim();
      const pin = (r.pin ?? '').trim();
      const existingId = idByLogin.get(loginCode);
      if (pin && (!isPinFormat(pin) || weakPinReason(pin)))
        errors.push({ row, column: 'pin', message: weakPinReason(pin) ?? 'A PIN is 4 to 8 digits.' });
      if (!pin && !existingId)
        errors.push({ row, column: 'pin', message: 'A new staff member needs a PIN (4 to 8 digits).' });
      if (errors.length > 0) return errors;
      const doc: Record<string, unknown> = {
        id: existingId ?? randomUUID(),
        loginCode,
        displayName: (r.display_name ?? '').trim(),
        role,
        storeIds,
        allStores,
        // Checked for shape here; plan() keeps the stored hash when the PIN is unchanged.
        pin: { algorithm: 'pbkdf2-sha256', iterations: 10_000, salt: 'AA==', hash: 'AA==' },
        active: (r.active ?? '').trim().toLowerCase() !== 'no',
        updatedAt: ic.now,
      };
      const parsed = staffSchema.safeParse(doc);
      if (!parsed.success)
        return issuesToRows(parsed.error.issues, row, { loginCode: 'login_code', displayName: 'display_name' });
      idByLogin.set(loginCode, String(doc.id));
      return { row, key: loginCode, doc: { ...doc, pin: pin || null } };
    },
    async plan(rows, ic) {
      const existing = await ic.ctx.storage.getDocuments(
        'staff',
        rows.map((r) => String(r.doc.id)),
      );
      const writes: BatchWrite[] = [];
      for (const { doc, row } of rows) {
        const stored = existing.get(String(doc.id));
        const previous = stored && !stored.deleted ? stored.data : undefined;
        const pin = doc.pin as string | null;
        const previousPin = previous?.pin as PinHash | undefined;
        const keepHash = previousPin && (!pin || (await verifyPin(pin, previousPin)));
        const next = { ...doc, pin: keepHash ? previousPin : await hashPin(pin ?? '') };
        if (previous && sameContent(previous, next)) continue;
        writes.push({ collection: 'staff', next, previous, row });
      }
      return writes;
    },
  };
}
