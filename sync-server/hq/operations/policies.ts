// Policies are `config` documents of kind `policy`, keyed 'default' or by a store code that
// overrides it: discount thresholds, return policy, offline caps.
import { randomUUID } from 'node:crypto';
import { DomainError } from '../../../shared/errors';
import type { ServerContext } from '../../http/context';
import { allDocs, writeDoc } from '../doc-writer';
import { HqError } from '../errors';
import { field } from '../input';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export async function listPolicies(ctx: ServerContext): Promise<Record<string, unknown>[]> {
  return (await allDocs(ctx, 'config')).filter((d) => d.kind === 'policy');
}

/** Sections of the payload given replace those of the stored policy one level deep. */
export async function savePolicy(ctx: ServerContext, body: unknown): Promise<Record<string, unknown>> {
  const key = field(body, 'key') ?? 'default';
  const input = field(body, 'payload');
  if (typeof key !== 'string' || !isRecord(input)) {
    throw new DomainError(
      HqError.INVALID_INPUT,
      "Send { key: 'default' or a store code, payload: { returns, approvals, offlineCard … } }.",
      { field: 'payload' },
    );
  }
  const policies = await listPolicies(ctx);
  const previous = policies.find((p) => p.key === key);
  const base = (previous?.payload ?? policies.find((p) => p.key === 'default')?.payload ?? {}) as Record<
    string,
    unknown
  >;
  const payload: Record<string, unknown> = { ...base };
  for (const [section, value] of Object.entries(input)) {
    payload[section] = isRecord(value) && isRecord(base[section]) ? { ...base[section], ...value } : value;
  }
  const next: Record<string, unknown> = {
    id: previous ? previous.id : randomUUID(),
    key,
    kind: 'policy',
    active: true,
    updatedAt: new Date().toISOString(),
    payload,
  };
  if (previous?.storeId) next.storeId = previous.storeId;
  if (key !== 'default' && !previous) {
    const stores = (await allDocs(ctx, 'config')).filter((d) => d.kind === 'store');
    const store = stores.find((s) => s.key === key);
    if (!store)
      throw new DomainError(
        HqError.NOT_FOUND,
        `No store with code ${key}: a policy override is keyed by a store code.`,
        { field: 'key' },
      );
    Object.assign(next, { storeId: store.id });
  }
  return writeDoc(ctx, 'config', { next, previous: previous ? { ...previous } : undefined });
}
