// `npm run import -- <products|stock|customers|staff> <file.csv> [--dry-run] [--report report.json]`
// imports a CSV into the configured storage (same DATA_DIR / DATABASE_URL as the server), with a
// progress bar on stderr. A dry run checks every row and writes nothing. Exit code 0: every row
// fine; 1: some rows had problems (listed; the rest was imported); 2: the import could not run.
import { createReadStream, statSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadConfig } from '../sync-server/config';
import { openStorage } from '../sync-server/storage/open';
import { buildPolicies } from '../sync-server/replication/collection-policies';
import { inventoryProjection } from '../sync-server/replication/inventory-projection';
import { balanceProjection, chainProjections } from '../sync-server/replication/balance-projection';
import { runImport, isImportKind, type ImportProgress } from '../sync-server/hq/import/importer';
import { IMPORT_KINDS } from '../sync-server/hq/import/kinds';
import { isDomainError } from '../shared/errors';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { 'dry-run': { type: 'boolean', default: false }, report: { type: 'string' } },
});
const [kind, file] = positionals;
if (!kind || !file || !isImportKind(kind)) {
  console.error(
    `Usage: npm run import -- <${Object.keys(IMPORT_KINDS).join('|')}> <file.csv> [--dry-run] [--report report.json]`,
  );
  process.exit(2);
}
let size: number;
try {
  size = statSync(file).size;
} catch {
  console.error(`Cannot read ${file}: check the path.`);
  process.exit(2);
}

function bar(progress: ImportProgress): void {
  if (!process.stderr.isTTY && progress.bytes < size) return;
  const share = size === 0 ? 1 : Math.min(1, progress.bytes / size);
  const filled = Math.round(share * 30);
  process.stderr.write(
    `\r[${'#'.repeat(filled)}${'.'.repeat(30 - filled)}] ${Math.round(share * 100)}%  ${progress.rows.toLocaleString('en')} rows`,
  );
}

const storage = await openStorage(loadConfig().storage);
try {
  const policies = buildPolicies();
  const afterWrite = chainProjections(inventoryProjection(policies), balanceProjection(policies));
  const started = Date.now();
  const report = await runImport(
    { storage, policies, afterWrite },
    { kind, input: createReadStream(file), dryRun: values['dry-run'] === true, onProgress: bar },
  );
  process.stderr.write('\n');
  const verb = report.dryRun ? 'would ' : '';
  console.log(
    `${report.dryRun ? 'Dry run' : 'Import'} of ${report.rows} ${kind} rows in ${((Date.now() - started) / 1000).toFixed(1)} s: ` +
      `${report.valid} valid, ${report.invalid} with problems; ${verb}create ${report.created}, ${verb}update ${report.updated}, ${report.unchanged} unchanged.`,
  );
  if (report.ignoredColumns.length > 0) console.log(`Ignored columns: ${report.ignoredColumns.join(', ')}`);
  for (const e of report.errors.slice(0, 50)) console.log(`  row ${e.row}, ${e.column}: ${e.message}`);
  if (report.errorCount > 50)
    console.log(
      `  … and ${report.errorCount - 50} more${values.report ? '' : ' (write them all with --report file.json)'}`,
    );
  if (values.report) writeFileSync(values.report, JSON.stringify(report, null, 2));
  process.exitCode = report.errorCount > 0 ? 1 : 0;
} catch (error) {
  process.stderr.write('\n');
  console.error(isDomainError(error) ? error.message : `The import stopped: ${(error as Error).message}`);
  process.exitCode = 2;
} finally {
  await storage.close();
}
