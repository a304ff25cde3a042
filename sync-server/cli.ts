// Command line: `serve` (default) runs the sync server; bad configuration ends with one line.
import { loadConfig } from './config';
import { startServer } from './server';
import { explainStartupError } from './startup-error';

async function serve(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    console.error(explainStartupError(error, {}));
    process.exit(1);
  }
  const context = {
    port: config.port,
    dataDir: config.storage.kind === 'sqlite' ? config.storage.dataDir : undefined,
    databaseUrl: config.storage.kind === 'postgres' ? config.storage.url : undefined,
  };
  try {
    const server = await startServer({ ...config, logLevel: config.logLevel });
    console.log(`Sync server listening on ${server.url} (storage: ${server.storage.kind} at ${server.storage.location})`);
    const stop = () => {
      server.close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  } catch (error) {
    console.error(explainStartupError(error, context));
    process.exit(1);
  }
}

const command = process.argv[2] ?? 'serve';
if (command === 'serve') {
  await serve();
} else {
  console.error(`Unknown command "${command}". Commands: serve`);
  process.exit(2);
}
