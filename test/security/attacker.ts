// Helpers for the attacker suite: push as a register with its real credential and read what the
// server holds afterwards as HQ. Documents start from shared/schemas fixtures with fresh ids.
import { randomUUID } from 'node:crypto';
import { connect } from 'node:net';
import { fixtures } from '../support/fixtures/documents';
import type { Api } from '../integration/server-harness';

export const T = '2026-11-27T10:00:00.000Z';

export interface PushAnswer {
  conflicts: Record<string, unknown>[];
  rejected: { id: string; code: string; field: string; message: string }[];
}

export interface Row {
  newDocumentState: Record<string, unknown>;
  assumedMasterState?: Record<string, unknown>;
}

export const create = (doc: Record<string, unknown>, deleted = false): Row => ({
  newDocumentState: { ...doc, _deleted: deleted },
});
export const update = (master: Record<string, unknown>, next: Record<string, unknown>, deleted = false): Row => ({
  newDocumentState: { ...next, _deleted: deleted },
  assumedMasterState: { ...master, _deleted: false },
});

export async function push(
  api: Api,
  collection: string,
  rows: Row[],
): Promise<{ status: number; body: PushAnswer & { code?: string } }> {
  return api.post<PushAnswer & { code?: string }>(`/sync/${collection}/push`, rows);
}

/** One document as the server holds it (HQ reads everything), or undefined. */
export async function stored(hq: Api, collection: string, id: string): Promise<Record<string, unknown> | undefined> {
  let seq = 0;
  for (;;) {
    const page = await hq.get<{ documents: Record<string, unknown>[]; checkpoint: { seq: number } }>(
      `/sync/${collection}/pull?seq=${seq}&limit=1000`,
    );
    const hit = page.body.documents.filter((d) => d.id === id).pop();
    if (hit) return hit;
    if (page.body.documents.length < 1000) return undefined;
    seq = page.body.checkpoint.seq;
  }
}

export function paymentDoc(storeId: string, over: Record<string, unknown> = {}): Record<string, unknown> {
  const { card: _card, registerId: _r, ...base } = fixtures.payments as Record<string, unknown>;
  return { ...base, id: randomUUID(), orderId: randomUUID(), storeId, createdAt: T, updatedAt: T, ...over };
}

/** A completed return whose only tender is `method` for `amount`, carried by payment `paymentId`. */
export function returnDoc(
  storeId: string,
  amount: number,
  method: string,
  paymentId: string,
  over: Record<string, unknown> = {},
): Record<string, unknown> {
  const line = { ...fixtures.returns.lines[0]!, id: randomUUID(), refundAmount: amount, taxes: [] };
  return {
    ...fixtures.returns,
    id: randomUUID(),
    storeId,
    lines: [line],
    refundSubtotal: amount,
    refundTax: 0,
    refundTotal: amount,
    tenders: [{ method, amount, paymentId }],
    createdAt: T,
    updatedAt: T,
    ...over,
  };
}

export function customerDoc(over: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...fixtures.customers, id: randomUUID(), storeCreditBalance: 0, taxExempt: false, ...over };
}

/**
 * Sends headers that promise `declared` bytes, then only `sent` of them, and waits for the server:
 * the status it answered with (0 when it only closed) and how long that took.
 */
export function hangingUpload(
  url: string,
  path: string,
  headers: Record<string, string>,
  declared: number,
  sent: number,
  waitMs: number,
): Promise<{ status: number; elapsedMs: number; text: string }> {
  const target = new URL(url);
  return new Promise((resolve) => {
    const started = Date.now();
    const socket = connect(Number(target.port), target.hostname);
    const received: Buffer[] = [];
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      const text = Buffer.concat(received).toString('utf8');
      const status = /^HTTP\/1\.[01] (\d{3})/.exec(text);
      resolve({
        status: status ? Number(status[1]) : 0,
        elapsedMs: Date.now() - started,
        text: text.slice(text.indexOf('\r\n\r\n') + 4),
      });
    };
    const timer = setTimeout(finish, waitMs);
    socket.on('data', (chunk: Buffer) => {
      received.push(chunk);
      if (Buffer.concat(received).includes('\r\n\r\n')) setTimeout(finish, 50);
    });
    socket.on('error', () => undefined);
    socket.on('close', finish);
    const head = [
      `POST ${path} HTTP/1.1`,
      `host: ${target.host}`,
      `content-length: ${declared}`,
      'content-type: application/json',
      ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
      '',
      '',
    ].join('\r\n');
    socket.write(head);
    socket.write(Buffer.alloc(sent, 0x20));
  });
}

/** Asks the server, as `api`'s register, to authorise a return's cash or receipt-less refund online. */
export async function authorizeRefund(
  api: Api,
  ret: Record<string, unknown>,
  amount: number,
): Promise<{ status: number; body: { authorizationId: string; code?: string } }> {
  return api.post<{ authorizationId: string; code?: string }>('/api/returns/refund-authorizations', {
    returnId: ret.id,
    originalOrderId: ret.originalOrderId,
    receiptless: ret.receiptless,
    amount,
  });
}
