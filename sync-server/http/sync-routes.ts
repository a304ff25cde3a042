// Replication endpoints shaped for RxDB's replicateRxCollection: pull by {seq} checkpoint,
// push with conflict detection, and the live stream. See docs/SYNC-API.md.
import type { FastifyInstance } from 'fastify';
import { DomainError, isDomainError } from '../../shared/errors';
import { SyncError } from '../errors';
import { pullQuerySchema } from '../../shared/protocol/replication';
import { STREAM_EVENT, STREAM_PING_SECONDS } from '../../shared/protocol/live-stream';
import { SYNC_PATHS, SYNC_ROUTES } from '../../shared/protocol/paths';
import type { CollectionPolicy } from '../replication/policy';
import { parsePushRows, pushBatch } from '../replication/push';
import { authenticate } from './auth-routes';
import type { ServerContext } from './context';
import type { Principal } from '../auth/auth-service';
import type { RawDocument } from '../storage/storage';
import { servedCheckpoints } from './served-checkpoints';

const PING_MS = STREAM_PING_SECONDS * 1000;

function policyOf(ctx: ServerContext, name: string): CollectionPolicy {
  const policy = ctx.policies.get(name);
  if (!policy) {
    throw new DomainError(
      SyncError.UNKNOWN_COLLECTION,
      `There is no collection "${name.slice(0, 64)}"; use one of: ${[...ctx.policies.keys()].join(', ')}.`,
    );
  }
  return policy;
}

function visibleDocuments(policy: CollectionPolicy, principal: Principal, page: RawDocument[]): RawDocument[] {
  const visible = policy.visibleToStore;
  if (!visible || principal.kind === 'hq') return page;
  return page.filter((doc) => visible(JSON.parse(doc.json) as Record<string, unknown>, principal.storeId));
}

/** Refusals that look like an attack (not plain validation) become rows HQ lists. */
const ALERT_CODES: ReadonlySet<string> = new Set([
  SyncError.FORBIDDEN,
  SyncError.DELETE_FORBIDDEN,
  SyncError.CHANGE_FORBIDDEN,
  SyncError.VALUE_NOT_JUSTIFIED,
  SyncError.RECEIPTLESS_OVER_CAP,
  SyncError.APPROVAL_MISSING,
  SyncError.OFFLINE_REFUND_CAP,
  SyncError.GIFT_CARD_OFFLINE_CAP,
  // Each one is also the per-register count the gift card guard blocks offline spends by.
  SyncError.GIFT_CARD_UNKNOWN,
  SyncError.GIFT_CARD_DEVICE_BLOCKED,
  SyncError.GIFT_CARD_SEAL_KEY_EXPIRED,
]);

async function recordAlerts(
  ctx: ServerContext,
  principal: Principal,
  collection: string,
  refused: readonly { id: string; code: string; message: string }[],
): Promise<void> {
  const at = new Date().toISOString();
  const alerts = refused
    .filter((r) => ALERT_CODES.has(r.code))
    .map((r) => ({
      at,
      deviceId: principal.deviceId,
      storeId: principal.storeId,
      collection,
      documentId: r.id,
      code: r.code,
      message: r.message,
    }));
  await ctx.storage.insertSecurityAlerts(alerts);
}

