// Transfers between stores. The receiving store (or HQ) requests; HQ or the sending store
// approves; the sending store ships what it picked (its shelf down, the receiver's transit up);
// the receiving store receives what arrived (transit down by what was shipped, its shelf up by
// what arrived) and the difference is recorded on the transfer. Movements go through the push
// path with name-based ids, so a retried step writes nothing twice.
import type { FastifyInstance } from 'fastify';
import { DomainError } from '../../shared/errors';
import { movementDocument } from '../../shared/inventory/documents';
import { InventoryError } from '../../shared/inventory/errors';
import type { LedgerMovement } from '../../shared/inventory/ledger';
import {
  assertTransition,
  parseTransferLines,
  type Transfer,
  transferDiscrepancies,
  TransferStatus,
} from '../../shared/inventory/transfers';
import { receiveMovements, shipMovements } from '../../shared/inventory/transit';
import { HQ_PRINCIPAL, type Principal } from '../auth/auth-service';
import { SyncError } from '../errors';
import { authenticate } from '../http/auth-routes';
import type { ServerContext } from '../http/context';
import { pushBatch } from '../replication/push';
import { getInventoryDocument, INVENTORY_DOCUMENTS, putInventoryDocuments } from './receiving-store';
import type { StoreDirectory } from './store-directory';

export const TRANSFER_PATHS = {
  create: '/api/inventory/transfers',
  one: '/api/inventory/transfers/:id',
  step: '/api/inventory/transfers/:id/:step',
} as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const by = (p: Principal) => (p.kind === 'hq' ? 'hq' : p.deviceId);

function allow(principal: Principal, storeIds: readonly string[], what: string): void {
  if (principal.kind === 'device' && !storeIds.includes(principal.storeId))
    throw new DomainError(SyncError.FORBIDDEN, `Only ${what} (or head office) may do this.`);
}

