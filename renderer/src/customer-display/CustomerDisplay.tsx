// The customer-facing screen (#/customer-display), fed through the bridge: lines, total, paid and
// change, in large type.
import { useEffect, useState } from 'react';
import type { CustomerDisplayState } from '../../../shared/ipc/display-schemas';
import { bridge } from '../bridge/call-bridge';
import { fmt } from '../ui/format';

export function CustomerDisplay() {
  const [state, setState] = useState<CustomerDisplayState>();
  useEffect(() => {
    return bridge().onCustomerDisplay(setState);
  }, []);
  if (!state || state.status === 'idle') {
    return (
      <div className="customer-display" data-testid="customer-display">
        <h1>Welcome</h1>
        {state?.message && <p>{state.message}</p>}
      </div>
    );
  }
  const c = state.currency;
  return (
    <div className="customer-display" data-testid="customer-display">
      <table className="grid">
        <tbody>
          {state.lines.slice(-8).map((l) => (
            <tr key={l.id}>
              <td>{l.description}</td>
              <td className="num">{l.weightGrams ? `${(l.weightGrams / 1000).toFixed(3)} kg` : `× ${l.quantity}`}</td>
              <td className="num">{fmt(l.lineTotal, c)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {state.discountTotal > 0 && <div>You save {fmt(state.discountTotal, c)}</div>}
      <div>Tax {fmt(state.taxTotal, c)}</div>
      <div className="total">Total {fmt(state.total, c)}</div>
      {state.paid > 0 && <div>Paid {fmt(state.paid, c)}</div>}
      {state.changeDue > 0 && <div className="total">Change {fmt(state.changeDue, c)}</div>}
      {state.message && <p>{state.message}</p>}
    </div>
  );
}