export function registerSyncRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get<{ Params: { collection: string } }>(SYNC_ROUTES.pull, async (request, reply) => {
    const principal = await authenticate(ctx, request);
    const policy = policyOf(ctx, request.params.collection);
    const query = pullQuerySchema.safeParse(request.query);
    if (!query.success) {
      const issue = query.error.issues[0];
      throw new DomainError(
        SyncError.BAD_REQUEST,
        `Pull takes seq (a whole number from 0) and limit (1 to 1000): ${issue?.message ?? 'bad query'}.`,
        {
          field: issue?.path.join('.') ?? '',
        },
      );
    }
    const { seq: afterSeq, limit } = query.data;
    // A filtered collection (staff) leaves out what this store may not see; the checkpoint still
    // moves past every page read, and reading goes on until the page is full or the collection
    // ends, so a client that stops at a short page has not stopped early.
    let docs: RawDocument[] = [];
    let last: RawDocument | undefined;
    for (;;) {
      const page = await ctx.storage.pullRaw({
        collection: policy.name,
        afterSeq: last?.seq ?? afterSeq,
        limit,
        storeId: principal.storeId,
      });
      last = page[page.length - 1] ?? last;
      docs = docs.concat(visibleDocuments(policy, principal, page));
      if (page.length < limit || docs.length >= limit || !policy.visibleToStore) break;
    }
    ctx.metrics.pulls++;
    ctx.metrics.pulledDocuments += docs.length;
    // The stored JSON goes out as it is: no parse and re-serialise per document.
    const checkpoint = last ? last.seq : afterSeq;
    servedCheckpoints.set(request, checkpoint);
    const body = `{"documents":[${docs.map((doc) => doc.json).join(',')}],"checkpoint":{"seq":${checkpoint}}}`;
    return reply.type('application/json; charset=utf-8').send(body);
  });

  app.post<{ Params: { collection: string } }>(SYNC_ROUTES.push, async (request) => {
    const principal = await authenticate(ctx, request);
    const policy = policyOf(ctx, request.params.collection);
    let rows;
    try {
      rows = parsePushRows(request.body);
    } catch (error) {
      ctx.metrics.reject('malformed');
      throw error;
    }
    try {
      const result = await pushBatch(ctx.storage, policy, principal, rows, ctx.afterWrite);
      ctx.metrics.pushes++;
      ctx.metrics.pushedDocuments += result.written.length;
      ctx.metrics.conflicts += result.conflicts.length;
      if (result.rejected.length > 0) {
        ctx.metrics.reject('invalid', result.rejected.length);
        request.log.warn(
          {
            collection: policy.name,
            rejected: result.rejected.map((r) => ({ id: r.id, code: r.code, field: r.field })),
          },
          'documents refused',
        );
        await recordAlerts(ctx, principal, policy.name, result.rejected);
      }
      return { conflicts: result.conflicts, rejected: result.rejected };
    } catch (error) {
      if (isDomainError(error, SyncError.FORBIDDEN)) {
        const ids = (error.details?.ids as string[] | undefined) ?? [];
        ctx.metrics.reject('forbidden', ids.length);
        request.log.warn(
          { collection: policy.name, deviceId: principal.deviceId, ids: ids.slice(0, 20) },
          'write outside scope refused',
        );
        await recordAlerts(
          ctx,
          principal,
          policy.name,
          ids.slice(0, 100).map((id) => ({ id, code: SyncError.FORBIDDEN, message: error.message })),
        );
      }
      throw error;
    }
  });

  // Totals for a first-run progress bar: one grouped count over the documents table (the index
  // on (collection, seq) does not help a count; on 120,000 rows it takes milliseconds, and a
  // register asks once per first run).
  app.get(SYNC_PATHS.totals, async (request) => {
    const principal = await authenticate(ctx, request);
    const { seq, counts } = await ctx.storage.totals(principal.storeId);
    const collections: Record<string, number> = {};
    for (const name of ctx.policies.keys()) collections[name] = counts[name] ?? 0;
    return { collections, seq };
  });

  app.get(SYNC_PATHS.stream, async (request, reply) => {
    const principal = await authenticate(ctx, request);
    const refusal = ctx.hub.refusal(principal);
    if (refusal) throw new DomainError(SyncError.TOO_MANY_STREAMS, refusal);
    const latest = await ctx.storage.latestSeq();
    reply.hijack();
    const raw = reply.raw;
    // Headers set by hooks (CORS) would be lost after hijack otherwise.
    for (const [name, value] of Object.entries(reply.getHeaders())) {
      if (value !== undefined) raw.setHeader(name, typeof value === 'number' ? String(value) : value);
    }
    raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    const send = (event: string, data: unknown) => {
      if (!raw.writableEnded) raw.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    };
    const remove = ctx.hub.add({ principal, send, end: () => raw.end() });
    const ping = setInterval(() => {
      if (!raw.writableEnded) raw.write(': ping\n\n');
      // An open stream is a register that is up, even when it has nothing to push.
      if (principal.kind === 'device') ctx.onStoreSeen?.(principal.storeId);
    }, PING_MS);
    ping.unref();
    const cleanup = () => {
      clearInterval(ping);
      remove();
    };
    request.raw.once('close', cleanup);
    raw.once('close', cleanup);
    send(STREAM_EVENT.HELLO, { seq: latest });
  });
}
