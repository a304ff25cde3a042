// Purchase orders from a CSV file (one row per line; rows with the same number form one order;
// a `carton` column makes it an ASN). Parsed with csv-parse; the result goes through the same
// validation as the JSON API.
import { parse } from 'csv-parse/sync';
import { DomainError } from '../../shared/errors';
import { InventoryError } from '../../shared/inventory/errors';
import type { PurchaseOrderInput } from '../../shared/inventory/receiving';

export const PO_CSV_COLUMNS = ['id', 'number', 'store', 'supplier', 'sku', 'quantity', 'carton'] as const;
const MAX_ROWS = 50_000;

function bad(message: string, row?: number): DomainError {
  return new DomainError(
    InventoryError.BAD_RECEIVING_DOCUMENT,
    row === undefined ? message : `Row ${row}: ${message}`,
    { field: 'csv', ...(row === undefined ? {} : { row }) },
  );
}

export function purchaseOrdersFromCsv(text: string): PurchaseOrderInput[] {
  let rows: Record<string, string>[];
  try {
    rows = parse(text, { columns: true, skip_empty_lines: true, trim: true, bom: true, to: MAX_ROWS + 1 }) as Record<
      string,
      string
    >[];
  } catch (error) {
    throw bad(
      `The file is not valid CSV (${error instanceof Error ? error.message : String(error)}). Save it as CSV with a header row: ${PO_CSV_COLUMNS.join(',')}.`,
    );
  }
  if (rows.length === 0)
    throw bad(`The file has no rows. The header row is: ${PO_CSV_COLUMNS.join(',')} (carton optional).`);
  if (rows.length > MAX_ROWS) throw bad(`The file has more than ${MAX_ROWS} rows; split it.`);
  const missing = PO_CSV_COLUMNS.filter((c) => c !== 'carton' && !(c in rows[0]!));
  if (missing.length) throw bad(`The header lacks ${missing.join(', ')}; the columns are ${PO_CSV_COLUMNS.join(',')}.`);
  const orders = new Map<string, PurchaseOrderInput & { cartons: NonNullable<PurchaseOrderInput['cartons']> }>();
  rows.forEach((r, i) => {
    const row = i + 2; // 1-based, after the header
    const quantity = Number(r.quantity);
    if (!Number.isInteger(quantity) || quantity < 1)
      throw bad(`quantity "${r.quantity}" is not a whole number of units.`, row);
    const key = r.number ?? '';
    let po = orders.get(key);
    if (!po) {
      po = {
        id: r.id ?? '',
        kind: 'purchase_order',
        number: key,
        storeId: r.store ?? '',
        supplier: r.supplier ?? '',
        lines: [],
        cartons: [],
      };
      orders.set(key, po);
    } else if (po.id !== r.id || po.storeId !== r.store) {
      throw bad(`order ${key} has two different ids or stores; one order number is one document.`, row);
    }
    po.lines.push({ sku: r.sku ?? '', quantity });
    if (r.carton) {
      po.kind = 'asn';
      let carton = po.cartons.find((c) => c.code === r.carton);
      if (!carton) po.cartons.push((carton = { code: r.carton, lines: [] }));
      carton.lines.push({ sku: r.sku ?? '', quantity });
    }
  });
  return [...orders.values()];
}
