// The register's next return number (shared/returns formatReturnNumber), allocated offline like
// order numbers in sales.ts: a counter in localStorage, raised once per session above any return
// this register wrote to its database (and again whenever the counter is missing), so clearing
// local storage never reuses a number.
import { formatReturnNumber, nextReturnSequence } from '../../../shared/returns';
import type { Return } from '../../../shared/schemas';
import type { Db } from './types';

const SEQUENCE_KEY = 'pos.return-sequence';
const checked = new WeakMap<Db, Set<string>>();

export async function allocateReturnNumber(
  db: Db,
  storeId: string,
  codes: { storeCode: string; registerCode: string },
  storage: Storage,
): Promise<string> {
  const { storeCode, registerCode } = codes;
  const stored = storage.getItem(SEQUENCE_KEY);
  const counter = Number(stored ?? '0') || 0;
  const seen = checked.get(db) ?? new Set<string>();
  checked.set(db, seen);
  let known: (string | undefined)[] = [];
  if (stored === null || !seen.has(`${storeCode}-${registerCode}`)) {
    seen.add(`${storeCode}-${registerCode}`);
    const recent = await db.returns.find({ selector: { storeId }, sort: [{ createdAt: 'desc' }], limit: 200 }).exec();
    known = recent.map((r) => (r.toJSON() as Return).returnNumber);
  }
  const sequence = nextReturnSequence(storeCode, registerCode, counter, known);
  storage.setItem(SEQUENCE_KEY, String(sequence));
  return formatReturnNumber({ storeCode, registerCode, sequence });
}
