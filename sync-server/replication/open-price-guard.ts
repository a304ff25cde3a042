// The open-price guard: an order line of a product HQ marked `openPrice`, or a line marked as an
// open-price item, must follow shared/orders/open-price.ts — a description, a price within the
// product's maximum, and a `price_override` approval by an active staff member of the store whose
// role allows open-price items. The product and the approver are read here, never trusted from
// the register.
import { openPriceLineIssue, isOpenPriceLine, type OpenPriceLine } from '../../shared/orders/open-price';
import { SyncErrorCode } from '../../shared/protocol/errors';
import { STAFF_ROLES, type StaffRole } from '../../shared/staff/roles';
import type { Principal } from '../auth/auth-service';
import type { Storage } from '../storage/storage';
import type { DocumentIssue, PushGuard } from './policy';

interface ProductRecord {
  openPrice?: { maxPrice: number } | undefined;
}

interface StaffRecord {
  role: string;
  active: boolean;
  allStores: boolean;
  storeIds: readonly string[];
}

const linesOf = (doc: Record<string, unknown>): OpenPriceLine[] =>
  Array.isArray(doc.lines) ? (doc.lines as OpenPriceLine[]) : [];

async function read<T>(storage: Storage, collection: string, ids: Set<string>): Promise<Map<string, T>> {
  const found = new Map<string, T>();
  if (ids.size === 0) return found;
  for (const [id, doc] of await storage.getDocuments(collection, [...ids])) {
    if (!doc.deleted) found.set(id, doc.data as unknown as T);
  }
  return found;
}

function roleIn(staff: StaffRecord | undefined, storeId: string): StaffRole | undefined {
  if (!staff || !staff.active || !(staff.allStores || staff.storeIds.includes(storeId))) return undefined;
  return (STAFF_ROLES as readonly string[]).includes(staff.role) ? (staff.role as StaffRole) : undefined;
}

function issueOf(
  doc: Record<string, unknown>,
  products: Map<string, ProductRecord>,
  staff: Map<string, StaffRecord>,
  storeId: string,
): DocumentIssue | null {
  const lines = linesOf(doc);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const approver = line.priceOverride?.approval?.approvedBy;
    const issue = openPriceLineIssue(
      line,
      products.get(line.productId),
      approver === undefined ? undefined : roleIn(staff.get(approver), storeId),
    );
    if (issue)
      return {
        field: `lines.${i}.${issue.field}`,
        message: issue.message,
        code: issue.field.startsWith('priceOverride.approval') ? SyncErrorCode.APPROVAL_MISSING : undefined,
      };
  }
  return null;
}

export const openPriceGuard: PushGuard = {
  async prepare(storage, principal: Principal, docs) {
    if (principal.kind !== 'device') return null;
    const productIds = new Set<string>();
    for (const doc of docs) for (const line of linesOf(doc)) productIds.add(line.productId);
    const products = await read<ProductRecord>(storage, 'products', productIds);
    const concerned = (doc: Record<string, unknown>): boolean =>
      linesOf(doc).some((l) => isOpenPriceLine(l) || products.get(l.productId)?.openPrice !== undefined);
    const guarded = docs.filter(concerned);
    if (guarded.length === 0) return null;
    const approverIds = new Set<string>();
    for (const doc of guarded)
      for (const line of linesOf(doc)) {
        const id = line.priceOverride?.approval?.approvedBy;
        if (id !== undefined) approverIds.add(id);
      }
    const staff = await read<StaffRecord>(storage, 'staff', approverIds);
    return {
      begin: async () => {},
      check: (doc) => (concerned(doc) ? issueOf(doc, products, staff, principal.storeId) : null),
      writes: () => [],
    };
  },
};
