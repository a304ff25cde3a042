// Runs the real sync server as a child process (`sync-server/cli.ts serve`), so a test can kill
// it with SIGKILL — no shutdown hook, no flush — and start it again on the same port and data.
// Also keeps the server's structured log so a test can prove no request ended in a 5xx.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import pg from 'pg';
import { makeTempDir } from './temp-dir';
import { pgTestUrl } from './env';

const ROOT = resolve(import.meta.dirname, '../..');
const CLI = resolve(ROOT, 'sync-server/cli.ts');
const PROCESS_HQ_TOKEN = 'sync-verify-hq-token-0123456789-abcdefghij';
// A cold start (node + tsx loading the whole server) took 1-3 s on an idle machine and over 30 s at
// a load average of 20-25 on 2 cores, where the former 30 s limit failed the crash suites' setup.
const START_LIMIT_MS = 90_000;

export type ProcessBackend = 'sqlite' | 'postgres';

export interface ServerProcessOptions {
  backend: ProcessBackend;
  /** pino level; 'info' logs every request with its status code. */
  logLevel?: string;
  /** PostgreSQL server to create the run's schema in; defaults to POS_TEST_PG_URL. */
  pgUrl?: string;
}

/** A fresh PostgreSQL schema for one run (search_path through the URL), dropped by `drop()`. */
export async function createPgSchema(baseUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const schema = `sv_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const url = new URL(baseUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: baseUrl });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await client.end();
    },
  };
}

export interface LogEntry {
  msg?: string;
  level?: number;
  res?: { statusCode?: number };
  req?: { method?: string; url?: string };
  [key: string]: unknown;
}

export class ServerProcess {
  url = '';
  port = 0;
  readonly hqToken = PROCESS_HQ_TOKEN;
  /** Every JSON log line of every run of the server so far. */
  readonly logs: LogEntry[] = [];
  starts = 0;
  private child: ChildProcess | undefined;

  private constructor(
    private readonly env: Record<string, string>,
    private readonly logLevel: string,
    private readonly cleanup: () => Promise<void>,
  ) {}

  static async create(options: ServerProcessOptions): Promise<ServerProcess> {
    let env: Record<string, string>;
    let cleanup: () => Promise<void>;
    if (options.backend === 'postgres') {
      const base = options.pgUrl ?? pgTestUrl;
      if (!base) throw new Error('POS_TEST_PG_URL is not set');
      const schema = await createPgSchema(base);
      env = { DATABASE_URL: schema.url };
      cleanup = schema.drop;
    } else {
      const dir = makeTempDir('pos-sync-proc-');
      env = { DATA_DIR: dir.path };
      cleanup = async () => dir.remove();
    }
    const server = new ServerProcess(env, options.logLevel ?? 'info', cleanup);
    await server.start();
    return server;
  }

  /** Starts the server (port 0 the first time, then the same port again). */
  async start(): Promise<void> {
    if (this.child) throw new Error('the server process is already running');
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      ...this.env,
      PORT: String(this.port),
      HOST: '127.0.0.1',
      HQ_TOKEN: PROCESS_HQ_TOKEN,
      LOG_LEVEL: this.logLevel,
    };
    if (!this.env.DATABASE_URL) delete env.DATABASE_URL;
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, 'serve'], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    this.starts++;
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const url = await new Promise<string>((resolveUrl, reject) => {
      let pending = '';
      const timer = setTimeout(
        () => reject(new Error(`sync server did not start in ${START_LIMIT_MS / 1000} s: ${stderr}`)),
        START_LIMIT_MS,
      );
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`sync server exited with ${String(code)} before listening: ${stderr}`));
      });
      child.stdout?.on('data', (chunk: Buffer) => {
        pending += chunk.toString();
        const lines = pending.split('\n');
        pending = lines.pop() ?? '';
        for (const line of lines) {
          if (line.startsWith('{')) {
            try {
              this.logs.push(JSON.parse(line) as LogEntry);
            } catch {
              // a partial or foreign line: not a log entry
            }
            continue;
          }
          const match = /listening on (http:\/\/[\d.]+:(\d+))/.exec(line);
          if (match) {
            clearTimeout(timer);
            resolveUrl(match[1]!);
          }
        }
      });
    });
    this.url = url;
    this.port = Number(new URL(url).port);
  }

  /** SIGKILL: the process dies mid-whatever, exactly like a power cut of the server. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.child = undefined;
    if (child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((done) => {
      child.once('exit', () => done());
      child.kill('SIGKILL');
    });
  }

  async restart(): Promise<void> {
    await this.kill();
    await this.start();
  }

  get running(): boolean {
    return this.child !== undefined;
  }

  /** Requests the server answered with a 5xx, from its request log. */
  serverErrors(): LogEntry[] {
    return this.logs.filter((entry) => (entry.res?.statusCode ?? 0) >= 500 || (entry.level ?? 0) >= 50);
  }

  /** Status codes of every completed request, from the request log. */
  statusCodes(): number[] {
    return this.logs.flatMap((entry) =>
      entry.msg === 'request completed' && typeof entry.res?.statusCode === 'number' ? [entry.res.statusCode] : [],
    );
  }

  async dispose(): Promise<void> {
    await this.kill();
    await this.cleanup();
  }
}
