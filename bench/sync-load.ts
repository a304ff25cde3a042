// Shared pieces of the sync benchmarks: a server in its own process on SQLite or PostgreSQL,
// stores and enrolled devices, and valid light documents to push.
import { ServerProcess, type ProcessBackend } from '../test/support/sync-server-process';
import { enroll, hqPush, type Device } from '../test/support/sync-clients';
import { storeDoc } from '../test/integration/server-fixtures';

/** PostgreSQL for benchmarks: POS_BENCH_PG_URL, else the test database when enabled. */
const benchPgUrl = process.env.POS_BENCH_PG_URL || process.env.POS_TEST_PG_URL || undefined;

export function benchBackends(): ProcessBackend[] {
  return benchPgUrl ? ['sqlite', 'postgres'] : ['sqlite'];
}

export async function startBenchServer(backend: ProcessBackend): Promise<ServerProcess> {
  return ServerProcess.create({ backend, logLevel: process.env.BENCH_SERVER_LOG ?? 'warn', pgUrl: benchPgUrl });
}

export const storeCode = (i: number) => `B${String(i).padStart(3, '0')}`;

/** `count` stores, one enrolled register in each. */
export async function enrollRegisters(
  server: ServerProcess,
  count: number,
): Promise<{ device: Device; code: string }[]> {
  const codes = Array.from({ length: count }, (_, i) => storeCode(i + 1));
  await hqPush(
    server,
    'config',
    codes.map((code) => storeDoc(code)),
  );
  const devices: { device: Device; code: string }[] = [];
  for (const code of codes) devices.push({ device: await enroll(server, code, `bench ${code}`), code });
  return devices;
}

export function elapsedSince(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

export function round(n: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}
