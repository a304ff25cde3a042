// Expected vs received per SKU while receiving (with damaged units editable) and after closing.
import type { ReceivedLine } from '../../../shared/inventory/receiving';

export function ReceiptLinesTable({
  lines,
  onDamaged,
}: {
  lines: ReceivedLine[];
  onDamaged?: (sku: string, damaged: number) => void;
}) {
  return (
    <table className="grid" data-testid="receiving-lines">
      <thead>
        <tr>
          <th>SKU</th>
          <th className="num">Expected</th>
          <th className="num">Received</th>
          <th className="num">Damaged</th>
          <th className="num">Over</th>
          <th className="num">Short</th>
        </tr>
      </thead>
      <tbody>
        {lines.map((l) => (
          <tr key={l.sku} data-testid={`receiving-line-${l.sku}`}>
            <td>{l.sku}</td>
            <td className="num">{l.expected}</td>
            <td className="num" data-testid="received">
              {l.received}
            </td>
            <td className="num">
              {onDamaged ? (
                <input
                  className="input damaged"
                  type="number"
                  min={0}
                  max={l.received}
                  aria-label={`Damaged units of ${l.sku}`}
                  data-testid={`damaged-${l.sku}`}
                  value={l.damaged}
                  onChange={(e) => onDamaged(l.sku, Number(e.target.value))}
                />
              ) : (
                l.damaged
              )}
            </td>
            <td className={`num ${l.over > 0 ? 'bad-text' : ''}`} data-testid="over">
              {l.over}
            </td>
            <td className={`num ${l.short > 0 ? 'bad-text' : ''}`} data-testid="short">
              {l.short}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
