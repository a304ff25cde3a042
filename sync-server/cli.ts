// Command line: `serve` (default) runs the sync server; `enroll-code --store S001` prints a
// one-time enrollment code; `revoke-device --device <id>` disconnects a register;
// `rotate-hq-token` replaces the stored HQ admin token; `rotate-seal-key` makes a new gift card
// sealing key current (the old one stays accepted for SYNC_SEAL_KEY_GRACE_DAYS); `channel-key` and `carrier-key` manage the
// order API's keys (orchestration/key-cli.ts). Bad configuration ends with one line.
import { parseArgs } from 'node:util';
import { loadConfig, type ServerConfig } from './config';
import { startServer } from './server';
import { explainStartupError } from './startup-error';
import { openStorage } from './storage/open';
import { AuthService } from './auth/auth-service';
import { ensureHqToken, rotateHqToken } from './auth/hq-token';
import { toErrorBody, isDomainError } from '../shared/errors';
import { hqUserCommand } from './hq/user-cli';
import { ensureGiftCardKeys } from './gift-cards/keys';
import { carrierKeyCommand, channelKeyCommand } from './orchestration/key-cli';

function configOrExit(): ServerConfig {
  try {
    return loadConfig();
  } catch (error) {
    console.error(explainStartupError(error, {}));
    process.exit(1);
  }
}

function contextOf(config: ServerConfig) {
  return {
    port: config.port,
    dataDir: config.storage.kind === 'sqlite' ? config.storage.dataDir : undefined,
    databaseUrl: config.storage.kind === 'postgres' ? config.storage.url : undefined,
  };
}

async function serve(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { 'seed-demo': { type: 'boolean', default: false } } });
  const config = configOrExit();
  try {
    const server = await startServer({ ...config, seedDemo: values['seed-demo'] === true });
    console.log(
      `Sync server listening on ${server.url} (storage: ${server.storage.kind} at ${server.storage.location})`,
    );
    if (server.seeded?.seeded) {
      const counts = Object.entries(server.seeded.counts)
        .map(([name, n]) => `${n} ${name}`)
        .join(', ');
      console.log(
        `Demo chain seeded: ${counts}. Demo staff PINs: clerk 1001/1111, manager 9001/918273 (see docs/SYNC-API.md).`,
      );
    }
    if (server.hqTokenGenerated && server.hqToken) showTokenOnce(server.hqToken, config);
    const stop = () => {
      server.close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  } catch (error) {
    console.error(explainStartupError(error, contextOf(config)));
    process.exit(1);
  }
}

/**
 * A generated HQ token is shown once on an interactive terminal, never in the structured log nor
 * in a redirected stdout (a log file); it is also in DATA_DIR/hq-token.txt (0600) with SQLite.
 */
function showTokenOnce(token: string, config: ServerConfig): void {
  const file =
    config.storage.kind === 'sqlite'
      ? ` It is also in ${config.storage.dataDir}/hq-token.txt (readable by this user only).`
      : '';
  if (process.stdout.isTTY) console.log(`HQ admin token (shown once): ${token}.${file}`);
  else
    console.error(
      `An HQ admin token was generated; it is not printed because the output is not a terminal.${file || ' Rotate it on a terminal with: tsx sync-server/cli.ts rotate-hq-token'}`,
    );
}

/** Runs `fn` against the configured storage without starting the HTTP server. */
async function withAuth(
  fn: (auth: AuthService, storage: Awaited<ReturnType<typeof openStorage>>) => Promise<void>,
): Promise<void> {
  const config = configOrExit();
  let storage;
  try {
    storage = await openStorage(config.storage);
  } catch (error) {
    console.error(explainStartupError(error, contextOf(config)));
    process.exit(1);
  }
  try {
    const dataDir = config.storage.kind === 'sqlite' ? config.storage.dataDir : undefined;
    const hq = await ensureHqToken(storage, config.hqToken, dataDir);
    await fn(new AuthService(storage, hq.hash), storage);
  } catch (error) {
    console.error(isDomainError(error) ? toErrorBody(error).message : explainStartupError(error, contextOf(config)));
    process.exitCode = 1;
  } finally {
    await storage.close();
  }
}

const [command = 'serve', ...rest] = process.argv.slice(2);
switch (command) {
  case 'serve':
    await serve(rest);
    break;
  case 'enroll-code': {
    const { values } = parseArgs({
      args: rest,
      options: { store: { type: 'string' }, 'ttl-minutes': { type: 'string' } },
    });
    if (!values.store) {
      console.error('Name the store: npm run server:enroll-code -- --store S001');
      process.exit(2);
    }
    await withAuth(async (auth) => {
      const ttl = values['ttl-minutes'] === undefined ? undefined : Number(values['ttl-minutes']);
      const code = await auth.createEnrollmentCode(values.store, ttl);
      // stdout carries only the code so scripts can capture it; the rest goes to stderr.
      console.error(`Enrollment code for store ${values.store} (valid until ${code.expiresAt}, single use):`);
      console.log(code.code);
    });
    break;
  }
  case 'revoke-device': {
    const { values } = parseArgs({ args: rest, options: { device: { type: 'string' } } });
    if (!values.device) {
      console.error('Name the device: tsx sync-server/cli.ts revoke-device --device <device id>');
      process.exit(2);
    }
    await withAuth(async (auth) => {
      await auth.revoke(values.device as string);
      console.log(`Device ${values.device} revoked; it can no longer sync.`);
    });
    break;
  }
  case 'channel-key':
    await withAuth((_auth, storage) => channelKeyCommand(rest, storage));
    break;
  case 'carrier-key':
    await withAuth((_auth, storage) => carrierKeyCommand(rest, storage));
    break;
  case 'hq-user':
    await withAuth((_auth, storage) => hqUserCommand(rest, storage));
    break;
  case 'rotate-hq-token': {
    const config = configOrExit();
    await withAuth(async (_auth, storage) => {
      const token = await rotateHqToken(
        storage,
        config.hqToken,
        config.storage.kind === 'sqlite' ? config.storage.dataDir : undefined,
      );
      console.error('New HQ admin token stored; the old one stops working when the server restarts.');
      showTokenOnce(token, config);
    });
    break;
  }
  case 'rotate-seal-key': {
    const config = configOrExit();
    await withAuth(async (_auth, storage) => {
      const keys = await ensureGiftCardKeys(storage, config.giftCardKey, {
        sealKeyGraceDays: config.sealKeyGraceDays,
      });
      const key = await keys.rotateSealKey();
      console.log(`New gift card sealing key ${key.id} is current; registers pick it up when next online.`);
      for (const k of await keys.sealKeys())
        if (k.status === 'grace')
          console.log(`Key ${k.id} retired ${k.retiredAt}; its seals are accepted until ${k.acceptedUntil}.`);
    });
    break;
  }
  default:
    console.error(
      `Unknown command "${command}". Commands: serve [--seed-demo], enroll-code --store <code>, revoke-device --device <id>, rotate-hq-token, rotate-seal-key, hq-user add|list, channel-key create|rotate|revoke|list, carrier-key create|revoke`,
    );
    process.exit(2);
}
