// Human register names from HQ: a device enrolled in store S001 becomes S001-R01, S001-R02, …
// (store code + the next register number in that store), printed on receipts and reports instead
// of a device id. HQ may rename a register later (POST /api/hq/devices/:id/name).
import { DomainError } from '../../shared/errors';
import { SyncError } from '../errors';
import type { DeviceRow, Storage } from '../storage/storage';

/** Letters, digits, space, dot, dash, underscore; what fits a receipt header line. */
const REGISTER_NAME = /^[A-Za-z0-9][A-Za-z0-9 ._-]{0,31}$/;

function registerName(storeCode: string, registerNo: number): string {
  return `${storeCode}-R${String(registerNo).padStart(2, '0')}`;
}

/** The store's code (S001) from its config document, or a short form of its id when it has none. */
async function storeCodeOf(storage: Storage, storeId: string): Promise<string> {
  const doc = (await storage.getDocuments('config', [storeId])).get(storeId);
  const key = doc && !doc.deleted && doc.data.kind === 'store' ? doc.data.key : undefined;
  return typeof key === 'string' && key.length > 0 ? key : storeId.slice(0, 8).toUpperCase();
}

/** Inserts the device with the next register number of its store (S001-R01, S001-R02, …). */
export async function insertNumberedDevice(storage: Storage, row: DeviceRow): Promise<DeviceRow> {
  const code = await storeCodeOf(storage, row.storeId);
  return storage.insertNumberedDevice(row, (registerNo) => registerName(code, registerNo));
}

export function checkRegisterName(name: unknown): string {
  const trimmed = typeof name === 'string' ? name.trim() : '';
  if (!REGISTER_NAME.test(trimmed)) {
    throw new DomainError(
      SyncError.BAD_REQUEST,
      'A register name is 1 to 32 letters, digits, spaces, dots, dashes or underscores, e.g. S001-R03 or "Front desk".',
      { field: 'registerName' },
    );
  }
  return trimmed;
}
