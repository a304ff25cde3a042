// Promotions from the console: `config` documents of kind `promotion`, keyed by their code. Input is
// checked by the replicated schema (shared/schemas promotionPayload, refusals name the field) and
// then by the register's own engine (shared/pricing promotionsFromConfig + validatePromotion), so
// the console never publishes a promotion a register would set aside.
import { randomUUID } from 'node:crypto';
import { DomainError } from '../../../shared/errors';
import { promotionsFromConfig } from '../../../shared/pricing';
import type { ConfigOf } from '../../../shared/schemas';
import { promotionPayload } from '../../../shared/schemas/config-payloads';
import type { DocContext } from '../doc-writer';
import { allDocs, currentDoc, writeDoc } from '../doc-writer';
import { HqError } from '../errors';
import { field } from '../input';
import { invalid, parseOrRefuse } from './fields';

type Doc = Record<string, unknown>;
const isRecord = (v: unknown): v is Doc => typeof v === 'object' && v !== null && !Array.isArray(v);

export async function listPromotions(ctx: DocContext): Promise<Doc[]> {
  return (await allDocs(ctx, 'config'))
    .filter((d) => d.kind === 'promotion')
    .sort(
      (a, b) =>
        String((b.payload as Doc).startsAt).localeCompare(String((a.payload as Doc).startsAt)) ||
        String(a.key).localeCompare(String(b.key)),
    );
}

async function promotionOf(ctx: DocContext, id: string): Promise<Doc> {
  const doc = await currentDoc(ctx, 'config', id);
  if (!doc || doc.kind !== 'promotion')
    throw new DomainError(HqError.NOT_FOUND, `No promotion with id ${id}: reload the promotions.`);
  return doc;
}

/**
 * Creates (no `id`) or edits a promotion. `payload` is the promotion as registers read it; on an
 * edit the fields given replace the stored ones (`rule` as a whole). New promotions default to
 * priority 100, not stackable, active, starting now.
 */
export async function savePromotion(ctx: DocContext, body: unknown): Promise<{ doc: Doc; created: boolean }> {
  const id = field(body, 'id');
  const input = field(body, 'payload');
  if (!isRecord(input))
    throw invalid('payload', 'Send the promotion as { payload: { code, name, rule, startsAt, … } }.');
  const previous = typeof id === 'string' ? await promotionOf(ctx, id) : undefined;
  const base: Doc = previous
    ? { ...(previous.payload as Doc) }
    : { priority: 100, stackable: false, active: true, startsAt: new Date().toISOString() };
  const merged: Doc = { ...base, ...input };
  // An empty end date or store list from a form means "none".
  if (merged.endsAt === null || merged.endsAt === '') delete merged.endsAt;
  if (merged.storeIds === null) delete merged.storeIds;
  const payload = parseOrRefuse(promotionPayload, merged);
  if (payload.endsAt !== undefined && payload.endsAt <= payload.startsAt)
    throw invalid('endsAt', 'The promotion must end after it starts.');
  const rule = payload.rule;
  if (rule.type === 'percent_off' && !rule.skus?.length && !rule.departments?.length)
    throw invalid('rule.departments', 'Name the departments or the SKUs the percentage applies to.');
  const config = await allDocs(ctx, 'config');
  const storeKeys = new Set(config.filter((d) => d.kind === 'store').map((d) => String(d.storeId ?? d.id)));
  payload.storeIds?.forEach((s, i) => {
    if (!storeKeys.has(s)) throw invalid(`storeIds.${i}`, `No store with id ${s}: reload the stores.`);
  });
  const clash = config.find((d) => d.kind === 'promotion' && d.key === payload.code && d.id !== previous?.id);
  if (clash)
    throw new DomainError(HqError.CONFLICT, `Promotion code ${payload.code} is taken: choose another.`, {
      field: 'code',
    });
  const next = {
    id: previous ? String(previous.id) : randomUUID(),
    key: payload.code,
    kind: 'promotion' as const,
    active: true,
    updatedAt: new Date().toISOString(),
    payload,
  };
  // The register's engine must accept it too (buy/get counts, percent, amount or percent off).
  const { rejected } = promotionsFromConfig(
    [{ ...next, payload: { ...payload, active: true, storeIds: undefined } } as ConfigOf<'promotion'>],
    'any',
  );
  if (rejected[0]) throw invalid('rule', rejected[0].message);
  const doc = await writeDoc(ctx, 'config', { next, previous: previous ? { ...previous } : undefined });
  return { doc, created: !previous };
}

/** Ends a promotion now: registers stop applying it from their next pull (a future one is ended before it starts). */
export async function endPromotion(ctx: DocContext, id: string): Promise<Doc> {
  const previous = await promotionOf(ctx, id);
  const payload = { ...(previous.payload as Doc) };
  const now = new Date().toISOString();
  if (typeof payload.endsAt === 'string' && payload.endsAt <= now)
    throw new DomainError(HqError.CONFLICT, 'This promotion has already ended.', { field: 'endsAt' });
  if (String(payload.startsAt) > now) {
    // Not started yet: it never runs. endsAt must follow startsAt, so both move to now.
    payload.startsAt = now;
    payload.active = false;
  }
  payload.endsAt = now;
  const next = { ...previous, updatedAt: now, payload };
  return writeDoc(ctx, 'config', { next, previous: { ...previous } });
}
