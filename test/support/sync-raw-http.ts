// Raw HTTP for hostile-input tests: exact bytes, any content type, and an answer even when the
// server answers before the body is complete (a 413 sent at the start of a 50 MB upload).
import { request } from 'node:http';
import { connect } from 'node:net';

export interface RawAnswer {
  status: number;
  body: { code?: string; message?: string; details?: Record<string, unknown>; [key: string]: unknown };
  text: string;
}

const CHUNK = 256 * 1024;

export function rawRequest(
  url: string,
  method: string,
  headers: Record<string, string>,
  body?: string | Buffer,
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const bytes = body === undefined ? undefined : Buffer.isBuffer(body) ? body : Buffer.from(body);
    let answered = false;
    const req = request(
      url,
      { method, headers: bytes === undefined ? headers : { ...headers, 'content-length': String(bytes.length) } },
      (res) => {
        answered = true;
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: RawAnswer['body'] = {};
          try {
            parsed = JSON.parse(text) as RawAnswer['body'];
          } catch {
            // not JSON: the caller sees `text`
          }
          resolve({ status: res.statusCode ?? 0, body: parsed, text });
        });
      },
    );
    req.on('error', (error: NodeJS.ErrnoException) => {
      // After the answer arrived, a reset of the unfinished upload is expected; before, it is a failure.
      if (!answered)
        reject(new Error(`${method} ${url}: connection failed before any answer (${error.code ?? error.message})`));
    });
    if (bytes === undefined) {
      req.end();
      return;
    }
    // Stream in chunks and stop as soon as the server has answered, as a well-behaved client would.
    let offset = 0;
    const pump = () => {
      while (offset < bytes.length && !answered && !req.destroyed) {
        const chunk = bytes.subarray(offset, offset + CHUNK);
        offset += chunk.length;
        if (!req.write(chunk)) {
          req.once('drain', pump);
          return;
        }
      }
      if (offset >= bytes.length) req.end();
    };
    pump();
  });
}

/**
 * An upload over a bare TCP socket that keeps whatever the server answered. An oversized body is
 * refused from its declared length; the server then stops reading and closes, and the kernel's
 * reset can wipe an answer the client has not read yet. So the client waits `headStartMs` after
 * the headers for an early answer (what an HTTP client using "Expect: 100-continue" does) before
 * streaming the body. With `chunked`, no length is declared and the body is streamed at once; then
 * only the server's log can tell what it answered, and the result may be `{ status: 0 }`.
 */
export function rawUpload(
  url: string,
  path: string,
  headers: Record<string, string>,
  body: Buffer,
  options: { chunked?: boolean; headStartMs?: number } = {},
): Promise<RawAnswer> {
  const target = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(target.port), target.hostname);
    const received: Buffer[] = [];
    let offset = 0;
    const finish = () => {
      const text = Buffer.concat(received).toString('utf8');
      const status = /^HTTP\/1\.[01] (\d{3})/.exec(text);
      const payload = text.slice(text.indexOf('\r\n\r\n') + 4);
      let parsed: RawAnswer['body'] = {};
      try {
        parsed = JSON.parse(payload) as RawAnswer['body'];
      } catch {
        // not JSON
      }
      resolve({ status: status ? Number(status[1]) : 0, body: parsed, text: payload });
    };
    socket.on('data', (chunk: Buffer) => received.push(chunk));
    socket.on('error', () => undefined); // EPIPE/ECONNRESET once the server gave up reading
    socket.on('close', finish);
    const length = options.chunked ? 'transfer-encoding: chunked' : `content-length: ${body.length}`;
    const head = [
      `POST ${path} HTTP/1.1`,
      `host: ${target.host}`,
      'connection: close',
      length,
      ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
      '',
      '',
    ].join('\r\n');
    socket.write(head);
    const pump = () => {
      while (offset < body.length && received.length === 0 && !socket.destroyed) {
        const chunk = body.subarray(offset, offset + CHUNK);
        offset += chunk.length;
        const framed = options.chunked
          ? Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n')])
          : chunk;
        if (!socket.write(framed)) {
          socket.once('drain', pump);
          return;
        }
      }
      if (offset >= body.length && options.chunked && !socket.destroyed) socket.write('0\r\n\r\n');
    };
    setTimeout(pump, options.chunked ? 0 : (options.headStartMs ?? 300));
  });
}
