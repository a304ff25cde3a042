// Starts real sync servers for integration tests on SQLite (temp folder) and, when
// POS_TEST_PG_URL is set, PostgreSQL (a fresh schema per server, dropped afterwards). A server with
// the demo seed starts on a copy of the run's seeded template (a database of its own on PostgreSQL).
import { startServer, type RunningServer } from '../../sync-server/server';
import type { StorageConfig } from '../../sync-server/config';
import type { ServerLimits } from '../../sync-server/app';
import { pgTestUrl } from '../support/env';
import { makeTempDir } from '../support/temp-dir';
import { createPgSchema } from '../support/sync-server-process';
import { copyPgTemplate, copySqliteTemplate } from '../support/seed-template';
import { storeDoc } from './server-fixtures';

export type Backend = 'sqlite' | 'postgres';
export const backends: Backend[] = pgTestUrl ? ['sqlite', 'postgres'] : ['sqlite'];
const TEST_HQ_TOKEN = 'test-hq-token-0123456789-abcdefghijklmnop';

export interface TestServer {
  server: RunningServer;
  url: string;
  hqToken: string;
  storage: StorageConfig;
  /** Stops the server, keeping its data (for restart tests). */
  stop(): Promise<void>;
  /** Starts it again on the same data. */
  restart(): Promise<void>;
  /** Stops it and deletes its data. */
  dispose(): Promise<void>;
}

export async function startTestServer(
  backend: Backend,
  options: {
    seedDemo?: boolean;
    /** With seedDemo: seed this server itself rather than start on a copy of the run's seeded template. */
    freshSeed?: boolean;
    limits?: Partial<ServerLimits>;
    posDir?: string;
  } = {},
): Promise<TestServer> {
  let storage: StorageConfig;
  let cleanup: () => Promise<void>;
  // A seeded server starts on a copy of the run's demo-seeded database (test/support/seed-template.ts).
  const fromTemplate = options.seedDemo === true && options.freshSeed !== true;
  if (backend === 'sqlite') {
    const dir = makeTempDir('pos-sync-');
    if (fromTemplate) copySqliteTemplate(dir.path);
    storage = { kind: 'sqlite', dataDir: dir.path };
    cleanup = async () => dir.remove();
  } else {
    if (!pgTestUrl) throw new Error('POS_TEST_PG_URL is not set');
    const database = (fromTemplate && (await copyPgTemplate(pgTestUrl))) || (await createPgSchema(pgTestUrl));
    storage = { kind: 'postgres', url: database.url };
    cleanup = database.drop;
  }
  const start = () =>
    startServer({
      host: '127.0.0.1',
      port: 0,
      logLevel: 'silent',
      posDir: options.posDir,
      storage,
      hqToken: TEST_HQ_TOKEN,
      seedDemo: options.seedDemo ?? false,
      limits: options.limits,
    });
  let server: RunningServer | undefined = await start();
  const handle: TestServer = {
    server,
    url: server.url,
    hqToken: TEST_HQ_TOKEN,
    storage,
    async stop() {
      await server?.close();
      server = undefined;
    },
    async restart() {
      await server?.close();
      server = await start();
      handle.server = server;
      handle.url = server.url;
    },
    async dispose() {
      await server?.close().catch(() => undefined);
      server = undefined;
      await cleanup();
    },
  };
  return handle;
}

/** A second server instance on the same storage (PostgreSQL: several instances behind a load balancer). */
export async function startSecondInstance(first: TestServer): Promise<RunningServer> {
  return startServer({
    host: '127.0.0.1',
    port: 0,
    logLevel: 'silent',
    posDir: undefined,
    storage: first.storage,
    hqToken: TEST_HQ_TOKEN,
  });
}

export interface HttpResult<T = unknown> {
  status: number;
  body: T;
}

/** A tiny JSON client with a bearer token. */
export class Api {
  constructor(
    readonly baseUrl: string,
    readonly token: string | undefined,
  ) {}

  async request<T = unknown>(method: string, path: string, body?: unknown): Promise<HttpResult<T>> {
    const headers: Record<string, string> = {};
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // non-JSON bodies (metrics) stay text
    }
    return { status: response.status, body: parsed as T };
  }

  get<T = unknown>(path: string): Promise<HttpResult<T>> {
    return this.request<T>('GET', path);
  }

  post<T = unknown>(path: string, body: unknown): Promise<HttpResult<T>> {
    return this.request<T>('POST', path, body);
  }
}

export interface EnrolledDevice {
  deviceId: string;
  credential: string;
  storeId: string;
  api: Api;
}

/** HQ creates a code for the store, the "register" exchanges it: a real enrollment. */
export async function enrollDevice(
  server: TestServer,
  storeId: string,
  name = 'Test register',
): Promise<EnrolledDevice> {
  const hq = new Api(server.url, server.hqToken);
  const code = await hq.post<{ code: string }>('/api/hq/enrollment-codes', { storeId });
  if (code.status !== 201) throw new Error(`enrollment code: ${code.status} ${JSON.stringify(code.body)}`);
  const enrolled = await new Api(server.url, undefined).post<{ deviceId: string; credential: string; storeId: string }>(
    '/api/enroll',
    {
      code: code.body.code,
      name,
    },
  );
  if (enrolled.status !== 201) throw new Error(`enroll: ${enrolled.status} ${JSON.stringify(enrolled.body)}`);
  return { ...enrolled.body, api: new Api(server.url, enrolled.body.credential) };
}

export function pushRows(docs: Record<string, unknown>[], assumed?: (Record<string, unknown> | undefined)[]) {
  return docs.map((doc, i) => ({
    newDocumentState: { ...doc, _deleted: false },
    ...(assumed?.[i] ? { assumedMasterState: assumed[i] } : {}),
  }));
}

export interface TwoStores {
  server: TestServer;
  hq: Api;
  /** A register of store S001. */
  a: EnrolledDevice;
  /** A register of store S002. */
  b: EnrolledDevice;
}

/** A fresh server with stores S001 and S002 and one enrolled register in each. */
export async function startTwoStoreServer(
  backend: Backend,
  options: Parameters<typeof startTestServer>[1] = {},
): Promise<TwoStores> {
  const server = await startTestServer(backend, options);
  const hq = new Api(server.url, server.hqToken);
  await hq.post('/sync/config/push', pushRows([storeDoc('S001'), storeDoc('S002')]));
  return { server, hq, a: await enrollDevice(server, 'S001'), b: await enrollDevice(server, 'S002') };
}
