// The CouchDB-protocol peer for the backlog benchmark: pouchdb-server (LevelDB) in its own
// process, in a temporary folder (it writes config.json and log.txt into its working directory).
// It is not a dependency of the project: it lives in bench/peer with its own lock file and is
// installed there the first time the benchmark needs it, so `npm ci` (and CI) never builds its
// native modules (LevelDB, sqlite3 4 from source: about 2 of the 4 minutes npm ci took).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { makeTempDir } from '../test/support/temp-dir';

const PEER_DIR = resolve(import.meta.dirname, 'peer');
const BIN = resolve(PEER_DIR, 'node_modules/pouchdb-server/bin/pouchdb-server');

function ensurePeerInstalled(): void {
  if (existsSync(BIN)) return;
  console.log('Installing the benchmark peer (pouchdb-server 4.2.0) into bench/peer — once, about a minute …');
  const result = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: PEER_DIR, stdio: 'inherit' });
  if (result.status !== 0 || !existsSync(BIN)) {
    throw new Error(
      `Could not install pouchdb-server into ${PEER_DIR} (npm ci exited ${String(result.status)}); run "npm ci" there by hand to see why.`,
    );
  }
}

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
  ensurePeerInstalled();
  const dir = makeTempDir('pouchdb-peer-');
  const port = await freePort();
  const child: ChildProcess = spawn(
    process.execPath,
    [BIN, '--port', String(port), '--host', '127.0.0.1', '--dir', dir.path, '--no-stdout-logs'],
    {
      cwd: dir.path,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
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
