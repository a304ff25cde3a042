// `npm test`: typecheck, lint, then every vitest project. PostgreSQL and Chromium suites run when
// those are available; otherwise one line says what was skipped and how to enable it.
// POS_REQUIRE_PG=1 / POS_REQUIRE_CHROMIUM=1 (set by CI) turn a missing back-end into a failure.
import { existsSync } from 'node:fs';
import pg from 'pg';
import { runStep } from './run-step';

const defaultPgUrl = 'postgres://postgres@127.0.0.1:5432/test';
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

async function probePostgres(url: string): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function main(): Promise<void> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  const failures: string[] = [];
  const fast = process.argv.includes('--fast');

  const pgUrl = process.env.POS_TEST_PG_URL || defaultPgUrl;
  const pgProblem = await probePostgres(pgUrl);
  if (pgProblem) {
    const line = `PostgreSQL suites skipped: cannot connect to ${pgUrl} (${pgProblem}). Start PostgreSQL or set POS_TEST_PG_URL to enable them.`;
    if (process.env.POS_REQUIRE_PG === '1') failures.push(line);
    console.log(`\n>>> ${line}\n`);
    delete env.POS_TEST_PG_URL;
  } else {
    env.POS_TEST_PG_URL = pgUrl;
  }

  const haveChromium = existsSync(chromiumPath);
  if (!haveChromium || fast) {
    const line = fast
      ? 'Chromium end-to-end suites skipped (--fast).'
      : `Chromium end-to-end suites skipped: no browser at ${chromiumPath}. Install it (apt-get install -y chromium) or set CHROMIUM_PATH to enable them.`;
    if (process.env.POS_REQUIRE_CHROMIUM === '1') failures.push(line);
    console.log(`\n>>> ${line}\n`);
  } else {
    env.POS_TEST_CHROMIUM = '1';
  }

  const steps: Array<[string, string, string[]]> = [
    ['typecheck', 'npm', ['run', '--silent', 'typecheck']],
    ['lint', 'npm', ['run', '--silent', 'lint']],
  ];
  if (env.POS_TEST_CHROMIUM === '1') steps.push(['build', 'npx', ['electron-vite', 'build', '--logLevel', 'warn']]);
  steps.push(['tests', 'npx', ['vitest', 'run']]);

  for (const [name, command, args] of steps) {
    console.log(`\n=== ${name}: ${command} ${args.join(' ')}`);
    const code = await runStep(command, args, env);
    if (code !== 0) failures.push(`${name} failed (exit ${code})`);
    if (code !== 0 && name === 'build') break;
  }

  if (failures.length > 0) {
    console.error(`\nnpm test FAILED:\n- ${failures.join('\n- ')}`);
    process.exit(1);
  }
  console.log('\nnpm test: all steps passed.');
}

await main();
