// A TCP proxy between a register and the sync server that can lose answers: it forwards a
// matching request whole, lets the server process and commit it, then cuts the connection the
// moment the server starts answering, so the register never learns that its push succeeded.
import { createServer, connect, type Server, type Socket } from 'node:net';

export interface DropProxy {
  url: string;
  /** Lose the answers to the next `count` requests whose first line contains `match`. */
  dropAnswers(match: string, count: number): void;
  /** How many answers were lost so far. */
  readonly dropped: number;
  close(): Promise<void>;
}

export async function startDropProxy(target: string): Promise<DropProxy> {
  const upstream = new URL(target);
  const sockets = new Set<Socket>();
  let match = '';
  let remaining = 0;
  let dropped = 0;

  const server: Server = createServer((client) => {
    const backend = connect(Number(upstream.port), upstream.hostname);
    sockets.add(client).add(backend);
    let loseNextAnswer = false;
    client.on('data', (chunk: Buffer) => {
      // Requests on a kept-alive connection start a chunk with their request line.
      const line = chunk.subarray(0, 200).toString('latin1').split('\r\n', 1)[0] ?? '';
      if (remaining > 0 && /^[A-Z]+ \S+ HTTP\/1\.[01]$/.test(line) && line.includes(match)) {
        remaining--;
        loseNextAnswer = true;
      }
      backend.write(chunk);
    });
    backend.on('data', (chunk: Buffer) => {
      if (loseNextAnswer) {
        // The server has answered, so it has committed: drop the answer and the connection.
        dropped++;
        client.destroy();
        backend.destroy();
        return;
      }
      client.write(chunk);
    });
    const end = () => {
      client.destroy();
      backend.destroy();
      sockets.delete(client);
      sockets.delete(backend);
    };
    client.on('close', end).on('error', end);
    backend.on('close', end).on('error', end);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    dropAnswers(pattern, count) {
      match = pattern;
      remaining = count;
    },
    get dropped() {
      return dropped;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}
