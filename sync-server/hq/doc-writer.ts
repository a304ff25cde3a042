// Writes replicated documents as HQ through the same push path registers use (schema and domain
// validation, projections, live stream), so registers receive console changes by replication and
// the console can never store what a register would refuse.
import { DomainError } from '../../shared/errors';
import { HQ_PRINCIPAL } from '../auth/auth-service';
import type { ServerContext } from '../http/context';

/** What writing documents needs (the import CLI has no HTTP server). */
export type DocContext = Pick<ServerContext, 'storage' | 'policies' | 'afterWrite'>;
import { pushBatch, type PushResult } from '../replication/push';
import { HqError } from './errors';

export interface DocWrite {
  next: Record<string, unknown>;
  /** The stored state this write replaces (with `_deleted`), or undefined for a new document. */
  previous?: Record<string, unknown> | undefined;
}

export async function writeDocs(ctx: DocContext, collection: string, writes: readonly DocWrite[]): Promise<PushResult> {
  const policy = ctx.policies.get(collection);
  if (!policy) throw new Error(`No policy for collection ${collection}`);
  const rows = writes.map((w) => ({
    newDocumentState: { ...w.next, _deleted: false },
    assumedMasterState: w.previous,
  }));
  return pushBatch(ctx.storage, policy, HQ_PRINCIPAL, rows, ctx.afterWrite);
}

/** One document, all or nothing: a refusal becomes a coded error naming the field. */
export async function writeDoc(ctx: DocContext, collection: string, write: DocWrite): Promise<Record<string, unknown>> {
  const result = await writeDocs(ctx, collection, [write]);
  const rejected = result.rejected[0];
  if (rejected)
    throw new DomainError(HqError.INVALID_INPUT, `${rejected.message} (field ${rejected.field})`, {
      field: rejected.field,
    });
  if (result.conflicts.length > 0) {
    throw new DomainError(
      HqError.CONFLICT,
      'Someone changed this record at the same time: reload it and make your change again.',
    );
  }
  return write.next;
}

export async function currentDoc(
  ctx: DocContext,
  collection: string,
  id: string,
): Promise<Record<string, unknown> | undefined> {
  const doc = (await ctx.storage.getDocuments(collection, [id])).get(id);
  return doc && !doc.deleted ? doc.data : undefined;
}

/** Every live document of a collection (config and staff are small: hundreds, not millions). */
export async function allDocs(ctx: DocContext, collection: string): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  let after = 0;
  for (;;) {
    const page = await ctx.storage.pull({ collection, afterSeq: after, limit: 1000, storeId: null });
    for (const doc of page) if (!doc.deleted) out.push(doc.data);
    if (page.length < 1000) return out;
    after = page[page.length - 1]?.seq ?? after;
  }
}
