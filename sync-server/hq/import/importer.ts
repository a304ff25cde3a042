// Streams a CSV through an importer kind in batches of 500 rows: parse (csv-parse), validate each
// row against the collection's schema, find what each row would replace, and (unless a dry run)
// write only what changes. Memory holds one batch and the key map, never the file: a
// 100,000-row file reads as 200 batches. Rows with problems are reported by row and column and
// skipped; the rest is imported.
import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { DomainError } from '../../../shared/errors';
import type { DocContext } from '../doc-writer';
import { allDocs, writeDocs } from '../doc-writer';
import { HqError } from '../errors';
import { IMPORT_KINDS, type ImportKindName } from './kinds';
import type { BatchWrite, ImportContext, PreparedRow, RowError } from './types';

export const BATCH_ROWS = 500;
const MAX_REPORTED_ERRORS = 1000;

export interface ImportProgress {
  rows: number;
  bytes: number;
}

export interface ImportReport {
  kind: string;
  dryRun: boolean;
  rows: number;
  valid: number;
  invalid: number;
  created: number;
  updated: number;
  unchanged: number;
  errors: RowError[];
  /** All row problems, including those beyond the first 1,000 listed in `errors`. */
  errorCount: number;
  ignoredColumns: string[];
}

export interface ImportOptions {
  kind: string;
  input: Readable;
  dryRun: boolean;
  onProgress?: (progress: ImportProgress) => void;
}

export function isImportKind(kind: string): kind is ImportKindName {
  return kind in IMPORT_KINDS;
}

async function importContext(ctx: DocContext): Promise<ImportContext> {
  const stores = (await allDocs(ctx, 'config')).filter((d) => d.kind === 'store');
  const first = stores[0]?.payload as { currency?: string; priceBookId?: string } | undefined;
  return {
    ctx,
    storeIds: new Map(stores.map((s) => [String(s.key), String(s.id)])),
    defaults: { currency: first?.currency ?? 'USD', priceBookId: first?.priceBookId ?? '' },
    now: new Date().toISOString(),
  };
}

export async function runImport(ctx: DocContext, options: ImportOptions): Promise<ImportReport> {
  if (!isImportKind(options.kind)) {
    throw new DomainError(
      HqError.INVALID_INPUT,
      `Unknown import "${options.kind}": choose one of ${Object.keys(IMPORT_KINDS).join(', ')}.`,
      { field: 'kind' },
    );
  }
  const kind = IMPORT_KINDS[options.kind]();
  const ic = await importContext(ctx);
  await kind.prepare(ic);
  const report: ImportReport = {
    kind: kind.name,
    dryRun: options.dryRun,
    rows: 0,
    valid: 0,
    invalid: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    errors: [],
    errorCount: 0,
    ignoredColumns: [],
  };
  const addErrors = (errors: RowError[]) => {
    report.errorCount += errors.length;
    for (const e of errors) if (report.errors.length < MAX_REPORTED_ERRORS) report.errors.push(e);
  };
  let bytes = 0;
  options.input.on('data', (chunk: Buffer | string) => {
    bytes += chunk.length;
  });
  const known = new Set([...kind.required, ...kind.optional]);
  const parser = options.input.pipe(
    parse({
      bom: true,
      skip_empty_lines: true,
      relax_column_count: true,
      columns: (header: string[]) => {
        const names = header.map((h) => h.trim().toLowerCase().replace(/\s+/g, '_'));
        const missing = kind.required.filter((c) => !names.includes(c));
        if (missing.length > 0) {
          throw new DomainError(
            HqError.IMPORT_FAILED,
            `The file has no ${missing.join(', ')} column(s). A ${kind.name} file needs: ${kind.required.join(', ')}.`,
            { missing },
          );
        }
        report.ignoredColumns = names.filter((n) => !known.has(n));
        return names;
      },
    }),
  );
  const firstRowOfKey = new Map<string, number>();
  let batch: PreparedRow[] = [];
  const flush = async () => {
    const writes = await kind.plan(batch, ic);
    report.unchanged += batch.length - writes.length;
    batch = [];
    if (writes.length === 0) return;
    if (options.dryRun) {
      for (const w of writes) {
        if (w.previous) report.updated++;
        else report.created++;
      }
      return;
    }
    await write(ctx, writes, report, addErrors);
  };
  try {
    for await (const record of parser as AsyncIterable<Record<string, string>>) {
      report.rows++;
      const row = report.rows;
      const prepared = await kind.toDoc(record, row, ic);
      if (Array.isArray(prepared)) {
        report.invalid++;
        addErrors(prepared);
      } else if (firstRowOfKey.has(prepared.key)) {
        report.invalid++;
        addErrors([
          {
            row,
            column: kind.required[0] ?? 'key',
            message: `${prepared.key} repeats row ${firstRowOfKey.get(prepared.key)}: keep one row per ${kind.required[0]}.`,
          },
        ]);
      } else {
        firstRowOfKey.set(prepared.key, row);
        report.valid++;
        batch.push(prepared);
        if (batch.length >= BATCH_ROWS) {
          await flush();
          options.onProgress?.({ rows: report.rows, bytes });
        }
      }
    }
    if (batch.length > 0) await flush();
  } catch (error) {
    if (error instanceof DomainError) throw error;
    const code = (error as { code?: string }).code;
    if (typeof code === 'string' && code.startsWith('CSV_')) {
      throw new DomainError(
        HqError.IMPORT_FAILED,
        `The file is not valid CSV near row ${report.rows + 1}: ${(error as Error).message}. Rows before it were ${options.dryRun ? 'checked' : 'imported'}.`,
        { row: report.rows + 1 },
      );
    }
    throw error;
  }
  options.onProgress?.({ rows: report.rows, bytes });
  return report;
}

async function write(
  ctx: DocContext,
  writes: BatchWrite[],
  report: ImportReport,
  addErrors: (e: RowError[]) => void,
): Promise<void> {
  const byCollection = new Map<string, BatchWrite[]>();
  for (const w of writes) byCollection.set(w.collection, [...(byCollection.get(w.collection) ?? []), w]);
  for (const [collection, group] of byCollection) {
    const result = await writeDocs(
      ctx,
      collection,
      group.map((w) => ({ next: w.next, previous: w.previous })),
    );
    const rowOf = new Map(group.map((w) => [String(w.next.id), w]));
    const refused = new Set<string>();
    for (const r of result.rejected) {
      refused.add(r.id);
      addErrors([{ row: rowOf.get(r.id)?.row ?? 0, column: r.field, message: r.message }]);
    }
    for (const c of result.conflicts) {
      const id = String(c.id);
      refused.add(id);
      addErrors([
        {
          row: rowOf.get(id)?.row ?? 0,
          column: 'id',
          message: 'The record changed while importing: run the import again.',
        },
      ]);
    }
    for (const w of group) {
      if (refused.has(String(w.next.id))) {
        report.valid--;
        report.invalid++;
      } else if (w.previous) report.updated++;
      else report.created++;
    }
  }
}
