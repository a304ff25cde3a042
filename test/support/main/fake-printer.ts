// A TCP server on 127.0.0.1 that plays a network receipt printer: it collects the bytes of each
// connection and can answer a DLE EOT status request, or hold connections open like a stuck printer.
import { type Socket, createServer } from 'node:net';

const statusRequest = Buffer.from([0x10, 0x04, 0x04]);

export interface FakePrinterOptions {
  /** Byte sent back when a DLE EOT 4 status request arrives; undefined = never answers. */
  statusReply?: number;
  /** Keep the connection open after the client has finished sending. */
  neverClose?: boolean;
  /** Listen on a raw printing port (9100–9102, the only ones settings accept) instead of any free one. */
  rawPrintingPort?: boolean;
}

function listenOn(server: ReturnType<typeof createServer>, port: number): Promise<boolean> {
  return new Promise((resolveListen) => {
    const failed = () => resolveListen(false);
    server.once('error', failed);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', failed);
      resolveListen(true);
    });
  });
}

export interface FakePrinter {
  port: number;
  /** Bytes received per finished connection, in order. */
  jobs: Buffer[];
  statusQueries: { count: number };
  nextJob(): Promise<Buffer>;
  close(): Promise<void>;
}

export async function startFakePrinter(options: FakePrinterOptions = {}): Promise<FakePrinter> {
  const jobs: Buffer[] = [];
  const statusQueries = { count: 0 };
  const waiters: Array<(job: Buffer) => void> = [];
  const sockets = new Set<Socket>();
  const server = createServer({ allowHalfOpen: true }, (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      if (options.statusReply !== undefined && chunk.includes(statusRequest))
        socket.write(Buffer.from([options.statusReply]));
    });
    socket.on('end', () => {
      const job = Buffer.concat(chunks);
      // A connection that only asked for status is not a print job.
      if (job.equals(statusRequest)) statusQueries.count += 1;
      else {
        jobs.push(job);
        waiters.shift()?.(job);
      }
      if (!options.neverClose) socket.end();
    });
    socket.on('error', () => undefined);
  });
  const ports = options.rawPrintingPort ? [9100, 9101, 9102] : [0];
  let listening = false;
  for (const port of ports) if (!listening) listening = await listenOn(server, port);
  if (!listening) throw new Error(`fake printer: ports ${ports.join(', ')} are all in use on 127.0.0.1`);
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('fake printer did not get a TCP port');
  return {
    port: address.port,
    jobs,
    statusQueries,
    nextJob: () => new Promise<Buffer>((resolveJob) => waiters.push(resolveJob)),
    close: () =>
      new Promise<void>((resolveClose) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolveClose());
      }),
  };
}

/** A port on 127.0.0.1 that nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolveListen) => server.listen(0, '127.0.0.1', resolveListen));
  const address = server.address();
  await new Promise<void>((resolveClose) => server.close(() => resolveClose()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}
