// Line notes on pushed orders (orders schema version 2): the server keeps a note within the
// length limit and refuses, with a code naming the field, a note that is too long or that holds
// a card number. Both backends.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LINE_NOTE_MAX } from '../../shared/schemas/order-lines';
import {
  backends,
  pushRows,
  type Api,
  type EnrolledDevice,
  type TestServer,
  startTwoStoreServer,
} from './server-harness';
import { orderDoc } from './server-fixtures';

interface Rejected {
  id: string;
  code: string;
  field: string;
}

function withNote(storeId: string, note: string): Record<string, unknown> {
  const order = orderDoc(storeId);
  const [line] = order.lines as Record<string, unknown>[];
  return { ...order, lines: [{ ...line, note }] };
}

describe.each(backends)('order line notes on %s', (backend) => {
  let server: TestServer;
  let hq: Api;
  let a: EnrolledDevice;

  beforeAll(async () => {
    ({ server, hq, a } = await startTwoStoreServer(backend));
  });
  afterAll(async () => {
    await server.dispose();
  });

  it('keeps a note of up to the limit and gives it back on pull', async () => {
    const order = withNote(a.storeId, 'n'.repeat(LINE_NOTE_MAX));
    const pushed = await a.api.post<{ rejected: Rejected[] }>('/sync/orders/push', pushRows([order]));
    expect(pushed.status).toBe(200);
    expect(pushed.body.rejected).toEqual([]);
    const pulled = await hq.get<{ documents: { id: string; lines: { note?: string }[] }[] }>(
      '/sync/orders/pull?seq=0&limit=1000',
    );
    const stored = pulled.body.documents.find((d) => d.id === order.id);
    expect(stored?.lines[0]?.note).toBe('n'.repeat(LINE_NOTE_MAX));
  });

  it('refuses an over-long note and a note holding a card number, naming the field', async () => {
    const long = withNote(a.storeId, 'n'.repeat(LINE_NOTE_MAX + 1));
    const card = withNote(a.storeId, 'call back on 4111 1111 1111 1111');
    const empty = withNote(a.storeId, '');
    const pushed = await a.api.post<{ rejected: Rejected[] }>('/sync/orders/push', pushRows([long, card, empty]));
    expect(pushed.status).toBe(200);
    expect(pushed.body.rejected.map((r) => [r.id, r.code, r.field])).toEqual([
      [long.id, 'SYNC_INVALID_DOCUMENT', 'lines.0.note'],
      [card.id, 'SYNC_INVALID_DOCUMENT', 'lines.0.note'],
      [empty.id, 'SYNC_INVALID_DOCUMENT', 'lines.0.note'],
    ]);
  });
});
