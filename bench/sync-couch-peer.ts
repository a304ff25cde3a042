// The CouchDB-protocol peer for the backlog benchmark: pouchdb-server (LevelDB) in its own
// process, in a temporary folder (it writes config.json and log.txt into its working directory).
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { makeTempDir } from '../test/support/temp-dir';

const BIN = resolve(import.meta.dirname, '../node_modules/pouchdb-server/bin/pouchdb-server');

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise<void>((done) => server.close(() => done()));
  return port;
}

export interface CouchPeer {
  url: string;
  /** Creates a database and returns its URL with the trailing slash RxDB expects. */
  createDatabase(name: string): Promise<string>;
  stop(): Promise<void>;
}

export async function startCouchPeer(): Promise<CouchPeer> {
  const dir = makeTempDir('pouchdb-peer-');
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [BIN, '--port', String(port), '--host', '127.0.0.1', '--dir', dir.path, '--no-stdout-logs'], {
    cwd: dir.path,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      if ((await fetch(`${url}/`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline || child.exitCode !== null) throw new Error('pouchdb-server did not start in 30 s');
    await new Promise((done) => setTimeout(done, 100));
  }
  return {
    url,
    async createDatabase(name) {
      const response = await fetch(`${url}/${name}`, { method: 'PUT' });
      if (response.status !== 201) throw new Error(`create ${name}: HTTP ${response.status}`);
      return `${url}/${name}/`;
    },
    async stop() {
      if (child.exitCode === null) {
        await new Promise<void>((done) => {
          child.once('exit', () => done());
          child.kill('SIGTERM');
        });
      }
      dir.remove();
    },
  };
}
