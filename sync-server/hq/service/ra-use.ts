// Marks a return authorisation used once a store's returns desk took the return it allows. The
// return document carries no RA number, so the use is settled from the replicated returns: the
// first completed return of the RA's order, taken after the RA was issued, that returns one of
// its lines. Settling on read (the desk's lookup, the HQ order page) rather than in the push
// transaction means a return pushed to any server instance, or hours later by a desk that was
// offline, is found the same way; the first settlement is stored and never moves.
import type { ReturnAuthorisation } from '../../../shared/hq/service';
import { findReturnAuthorisation } from '../../orchestration/service-actions';
import type { Storage } from '../../storage/storage';

interface ReturnDoc {
  id: string;
  storeId: string;
  status: string;
  createdBy: string;
  createdAt: string;
  lines: { originalLineId?: string }[];
}

export async function settleRaUse(storage: Storage, ra: ReturnAuthorisation): Promise<ReturnAuthorisation> {
  if (ra.status !== 'open') return ra;
  const lineIds = new Set(ra.lines.map((l) => l.lineId));
  const taken = (await storage.findByLookup('returns', ra.orderId, 1000))
    .map((d) => d.data as unknown as ReturnDoc)
    .filter(
      (r) =>
        r.status === 'completed' &&
        r.createdAt >= ra.createdAt &&
        r.lines.some((l) => l.originalLineId !== undefined && lineIds.has(l.originalLineId)),
    )
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id))[0];
  if (!taken) return ra;
  const staff = (await storage.getDocuments('staff', [taken.createdBy])).get(taken.createdBy)?.data as
    { displayName?: string } | undefined;
  const by = staff?.displayName ?? taken.createdBy;
  await storage.write(async (tx) => {
    // Only an open RA: two servers settling at once keep the first answer.
    await tx.query(
      `UPDATE hq_return_authorisations SET status = 'used', used_at = ?, used_store_id = ?, used_by = ?, used_return_id = ?
        WHERE ra_number = ? AND status = 'open'`,
      [taken.createdAt, taken.storeId, by, taken.id, ra.raNumber],
    );
  });
  return (await findReturnAuthorisation(storage, ra.raNumber)) ?? ra;
}

/** Settles every open RA of an order (the HQ order page). */
export async function settleRaUses(
  storage: Storage,
  ras: readonly ReturnAuthorisation[],
): Promise<ReturnAuthorisation[]> {
  const out: ReturnAuthorisation[] = [];
  for (const ra of ras) out.push(await settleRaUse(storage, ra));
  return out;
}
