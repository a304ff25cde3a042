// One order: what was bought, its tenders and fulfillment, return authorisations, and the full
// event timeline (who did what, when, why); customer service acts on it from here.
import { useCallback, useEffect, useState } from 'react';
import type { OrderDetail } from '../../../../shared/hq/service';
import { api, errorText } from '../api';
import { money } from '../format';
import { can, useSession } from '../session-store';
import { ReceiptEmails } from './ReceiptEmails';
import { ServiceActions } from './ServiceActions';

type Doc = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' ? v : '');
const num = (v: unknown) => (typeof v === 'number' ? v : 0);

export function OrderPage({ orderId }: { orderId: string }) {
  const user = useSession((s) => s.user);
  const [detail, setDetail] = useState<OrderDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      setDetail(await api<OrderDetail>('GET', `/orders/${encodeURIComponent(orderId)}`));
    } catch (e) {
      setError(errorText(e));
    }
  }, [orderId]);
  useEffect(() => {
    void load();
  }, [load]);

  if (!detail)
    return error ? (
      <p role="alert" className="hq-error">
        {error}
      </p>
    ) : (
      <p className="hq-loading">Loading…</p>
    );
  const order = detail.order;
  const currency = str(order.currency);
  const lines = (order.lines as Doc[] | undefined) ?? [];
  const totals = order.totals as { total?: number } | undefined;
  const done = (message: string) => {
    setNotice(message);
    setError(null);
    void load();
  };

  return (
    <section aria-labelledby="order-title">
      <div className="hq-head">
        <h1 id="order-title">Order {str(order.orderNumber)}</h1>
        <span className="hq-badge" data-testid="order-status">
          {str(order.status).replace(/_/g, ' ')}
        </span>
      </div>
      <p className="hq-muted">
        {str(order.channel)} · store {detail.storeCode ?? '—'} · placed{' '}
        {new Date(str(order.createdAt)).toLocaleString()}
        {order.customerEmail ? ` · ${str(order.customerEmail)}` : ''}
        {order.customerId ? (
          <>
            {' · '}
            <a href={`#/customers/${str(order.customerId)}`}>customer 360</a>
          </>
        ) : null}
      </p>
      <ReceiptEmails emails={detail.receiptEmails} />
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
      {can(user, 'operations') && (
        <ServiceActions detail={detail} role={user?.role ?? 'viewer'} onDone={done} onError={setError} />
      )}
      <div className="hq-grid2">
        <div className="hq-panel">
          <h2>Lines</h2>
          <table className="hq-table">
            <thead>
              <tr>
                <th>SKU</th>
                <th>Item</th>
                <th className="hq-num">Qty</th>
                <th className="hq-num">Amount</th>
              </tr>
            </thead>
            <tbody>
              {lines.map((l) => (
                <tr key={str(l.id)}>
                  <td>{str(l.sku)}</td>
                  <td>{str(l.name)}</td>
                  <td className="hq-num">{num(l.quantity)}</td>
                  <td className="hq-num">{money(num(l.unitPrice) * num(l.quantity), currency)}</td>
                </tr>
              ))}
              {detail.cancelledLines.map((c) => (
                <tr key={`cancelled-${c.lineId}`} className="hq-cancelled-line" data-testid="cancelled-line">
                  <td>
                    <s>{c.sku}</s>
                  </td>
                  <td>
                    <s>{c.name}</s> — cancelled by {c.by}, {new Date(c.at).toLocaleString()}: {c.reason}
                  </td>
                  <td className="hq-num">
                    <s>{c.quantity}</s>
                  </td>
                  <td className="hq-num">
                    <s>{money(c.amount, currency)}</s>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p>
            Total <strong>{money(totals?.total ?? 0, currency)}</strong> · paid {money(detail.paid, currency)} · given
            back {money(detail.refunded, currency)}
          </p>
        </div>
        <div className="hq-panel">
          <h2>Payments and fulfillment</h2>
          <ul className="hq-list">
            {detail.payments.map((p) => (
              <li key={str(p.id)}>
                {str(p.kind)} · {str(p.method).replace(/_/g, ' ')} · {money(num(p.amount), currency)} · {str(p.status)}
              </li>
            ))}
            {detail.fulfillmentOrders.map((f) => (
              <li key={str(f.id)}>
                {str(f.type)} · {str(f.status).replace(/_/g, ' ')}
                {f.pickupCode ? ` · code ${str(f.pickupCode)}` : ''}
              </li>
            ))}
            {detail.returnAuthorisations.map((ra) => (
              <li key={ra.raNumber}>
                RA <strong>{ra.raNumber}</strong> ·{' '}
                {ra.used
                  ? `used at ${ra.used.storeCode ?? ra.used.storeId} by ${ra.used.by} on ${new Date(ra.used.at).toLocaleDateString()}`
                  : `${ra.status} · until ${ra.expiresAt.slice(0, 10)}`}
              </li>
            ))}
            {detail.exceptions.map((e) => (
              <li key={e.id}>
                exception {e.reason.replace(/_/g, ' ')} · {e.status}
              </li>
            ))}
          </ul>
        </div>
      </div>
      <div className="hq-panel">
        <h2>Timeline</h2>
        <ol className="hq-timeline" aria-label="Order timeline">
          {detail.timeline.map((e) => (
            <li key={e.id} data-type={e.type}>
              <time dateTime={e.at}>{new Date(e.at).toLocaleString()}</time>
              <span className="hq-muted"> {e.actor}</span>
              <div>{e.summary}</div>
            </li>
          ))}
        </ol>
      </div>
    </section>
  );
}
