// The exceptions queue from order intake: every order that could not be taken or routed, with its
// reason; operations retry it after fixing the cause, or cancel it.
import { useCallback, useEffect, useState } from 'react';
import { api, errorText } from '../api';
import { can, useSession } from '../session-store';

interface OrderException {
  id: string;
  orderId: string;
  reason: string;
  message: string;
  status: string;
  createdAt: string;
  updatedAt: string;
  /** False when intake refused the order: only the payload as received exists. */
  orderExists: boolean;
}

export function ExceptionsPage() {
  const user = useSession((s) => s.user);
  const [status, setStatus] = useState('open');
  const [rows, setRows] = useState<OrderException[]>([]);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async (which: string) => {
    try {
      setRows((await api<{ exceptions: OrderException[] }>('GET', `/exceptions?status=${which}`)).exceptions);
    } catch (e) {
      setError(errorText(e));
    }
  }, []);
  useEffect(() => {
    void load(status);
  }, [load, status]);

  const act = async (e: OrderException, action: 'retry' | 'cancel') => {
    try {
      setError(null);
      const result = await api<{ exception?: OrderException }>(
        'POST',
        `/exceptions/${encodeURIComponent(e.id)}/${action}`,
      );
      const now = result.exception?.status ?? 'open';
      setNotice(
        action === 'cancel'
          ? 'The exception is cancelled.'
          : now === 'open'
            ? `Tried again; still refused: ${result.exception?.message ?? e.message}`
            : 'Tried again: the order went through.',
      );
      await load(status);
    } catch (err) {
      setError(errorText(err));
    }
  };

  const operator = can(user, 'operations');
  return (
    <section aria-labelledby="exceptions-title">
      <div className="hq-head">
        <h1 id="exceptions-title">Exceptions</h1>
        <label className="hq-filters">
          Show
          <select value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="open">open</option>
            <option value="resolved">resolved</option>
            <option value="cancelled">cancelled</option>
            <option value="">all</option>
          </select>
        </label>
      </div>
      {notice && (
        <p role="status" className="hq-notice">
          {notice}
        </p>
      )}
      {error && (
        <p role="alert" className="hq-error">
          {error}
        </p>
      )}
      {rows.length === 0 ? (
        <p className="hq-muted">Nothing here: every order went through.</p>
      ) : (
        <table className="hq-table" aria-label="Order exceptions">
          <thead>
            <tr>
              <th>Since</th>
              <th>Reason</th>
              <th>What happened</th>
              <th>Status</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {rows.map((e) => (
              <tr key={e.id}>
                <td>{new Date(e.createdAt).toLocaleString()}</td>
                <td>{e.reason.replace(/_/g, ' ')}</td>
                <td>{e.message}</td>
                <td>{e.status}</td>
                <td>
                  <div className="hq-row-actions">
                    {e.orderExists && <a href={`#/orders/${e.orderId}`}>order</a>}
                    {operator && e.status === 'open' && (
                      <>
                        <button type="button" onClick={() => void act(e, 'retry')}>
                          Retry
                        </button>
                        <button type="button" className="hq-danger" onClick={() => void act(e, 'cancel')}>
                          Cancel
                        </button>
                      </>
                    )}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
