// `npm run bench`: runs every bench/*.bench.ts one after another (each in its own process, so one
// benchmark's heap and timers don't disturb the next), or only those whose name contains an argument.
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { runStep } from '../scripts/run-step';

const dir = import.meta.dirname;
const filters = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((file) => file.endsWith('.bench.ts'))
  .filter((file) => filters.length === 0 || filters.some((filter) => file.includes(filter)))
  .sort();

if (files.length === 0) {
  console.log(filters.length ? `No benchmark matches ${filters.join(', ')}.` : 'No benchmarks yet (bench/*.bench.ts).');
  process.exit(0);
}

const failed: string[] = [];
for (const file of files) {
  console.log(`\n=== bench: ${file}`);
  const code = await runStep('npx', ['tsx', resolve(dir, file)]);
  if (code !== 0) failed.push(file);
}
if (failed.length) {
  console.error(`\nBenchmarks failed: ${failed.join(', ')}`);
  process.exit(1);
}
console.log(`\n${files.length} benchmark(s) done; results in bench/results/, summary in bench/RESULTS.md.`);
