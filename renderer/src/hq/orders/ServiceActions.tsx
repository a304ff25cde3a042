// Customer service on the order page: cancel the order or some of its lines, appeasement (card
// refund or store credit, within the role's limit), return authorisation, re-ship of a lost
// parcel. Each asks for a reason.
import { useState, type FormEvent } from 'react';
import { APPEASEMENT_LIMIT, type OrderDetail, type ServiceRole } from '../../../../shared/hq/service';
import { api, errorText } from '../api';
import { money } from '../format';
import { Dialog } from '../shell/Dialog';

type Action = 'cancel' | 'lines' | 'appease' | 'ra' | 'reship';
type Doc = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' ? v : '');

interface Props {
  detail: OrderDetail;
  role: ServiceRole;
  onDone(message: string): void;
  onError(message: string): void;
}

export function ServiceActions({ detail, role, onDone, onError }: Props) {
  const [open, setOpen] = useState<Action | null>(null);
  const [reason, setReason] = useState('');
  const [amount, setAmount] = useState('');
  const [method, setMethod] = useState<'store_credit' | 'card_refund'>('store_credit');
  const [quantities, setQuantities] = useState<Record<string, string>>({});
  const [parcel, setParcel] = useState('');
  const [picked, setPicked] = useState<string[]>([]);
  // One per appeasement dialog: pressing Confirm again after a failure never refunds twice.
  const [requestId, setRequestId] = useState('');
  const [busy, setBusy] = useState(false);
  const id = encodeURIComponent(str(detail.order.id));
  const currency = str(detail.order.currency);
  const lines = (detail.order.lines as Doc[] | undefined) ?? [];
  const shipped = detail.fulfillmentOrders.filter((f) => f.type === 'ship' && f.status === 'shipped');

  const start = (action: Action) => {
    setReason('');
    setAmount('');
    setQuantities({});
    setParcel(str(shipped[0]?.id));
    setPicked([]);
    setRequestId(crypto.randomUUID());
    setOpen(action);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      if (open === 'cancel') {
        const r = await api<{ payment: string }>('POST', `/orders/${id}/cancel`, { reason });
        onDone(`Order cancelled; reservations released; payment ${r.payment === 'none' ? 'untouched' : r.payment}.`);
      } else if (open === 'lines') {
        const r = await api<{ payment: string; amount: number }>('POST', `/orders/${id}/cancel-lines`, {
          lineIds: picked,
          reason,
        });
        const paid = { refunded: 'refunded to the card', reduced: 'not charged', voided: 'not charged' }[r.payment];
        onDone(`Lines cancelled; reservations released; ${money(r.amount, currency)} ${paid ?? 'adjusted'}.`);
      } else if (open === 'appease') {
        const minor = Math.round(Number(amount.replace(',', '.')) * 100);
        await api('POST', `/orders/${id}/appeasement`, { amount: minor, method, reason, requestId });
        onDone(
          `${money(minor, currency)} given back as ${method === 'store_credit' ? 'store credit' : 'a card refund'}.`,
        );
      } else if (open === 'ra') {
        const wanted = lines
          .map((l) => ({ lineId: str(l.id), quantity: Number(quantities[str(l.id)] ?? 0) }))
          .filter((l) => l.quantity > 0);
        const r = await api<{ returnAuthorisation: { raNumber: string } }>(
          'POST',
          `/orders/${id}/return-authorisations`,
          { lines: wanted, reason },
        );
        onDone(`Return authorised: ${r.returnAuthorisation.raNumber}. Any store's returns desk can look it up.`);
      } else if (open === 'reship') {
        await api('POST', `/orders/${id}/reship`, { fulfillmentOrderId: parcel, reason });
        onDone('The parcel is being shipped again from a store with stock.');
      }
      setOpen(null);
    } catch (e) {
      onError(errorText(e));
      setOpen(null);
    } finally {
      setBusy(false);
    }
  };

  const titles: Record<Action, string> = {
    cancel: 'Cancel order',
    lines: 'Cancel lines',
    appease: 'Appeasement',
    ra: 'Authorise a return',
    reship: 'Re-ship lost parcel',
  };
  return (
    <div className="hq-actions" aria-label="Customer service">
      <button type="button" className="hq-danger" disabled={!detail.can.cancel} onClick={() => start('cancel')}>
        Cancel order
      </button>
      <button type="button" disabled={!detail.can.cancel} onClick={() => start('lines')}>
        Cancel lines
      </button>
      <button type="button" disabled={!detail.can.appease} onClick={() => start('appease')}>
        Appeasement
      </button>
      <button type="button" disabled={!detail.can.authoriseReturn} onClick={() => start('ra')}>
        Return authorisation
      </button>
      <button type="button" disabled={!detail.can.reship} onClick={() => start('reship')}>
        Re-ship
      </button>
      {open && (
        <Dialog title={titles[open]} onClose={() => setOpen(null)}>
          <form className="hq-form" onSubmit={(e) => void submit(e)}>
            {open === 'appease' && (
              <>
                <label>
                  Amount ({currency}) — your limit {money(APPEASEMENT_LIMIT[role], currency)}
                  <input inputMode="decimal" required value={amount} onChange={(e) => setAmount(e.target.value)} />
                </label>
                <label>
                  As
                  <select value={method} onChange={(e) => setMethod(e.target.value as typeof method)}>
                    <option value="store_credit">store credit</option>
                    <option value="card_refund">refund to the card</option>
                  </select>
                </label>
              </>
            )}
            {open === 'lines' && (
              <fieldset>
                <legend>Lines to cancel (their stock is released; what was charged for them goes back)</legend>
                {lines.map((l) => (
                  <label key={str(l.id)} className="hq-check">
                    <input
                      type="checkbox"
                      checked={picked.includes(str(l.id))}
                      onChange={(e) =>
                        setPicked((p) => (e.target.checked ? [...p, str(l.id)] : p.filter((x) => x !== str(l.id))))
                      }
                    />
                    {String(l.quantity)} × {str(l.name)} ({str(l.sku)})
                  </label>
                ))}
              </fieldset>
            )}
            {open === 'ra' &&
              lines.map((l) => (
                <label key={str(l.id)}>
                  {str(l.name)} (bought {String(l.quantity)})
                  <input
                    type="number"
                    min={0}
                    max={Number(l.quantity)}
                    value={quantities[str(l.id)] ?? ''}
                    onChange={(e) => setQuantities((q) => ({ ...q, [str(l.id)]: e.target.value }))}
                  />
                </label>
              ))}
            {open === 'reship' && (
              <label>
                Lost parcel
                <select value={parcel} onChange={(e) => setParcel(e.target.value)}>
                  {shipped.map((f) => (
                    <option key={str(f.id)} value={str(f.id)}>
                      {str((f.shipment as Doc | undefined)?.trackingNumber) || str(f.id)}
                    </option>
                  ))}
                </select>
              </label>
            )}
            <label>
              Reason (kept on the order)
              <input
                required
                minLength={3}
                maxLength={200}
                value={reason}
                onChange={(e) => setReason(e.target.value)}
              />
            </label>
            <div className="hq-actions">
              <button
                type="submit"
                className={open === 'cancel' || open === 'lines' ? 'hq-danger' : 'hq-primary'}
                disabled={busy || (open === 'lines' && picked.length === 0)}
              >
                {open === 'cancel' ? 'Cancel the order' : open === 'lines' ? 'Cancel these lines' : 'Confirm'}
              </button>
              <button type="button" onClick={() => setOpen(null)}>
                Back
              </button>
            </div>
          </form>
        </Dialog>
      )}
    </div>
  );
}
