// The live stream: a hello on connect, change pokes only for collections in the device's scope,
// connected-register metrics, and (PostgreSQL) fan-out between two server instances.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SseParser } from '../../renderer/src/sync/event-stream';
import type { RunningServer } from '../../sync-server/server';
import {
  Api,
  backends,
  pushRows,
  startSecondInstance,
  type EnrolledDevice,
  type TestServer,
  startTwoStoreServer,
} from './server-harness';
import { orderDoc, productDoc } from './server-fixtures';
import pg from 'pg';
import { pgTestUrl } from '../support/env';

interface Stream {
  events: { event: string; data: unknown }[];
  close(): void;
}

async function openStream(url: string, credential: string): Promise<Stream> {
  const controller = new AbortController();
  const response = await fetch(`${url}/sync/stream`, {
    headers: { authorization: `Bearer ${credential}` },
    signal: controller.signal,
  });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
  const events: Stream['events'] = [];
  const parser = new SseParser((event, data) => events.push({ event, data: JSON.parse(data) }));
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        parser.push(value);
      }
    } catch {
      // aborted
    }
  })();
  return { events, close: () => controller.abort() };
}

async function waitFor(check: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const changed = (stream: Stream, collection: string) =>
  stream.events.some(
    (e) => e.event === 'change' && (e.data as { collections: string[] }).collections.includes(collection),
  );

describe.each(backends)('live stream on %s', (backend) => {
  let server: TestServer;
  let hq: Api;
  let a: EnrolledDevice;
  let b: EnrolledDevice;
  let second: RunningServer | undefined;

  beforeAll(async () => {
    ({ server, hq, a, b } = await startTwoStoreServer(backend));
  });
  afterAll(async () => {
    await second?.close();
    await server?.dispose();
  });

  it('says hello, then pokes each register only about its own scope', async () => {
    const streamA = await openStream(server.url, a.credential);
    const streamB = await openStream(server.url, b.credential);
    try {
      await waitFor(() => streamA.events[0]?.event === 'hello' && streamB.events[0]?.event === 'hello', 'hello');
      const metrics = await new Api(server.url, server.hqToken).get<string>('/metrics');
      expect(metrics.body).toMatch(/^pos_sync_connected_registers 2$/m);
      await a.api.post('/sync/orders/push', pushRows([orderDoc(a.storeId)]));
      await hq.post('/sync/products/push', pushRows([productDoc('POKE-1')]));
      await waitFor(
        () => changed(streamA, 'orders') && changed(streamA, 'products') && changed(streamB, 'products'),
        'pokes',
      );
      // B heard about the later product change, so it would have heard the earlier order by now.
      expect(changed(streamB, 'orders')).toBe(false);
    } finally {
      streamA.close();
      streamB.close();
    }
    await waitFor(() => server.server.metrics.connectedRegisters === 0, 'streams closed');
  });

  it('refuses a stream without a valid credential', async () => {
    expect((await fetch(`${server.url}/sync/stream`)).status).toBe(401);
  });

  it.runIf(backend === 'postgres')('fans changes out to a second server instance through LISTEN/NOTIFY', async () => {
    second = await startSecondInstance(server);
    const streamB = await openStream(second.url, b.credential);
    try {
      await waitFor(() => streamB.events[0]?.event === 'hello', 'hello from the second instance');
      const product = productDoc('FANOUT-1');
      await hq.post('/sync/products/push', pushRows([product]));
      await waitFor(() => changed(streamB, 'products'), 'poke on the other instance');
      const pulled = await b.api.get<{ documents: { id: string }[] }>('/sync/products/pull?seq=0&limit=1000');
      expect(pulled.body.documents.some((d) => d.id === product.id)).toBe(true);
      const viaSecond = await new Api(second.url, b.credential).get<{ documents: { id: string }[] }>(
        '/sync/products/pull?seq=0&limit=1000',
      );
      expect(viaSecond.body.documents.some((d) => d.id === product.id)).toBe(true);
    } finally {
      streamB.close();
    }
  });

  it.runIf(backend === 'postgres')('keeps the live stream going after the LISTEN connection is cut', async () => {
    // Event positions are taken before the action that causes them: the poke for a push can reach
    // the stream before the push's own response reaches the test (NOTIFY vs HTTP reply), and a
    // position taken after the response would skip it (the old 1-in-3 timeout).
    const stream = await openStream(server.url, a.credential);
    const commitPoke = (from: number) =>
      stream.events
        .slice(from)
        .some(
          (e) =>
            e.event === 'change' &&
            (e.data as { seq: number }).seq > 0 &&
            (e.data as { collections: string[] }).collections.includes('products'),
        );
    try {
      await waitFor(() => stream.events[0]?.event === 'hello', 'hello');
      const schema = new URL(server.storage.kind === 'postgres' ? server.storage.url : '').searchParams
        .get('options')
        ?.split('=')[1];
      const beforeCut = stream.events.length;
      const admin = new pg.Client({ connectionString: pgTestUrl });
      await admin.connect();
      const killed = await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query = $1', [
        `LISTEN pos_changes_${schema}`,
      ]);
      await admin.end();
      expect(killed.rowCount).toBeGreaterThan(0);
      // The resync poke (seq 0: "anything may have changed while we were deaf") comes once LISTEN is back.
      await waitFor(
        () => stream.events.slice(beforeCut).some((e) => e.event === 'change' && (e.data as { seq: number }).seq === 0),
        'a resync poke after reconnecting',
        10_000,
      );
      const beforePush = stream.events.length;
      const pushed = await hq.post<{ conflicts: unknown[]; rejected: unknown[] }>(
        '/sync/products/push',
        pushRows([productDoc('AFTER-CUT')]),
      );
      expect(pushed.status).toBe(200);
      expect(pushed.body).toEqual({ conflicts: [], rejected: [] });
      await waitFor(() => commitPoke(beforePush), 'pokes after the reconnect', 10_000);
    } finally {
      stream.close();
    }
  });
});
