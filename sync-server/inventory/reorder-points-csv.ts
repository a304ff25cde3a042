// Reorder points from a CSV upload (store_code, sku, reorder_point, reorder_quantity optional),
// parsed as it arrives with csv-parse, the parser of the HQ importer (sync-server/hq/import). Rows
// with a problem are reported by row and column and skipped; the valid ones are saved in batches.
import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { DomainError, isDomainError } from '../../shared/errors';
import { parseReorderPoint, type ReorderPoint } from '../../shared/inventory/alerts';
import { InventoryError } from '../../shared/inventory/errors';
import type { Storage } from '../storage/storage';
import { saveReorderPoints } from './alert-service';
import type { StoreDirectory } from './store-directory';

export const REORDER_CSV_COLUMNS = ['store_code', 'sku', 'reorder_point', 'reorder_quantity'] as const;
const REQUIRED = ['store_code', 'sku', 'reorder_point'];
const BATCH = 1_000;
const MAX_ROWS = 200_000;
const MAX_REPORTED_ERRORS = 200;

export interface ReorderCsvReport {
  rows: number;
  saved: number;
  errorCount: number;
  errors: { row: number; column: string; message: string }[];
}

/** A cell as a whole number, or the text itself (so parseReorderPoint names it in its sentence). */
function wholeCell(text: string | undefined): unknown {
  const t = (text ?? '').trim();
  if (t === '') return undefined;
  return /^\d+$/.test(t) ? Number(t) : t;
}

export async function importReorderPointsCsv(
  storage: Storage,
  directory: StoreDirectory,
  input: Readable,
): Promise<ReorderCsvReport> {
  const stores = await directory.stores();
  const byCode = new Map([...stores.values()].map((s) => [s.code, s.id]));
  const report: ReorderCsvReport = { rows: 0, saved: 0, errorCount: 0, errors: [] };
  const fail = (row: number, column: string, message: string) => {
    report.errorCount++;
    if (report.errors.length < MAX_REPORTED_ERRORS) report.errors.push({ row, column, message });
  };
  const parser = input.pipe(
    parse({
      bom: true,
      skip_empty_lines: true,
      relax_column_count: true,
      columns: (header: string[]) => {
        const names = header.map((h) => h.trim().toLowerCase().replace(/\s+/g, '_'));
        const missing = REQUIRED.filter((c) => !names.includes(c));
        if (missing.length > 0)
          throw new DomainError(
            InventoryError.BAD_REORDER_POINT,
            `The file has no ${missing.join(', ')} column(s). The header row is: ${REORDER_CSV_COLUMNS.join(',')} (reorder_quantity optional).`,
            { missing },
          );
        return names;
      },
    }),
  );
  const seen = new Map<string, number>();
  let batch: ReorderPoint[] = [];
  try {
    for await (const r of parser as AsyncIterable<Record<string, string>>) {
      const row = ++report.rows;
      if (row > MAX_ROWS)
        throw new DomainError(InventoryError.BAD_REORDER_POINT, `The file has more than ${MAX_ROWS} rows; split it.`);
      const code = (r.store_code ?? '').trim();
      const storeId = byCode.get(code);
      if (!storeId) {
        fail(row, 'store_code', `No store with code "${code}": use a code from the Stores page.`);
        continue;
      }
      const sku = (r.sku ?? '').trim();
      let point: ReorderPoint;
      try {
        point = parseReorderPoint({
          storeId,
          sku,
          reorderPoint: wholeCell(r.reorder_point),
          reorderQuantity: wholeCell(r.reorder_quantity),
        });
      } catch (error) {
        if (!isDomainError(error)) throw error;
        const column = !sku ? 'sku' : /quantity/.test(error.message) ? 'reorder_quantity' : 'reorder_point';
        fail(row, column, error.message);
        continue;
      }
      const key = `${code}:${sku}`;
      const first = seen.get(key);
      if (first !== undefined) {
        fail(row, 'sku', `${sku} at ${code} repeats row ${first}: keep one row per store and SKU.`);
        continue;
      }
      seen.set(key, row);
      batch.push(point);
      if (batch.length >= BATCH) {
        await saveReorderPoints(storage, batch);
        report.saved += batch.length;
        batch = [];
      }
    }
  } catch (error) {
    if (isDomainError(error)) throw error;
    throw new DomainError(
      InventoryError.BAD_REORDER_POINT,
      `The file is not valid CSV (${error instanceof Error ? error.message : String(error)}). Save it as CSV with a header row: ${REORDER_CSV_COLUMNS.join(',')}.`,
    );
  }
  if (batch.length > 0) {
    await saveReorderPoints(storage, batch);
    report.saved += batch.length;
  }
  return report;
}
