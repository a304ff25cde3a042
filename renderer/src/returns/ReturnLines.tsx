// The returnable lines of the sale found: per line how many come back (up to what is still
// returnable), why (the configured reason codes) and what happens to the goods.
import { RETURN_REASONS } from '../../../shared/schemas/returns';
import { DISPOSITIONS, type Disposition, type ReturnCondition } from '../local-data/returns-documents';
import { fmt } from '../ui/format';
import { useReturnDesk } from './returns-store';
import type { FoundSale, ReturnLineInput } from './returns-port';

const REASON_LABEL: Record<(typeof RETURN_REASONS)[number], string> = {
  changed_mind: 'Changed mind',
  defective: 'Defective',
  wrong_item: 'Wrong item',
  damaged_in_transit: 'Damaged in transit',
  not_as_described: 'Not as described',
  other: 'Other',
};
const CONDITIONS: { value: ReturnCondition; label: string; disposition: Disposition }[] = [
  { value: 'sellable', label: 'As new', disposition: 'back_to_stock' },
  { value: 'opened', label: 'Opened', disposition: 'back_to_stock' },
  { value: 'damaged', label: 'Damaged', disposition: 'damaged' },
];
const DISPOSITION_LABEL: Record<Disposition, string> = {
  back_to_stock: 'Back to stock',
  damaged: 'Damaged (write off)',
  return_to_vendor: 'Return to vendor',
};

export function ReturnLines({ found }: { found: FoundSale }) {
  const selections = useReturnDesk((s) => s.selections);
  const setLine = useReturnDesk((s) => s.setLine);
  const { order, lines } = found.view;
  return (
    <table className="panel" style={{ width: '100%', borderCollapse: 'collapse' }} data-testid="return-lines">
      <thead>
        <tr>
          <th align="left">Item</th>
          <th>Bought</th>
          <th>Returned</th>
          <th>Return now</th>
          <th>Reason</th>
          <th>Condition</th>
          <th>Goes to</th>
        </tr>
      </thead>
      <tbody>
        {order.lines.map((line, index) => {
          const state = lines.find((l) => l.lineId === line.id);
          const returnable = state?.returnable ?? 0;
          const sel: ReturnLineInput = selections[line.id] ?? {
            lineId: line.id,
            quantity: 0,
            reason: 'changed_mind',
            condition: 'sellable',
            disposition: 'back_to_stock',
          };
          const change = (patch: Partial<ReturnLineInput>): void => setLine({ ...sel, ...patch });
          return (
            <tr key={line.id} data-testid="return-line" style={{ borderTop: '1px solid var(--line)' }}>
              <td>
                <strong>{line.name}</strong>
                <div className="muted">
                  {line.sku} · {fmt(line.unitPrice, order.currency)}
                </div>
              </td>
              <td className="num">{state?.bought ?? line.quantity}</td>
              <td className="num">{state?.returned ?? 0}</td>
              <td>
                <input
                  className="input"
                  style={{ width: 80 }}
                  inputMode="numeric"
                  aria-label={`Quantity of ${line.name} to return`}
                  data-testid={`return-qty-${index}`}
                  value={sel.quantity === 0 ? '' : String(sel.quantity)}
                  placeholder={returnable === 0 ? '—' : `0–${returnable}`}
                  disabled={returnable === 0}
                  onChange={(e) => {
                    const n = Number(e.target.value.replace(/\D/g, '') || '0');
                    change({ quantity: Math.min(n, returnable) });
                  }}
                />
              </td>
              <td>
                <select
                  className="input"
                  value={sel.reason}
                  onChange={(e) => change({ reason: e.target.value as ReturnLineInput['reason'] })}
                  data-testid={`return-reason-${index}`}
                  aria-label="Reason"
                >
                  {RETURN_REASONS.map((r) => (
                    <option key={r} value={r}>
                      {REASON_LABEL[r]}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                <select
                  className="input"
                  value={sel.condition}
                  aria-label="Condition"
                  data-testid={`return-condition-${index}`}
                  onChange={(e) => {
                    const c = CONDITIONS.find((x) => x.value === e.target.value)!;
                    change({ condition: c.value, disposition: c.disposition });
                  }}
                >
                  {CONDITIONS.map((c) => (
                    <option key={c.value} value={c.value}>
                      {c.label}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                <select
                  className="input"
                  value={sel.disposition}
                  aria-label="Disposition"
                  data-testid={`return-disposition-${index}`}
                  onChange={(e) => change({ disposition: e.target.value as Disposition })}
                >
                  {DISPOSITIONS.map((d) => (
                    <option key={d} value={d}>
                      {DISPOSITION_LABEL[d]}
                    </option>
                  ))}
                </select>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
