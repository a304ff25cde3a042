// The customer-facing screen (#/customer-display), fed through the bridge
// (sale/customer-display-feed.ts decides what it shows): the store's name while idle, the running
// lines and total during a sale, paid and change due once paid, in large type.
import { useEffect, useState } from 'react';
import type { CustomerDisplayState } from '../../../shared/ipc/display-schemas';
import { bridge } from '../bridge/call-bridge';
import { fmt } from '../ui/format';
import './customer-display.css';

export function CustomerDisplayView({ state }: { state: CustomerDisplayState | undefined }) {
  if (!state || state.status === 'idle') {
    return (
      <div className="customer-display idle" data-testid="customer-display" data-status="idle">
        {state?.storeName && <h1 data-testid="cd-store">{state.storeName}</h1>}
        <p className="cd-welcome">{state?.message ?? 'Welcome'}</p>
      </div>
    );
  }
  const c = state.currency;
  if (state.status === 'paid') {
    return (
      <div className="customer-display paid" data-testid="customer-display" data-status="paid">
        {state.storeName && <div className="cd-store-small">{state.storeName}</div>}
        <div className="cd-row">
          <span>Total</span> <span className="num">{fmt(state.total, c)}</span>
        </div>
        <div className="cd-row">
          <span>Paid</span> <span className="num">{fmt(state.paid, c)}</span>
        </div>
        {state.changeDue > 0 && (
          <div className="cd-row cd-change" data-testid="cd-change">
            <span>Change due</span> <span className="num">{fmt(state.changeDue, c)}</span>
          </div>
        )}
        <p className="cd-welcome">{state.message ?? 'Thank you!'}</p>
      </div>
    );
  }
  return (
    <div className="customer-display sale" data-testid="customer-display" data-status={state.status}>
      {state.storeName && <div className="cd-store-small">{state.storeName}</div>}
      <table className="cd-lines">
        <tbody>
          {state.lines.slice(-8).map((l) => (
            <tr key={l.id} data-testid="cd-line">
              <td>
                {l.description}
                {l.note && (
                  <div className="cd-note" data-testid="cd-line-note">
                    {l.note}
                  </div>
                )}
              </td>
              <td className="num">{l.weightGrams ? `${(l.weightGrams / 1000).toFixed(3)} kg` : `× ${l.quantity}`}</td>
              <td className="num">{fmt(l.lineTotal, c)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {state.lines.length > 8 && <div className="muted">and {state.lines.length - 8} more above</div>}
      {state.discountTotal > 0 && <div className="cd-row">You save {fmt(state.discountTotal, c)}</div>}
      <div className="cd-row">
        <span>Tax</span> <span className="num">{fmt(state.taxTotal, c)}</span>
      </div>
      <div className="cd-row cd-total" data-testid="cd-total">
        <span>Total</span> <span className="num">{fmt(state.total, c)}</span>
      </div>
      {state.paid > 0 && (
        <div className="cd-row">
          <span>Paid</span> <span className="num">{fmt(state.paid, c)}</span>
        </div>
      )}
      {state.changeDue > 0 && (
        <div className="cd-row cd-change" data-testid="cd-change">
          <span>Change due</span> <span className="num">{fmt(state.changeDue, c)}</span>
        </div>
      )}
      {state.message && <p>{state.message}</p>}
    </div>
  );
}

export function CustomerDisplay() {
  const [state, setState] = useState<CustomerDisplayState>();
  useEffect(() => {
    return bridge().onCustomerDisplay(setState);
  }, []);
  return <CustomerDisplayView state={state} />;
}
