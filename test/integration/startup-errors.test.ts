// Bad configuration ends the server with one line that says what to fix, never a stack trace.
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../support/temp-dir';

function runCli(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolvePromise) => {
    const child = spawn('npx', ['tsx', 'sync-server/cli.ts', 'serve'], {
      env: { ...process.env, LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolvePromise({ code, stdout, stderr });
    });
  });
}

function expectOneLine(stderr: string, pattern: RegExp): void {
  const lines = stderr
    .trim()
    .split('\n')
    .filter((line) => !line.startsWith('npm '));
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
  expect(stderr).not.toMatch(/\n\s+at /); // no stack trace
}

describe('sync server start-up errors', () => {
  const temp = makeTempDir();
  let blocker: Server;
  let busyPort = 0;

  beforeAll(async () => {
    blocker = createServer();
    await new Promise<void>((done) => blocker.listen(0, '127.0.0.1', done));
    const address = blocker.address();
    busyPort = typeof address === 'object' && address ? address.port : 0;
  });

  afterAll(async () => {
    await new Promise<void>((done) => blocker.close(() => done()));
    temp.remove();
  });

  it('says the port is in use', async () => {
    const result = await runCli({ PORT: String(busyPort), DATA_DIR: join(temp.path, 'a') });
    expect(result.code).toBe(1);
    expectOneLine(result.stderr, new RegExp(`Port ${busyPort} is already in use.*PORT`));
  });

  it('says the data folder cannot be written', async () => {
    const file = join(temp.path, 'not-a-folder');
    writeFileSync(file, 'x');
    const result = await runCli({ PORT: '0', DATA_DIR: join(file, 'data') });
    expect(result.code).toBe(1);
    expectOneLine(result.stderr, /Cannot write to the data folder .*DATA_DIR/);
  });

  it('says PostgreSQL cannot be reached', async () => {
    const result = await runCli({ PORT: '0', DATABASE_URL: 'postgres://pos:secret@127.0.0.1:1/pos' });
    expect(result.code).toBe(1);
    expectOneLine(result.stderr, /Cannot reach the PostgreSQL server in DATABASE_URL/);
    expect(result.stderr).not.toContain('secret');
  });

  it('rejects a malformed PORT and a non-postgres DATABASE_URL', async () => {
    expectOneLine((await runCli({ PORT: 'eighty' })).stderr, /PORT must be a whole number/);
    expectOneLine((await runCli({ DATABASE_URL: 'mysql://x' })).stderr, /DATABASE_URL must be a postgres:\/\/ URL/);
  });
});
