// Stores are `config` documents of kind `store`; the console edits their payload (address,
// coordinates, hours, pickup/ship flags, capacity) and registers receive them by replication.
import { randomUUID } from 'node:crypto';
import { DomainError } from '../../../shared/errors';
import type { ServerContext } from '../../http/context';
import { allDocs, currentDoc, writeDoc } from '../doc-writer';
import { HqError } from '../errors';
import { field } from '../input';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export async function listStores(ctx: ServerContext): Promise<Record<string, unknown>[]> {
  const docs = await allDocs(ctx, 'config');
  return docs.filter((d) => d.kind === 'store').sort((a, b) => String(a.key).localeCompare(String(b.key)));
}

export async function saveStore(ctx: ServerContext, body: unknown): Promise<Record<string, unknown>> {
  const id = field(body, 'id');
  const input = field(body, 'payload');
  if (!isRecord(input))
    throw new DomainError(
      HqError.INVALID_INPUT,
      'Send the store as { payload: { code, name, address, location, … } }.',
      { field: 'payload' },
    );
  const previous = typeof id === 'string' ? await currentDoc(ctx, 'config', id) : undefined;
  if (typeof id === 'string' && (!previous || previous.kind !== 'store')) {
    throw new DomainError(HqError.NOT_FOUND, `No store with id ${id}: reload the store list.`);
  }
  // A new store inherits the chain's currency, tax jurisdiction, price book and zone unless given.
  const template = previous
    ? (previous.payload as Record<string, unknown>)
    : (((await listStores(ctx))[0]?.payload as Record<string, unknown> | undefined) ?? {});
  const inherited = previous
    ? template
    : {
        currency: template.currency,
        taxJurisdiction: template.taxJurisdiction,
        priceBookId: template.priceBookId,
        timezone: template.timezone,
        openingHours: [],
        capacityPerDay: 0,
        pickupEnabled: false,
        shipFromStore: false,
      };
  const payload = { ...inherited, ...input };
  const active = field(body, 'active');
  const next = {
    id: typeof id === 'string' ? id : randomUUID(),
    key: String(payload.code ?? ''),
    kind: 'store',
    active: typeof active === 'boolean' ? active : ((previous?.active as boolean | undefined) ?? true),
    updatedAt: new Date().toISOString(),
    payload,
  };
  const clash = (await listStores(ctx)).find((s) => s.key === next.key && s.id !== next.id);
  if (clash)
    throw new DomainError(
      HqError.CONFLICT,
      `Store code ${next.key} is taken by ${String((clash.payload as Record<string, unknown>).name)}: choose another code.`,
      { field: 'code' },
    );
  return writeDoc(ctx, 'config', { next, previous: previous ? { ...previous } : undefined });
}
