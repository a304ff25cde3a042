// Helpers the importer kinds share.
import type { DocContext } from '../doc-writer';
import type { RowError } from './types';

/** Natural key → document id over a whole collection (ids and keys only, read page by page). */
export async function loadKeyMap(
  ctx: DocContext,
  collection: string,
  keyOf: (doc: Record<string, unknown>) => string | undefined,
): Promise<Map<string, string>> {
  const map = new Map<string, string>();
  let after = 0;
  for (;;) {
    const page = await ctx.storage.pull({ collection, afterSeq: after, limit: 1000, storeId: null });
    for (const doc of page) {
      const key = doc.deleted ? undefined : keyOf(doc.data);
      if (key !== undefined) map.set(key, doc.id);
    }
    if (page.length < 1000) return map;
    after = page[page.length - 1]?.seq ?? after;
  }
}

/** Schema issues (paths into the document) as row errors named by the CSV column. */
export function issuesToRows(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
  row: number,
  columnOf: Record<string, string>,
): RowError[] {
  const seen = new Set<string>();
  const out: RowError[] = [];
  for (const issue of issues) {
    const field = String(issue.path[0] ?? '');
    const column = columnOf[field] ?? field;
    if (seen.has(column)) continue;
    seen.add(column);
    out.push({ row, column, message: issue.message });
  }
  return out;
}