export function registerTransferRoutes(app: FastifyInstance, ctx: ServerContext, directory: StoreDirectory): void {
  // The transfer is found by the sender as `transfer:<from>:<status>`; a small pointer document
  // (`inbound:<id>`) makes it findable by the receiver as `transfer-in:<to>:<status>`.
  const save = (t: Transfer) =>
    putInventoryDocuments(ctx.storage, [
      { id: t.id, storeId: t.fromStoreId, lookup: `transfer:${t.fromStoreId}:${t.status}`, data: t },
      {
        id: `inbound:${t.id}`,
        storeId: t.toStoreId,
        lookup: `transfer-in:${t.toStoreId}:${t.status}`,
        data: { id: `inbound:${t.id}`, kind: 'transfer_pointer', transferId: t.id },
      },
    ]);

  async function listFor(storeId: string): Promise<{ outgoing: Transfer[]; incoming: Transfer[] }> {
    const find = async (keys: string[]) =>
      (await Promise.all(keys.map((k) => ctx.storage.findByLookup(INVENTORY_DOCUMENTS, k, 200)))).flat();
    const outgoing = (await find([`transfer:${storeId}:requested`, `transfer:${storeId}:approved`])).map(
      (d) => d.data as unknown as Transfer,
    );
    const pointers = await find([`transfer-in:${storeId}:shipped`]);
    const incoming = await ctx.storage.getDocuments(
      INVENTORY_DOCUMENTS,
      pointers.map((p) => String(p.data.transferId)),
    );
    return { outgoing, incoming: [...incoming.values()].map((d) => d.data as unknown as Transfer) };
  }

  app.get<{ Querystring: { storeId?: string } }>(TRANSFER_PATHS.create, async (request) => {
    const principal = await authenticate(ctx, request);
    const storeId = principal.kind === 'device' ? principal.storeId : request.query.storeId;
    if (!storeId)
      throw new DomainError(InventoryError.BAD_TRANSFER, 'Head office lists one store at a time: add ?storeId=<id>.', {
        field: 'storeId',
      });
    return listFor(storeId);
  });

  async function load(principal: Principal, id: string): Promise<Transfer> {
    const t = await getInventoryDocument<Transfer>(ctx.storage, id);
    if (
      !t ||
      t.kind !== 'transfer' ||
      (principal.kind === 'device' && principal.storeId !== t.fromStoreId && principal.storeId !== t.toStoreId)
    ) {
      throw new DomainError(
        InventoryError.TRANSFER_NOT_FOUND,
        'No such transfer between this store and another; check the transfer number.',
      );
    }
    return t;
  }

  async function writeMovements(transfer: Transfer, movements: LedgerMovement[], principal: Principal): Promise<void> {
    const at = new Date().toISOString();
    const rows = movements.map((m) => ({
      newDocumentState: {
        ...movementDocument(
          m,
          { referenceType: 'transfer', referenceId: transfer.id },
          { deviceId: by(principal), at },
        ),
        _deleted: false,
      },
    }));
    const pushed = await pushBatch(
      ctx.storage,
      ctx.policies.get('inventory_movements')!,
      HQ_PRINCIPAL,
      rows,
      ctx.afterWrite,
    );
    if (pushed.rejected.length > 0)
      throw new DomainError(
        InventoryError.BAD_TRANSFER,
        `The transfer's stock movements were refused: ${pushed.rejected[0]!.message}`,
      );
  }

  app.post(TRANSFER_PATHS.create, async (request, reply) => {
    const principal = await authenticate(ctx, request);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const stores = await directory.stores();
    const find = (ref: unknown) =>
      typeof ref === 'string' ? (stores.get(ref) ?? [...stores.values()].find((s) => s.code === ref)) : undefined;
    const from = find(body.fromStoreId);
    const to = principal.kind === 'device' ? stores.get(principal.storeId) : find(body.toStoreId);
    if (typeof body.id !== 'string' || !UUID.test(body.id))
      throw new DomainError(InventoryError.BAD_TRANSFER, 'id is a UUID made by the requester.', { field: 'id' });
    if (!from || !to)
      throw new DomainError(
        InventoryError.UNKNOWN_STORE,
        'Name the sending store (fromStoreId) and, for head office, the receiving one (toStoreId), by id or code.',
        { field: 'fromStoreId' },
      );
    if (from.id === to.id)
      throw new DomainError(InventoryError.BAD_TRANSFER, 'A store cannot transfer to itself.', {
        field: 'fromStoreId',
      });
    const existing = await getInventoryDocument<Transfer>(ctx.storage, body.id);
    if (existing) return reply.status(200).send(existing);
    const transfer: Transfer = {
      id: body.id,
      kind: 'transfer',
      fromStoreId: from.id,
      toStoreId: to.id,
      status: TransferStatus.REQUESTED,
      requested: parseTransferLines(body.lines, 'lines'),
      history: [{ status: TransferStatus.REQUESTED, at: new Date().toISOString(), by: by(principal) }],
    };
    await save(transfer);
    return reply.status(201).send(transfer);
  });

  app.get<{ Params: { id: string } }>(TRANSFER_PATHS.one, async (request) =>
    load(await authenticate(ctx, request), request.params.id),
  );

  app.post<{ Params: { id: string; step: string } }>(TRANSFER_PATHS.step, async (request) => {
    const principal = await authenticate(ctx, request);
    const t = await load(principal, request.params.id);
    const at = new Date().toISOString();
    const lines = (request.body as { lines?: unknown } | null)?.lines;
    let next: Transfer;
    if (request.params.step === 'approve') {
      allow(principal, [t.fromStoreId], 'the sending store');
      assertTransition(t, TransferStatus.APPROVED);
      next = { ...t, status: TransferStatus.APPROVED };
    } else if (request.params.step === 'ship') {
      allow(principal, [t.fromStoreId], 'the sending store');
      assertTransition(t, TransferStatus.SHIPPED);
      const shipped = parseTransferLines(lines, 'lines');
      await writeMovements(t, shipMovements(t.id, t.fromStoreId, t.toStoreId, shipped), principal);
      next = { ...t, status: TransferStatus.SHIPPED, shipped };
    } else if (request.params.step === 'receive') {
      allow(principal, [t.toStoreId], 'the receiving store');
      assertTransition(t, TransferStatus.RECEIVED);
      const received = parseTransferLines(lines, 'lines');
      await writeMovements(t, receiveMovements(t.id, t.toStoreId, t.shipped ?? [], received), principal);
      next = {
        ...t,
        status: TransferStatus.RECEIVED,
        received,
        discrepancies: transferDiscrepancies(t.shipped ?? [], received),
      };
    } else {
      throw new DomainError(SyncError.NOT_FOUND, 'A transfer step is approve, ship or receive.');
    }
    next.history = [...t.history, { status: next.status, at, by: by(principal) }];
    await save(next);
    return next;
  });
}
