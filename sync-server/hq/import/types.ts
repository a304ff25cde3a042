// The shape every importer kind has: the CSV columns it reads, how a row becomes a document, and
// how a batch finds the documents the rows would replace (idempotency by SKU / external id).
import type { DocContext } from '../doc-writer';

export interface RowError {
  /** 1-based data row (the header is row 0), as a spreadsheet user counts after the header. */
  row: number;
  column: string;
  message: string;
}

export interface PreparedRow {
  row: number;
  /** Natural key from the file (SKU, external id, store:sku, login code). */
  key: string;
  doc: Record<string, unknown>;
}

export interface ImportContext {
  ctx: DocContext;
  /** Store code → store id, and the chain's defaults taken from the first store. */
  storeIds: Map<string, string>;
  defaults: { currency: string; priceBookId: string };
  now: string;
}

export interface BatchWrite {
  collection: string;
  next: Record<string, unknown>;
  previous: Record<string, unknown> | undefined;
  row: number;
}

export interface ImportKind {
  name: string;
  collection: string;
  required: readonly string[];
  optional: readonly string[];
  /** Done once before the first batch (e.g. the SKU → id map); returns the per-run state. */
  prepare(ic: ImportContext): Promise<void>;
  /** A row to a document, or the problems of the row by column. */
  toDoc(record: Record<string, string>, row: number, ic: ImportContext): Promise<PreparedRow | RowError[]>;
  /** What the valid rows of a batch would write; rows already stored as given write nothing. */
  plan(rows: PreparedRow[], ic: ImportContext): Promise<BatchWrite[]>;
}
