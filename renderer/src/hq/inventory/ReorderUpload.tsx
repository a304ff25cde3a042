// Reorder points from a CSV file (store_code, sku, reorder_point, reorder_quantity): rows with a
// problem are listed by row and column; the others are saved. Automation can also PUT them as JSON.
import { CsvUpload } from '../shared/CsvUpload';
import { INVENTORY_API, type ReorderReport } from './inventory-types';

export function ReorderUpload(props: { onSaved: () => void }) {
  return (
    <CsvUpload<ReorderReport>
      heading={
        <h2 id="reorder-title" className="hq-wide">
          Reorder points (CSV)
        </h2>
      }
      fileLabel="Reorder points file"
      help={
        <>
          Columns: <strong>store_code, sku, reorder_point</strong>; optional reorder_quantity (else the point). A row
          for a store and SKU replaces the earlier point.
        </>
      }
      actions={[{ label: 'Upload reorder points', path: INVENTORY_API.reorderPoints, primary: true }]}
      reportTestId="reorder-report"
      problemsLabel="Reorder point problems"
      summary={(report) => (
        <p role="status">
          {report.rows} rows: {report.saved} saved, <strong>{report.errorCount} with problems</strong>.
        </p>
      )}
      onReport={props.onSaved}
    />
  );
}
