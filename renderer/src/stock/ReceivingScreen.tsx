// Receiving: pick one of this store's open purchase orders / ASNs, scan carton labels (the whole
// carton) or single items (one unit each), mark damaged units, see expected vs received, close.
// Closing sends the counts; the server writes the receipt movements and records over/short.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate } from '@tanstack/react-router';
import { isDomainError } from '../../../shared/errors';
import { type PurchaseOrder, receivingOutcome } from '../../../shared/inventory/receiving';
import { useKeyLayer } from '../keys/useKeyLayer';
import { Action } from '../keys/shortcuts';
import { registerReceivingSource } from '../local-data/stock-receiving';
import { ReceiptLinesTable } from './ReceiptLinesTable';
import { useReceiving } from './receiving-store';
import './stock.css';

const messageOf = (e: unknown) =>
  isDomainError(e) ? e.message : 'Something went wrong; your scans are kept. Try again.';

export function ReceivingScreen() {
  const port = useMemo(() => registerReceivingSource(), []);
  const navigate = useNavigate();
  const [orders, setOrders] = useState<PurchaseOrder[]>();
  const [po, setPo] = useState<PurchaseOrder>();
  const [closed, setClosed] = useState<PurchaseOrder>();
  const [code, setCode] = useState('');
  const [note, setNote] = useState<string>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const { tallies, cartons, begin, add, addCarton, setDamaged, reset } = useReceiving();
  const scanField = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (!port) return setError('This register is not set up yet: enroll it and wait for the first sync.');
    port.openOrders().then(setOrders, (e: unknown) => setError(messageOf(e)));
  }, [port]);

  const open = async (id: string) => {
    setError(undefined);
    try {
      const doc = await port!.order(id);
      begin(doc.id);
      setPo(doc);
      setTimeout(() => scanField.current?.focus(), 0);
    } catch (e) {
      setError(messageOf(e));
    }
  };

  const scan = useCallback(
    async (raw: string) => {
      if (!po || !port) return;
      const text = raw.trim();
      setCode('');
      setError(undefined);
      if (!text) return;
      const carton = po.cartons.find((c) => c.code.toUpperCase() === text.toUpperCase());
      if (carton) {
        if (useReceiving.getState().cartons.includes(carton.code))
          return setError(`Carton ${carton.code} was already received. Scan the items of an extra carton one by one.`);
        addCarton(carton.code, carton.lines);
        return setNote(`Carton ${carton.code}: ${carton.lines.map((l) => `${l.quantity} × ${l.sku}`).join(', ')}`);
      }
      const sku = await port.skuFor(text);
      if (!sku)
        return setError(
          `${text} is neither a carton of ${po.number} nor an item in the catalog. Check the label, or set the item aside for head office.`,
        );
      add(sku, 1);
      setNote(`1 × ${sku}`);
    },
    [po, port, add, addCarton],
  );

  useKeyLayer({
    onAction: (action) => (action === Action.BACK ? (void navigate({ to: '/stock' }), true) : false),
    onScan: (scanned) => void scan(scanned),
  });

  const counted = Object.entries(tallies).map(([sku, t]) => ({ sku, ...t }));
  const outcome = po ? receivingOutcome(po, counted) : [];

  const close = async () => {
    if (!po || !port || busy) return;
    setBusy(true);
    setError(undefined);
    try {
      setClosed(await port.close(po.id, counted));
      reset();
    } catch (e) {
      setError(`${messageOf(e)} The scans stay on this register; close again when the server answers.`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="stack stock" data-testid="receiving-screen">
      <h1>Receiving{po ? ` — ${po.kind === 'asn' ? 'ASN' : 'PO'} ${po.number} from ${po.supplier}` : ''}</h1>
      {error && (
        <p className="error" role="alert" data-testid="receiving-error">
          {error}
        </p>
      )}
      {!po && !orders && !error && (
        <p className="muted" role="status">
          Loading this store's deliveries…
        </p>
      )}
      {!po && orders && orders.length === 0 && (
        <p className="muted">No purchase order or ASN is open for this store.</p>
      )}
      {!po && orders && orders.length > 0 && (
        <div className="panel stack">
          <h2>Open deliveries</h2>
          {orders.map((o, i) => (
            <button
              key={o.id}
              className="btn"
              autoFocus={i === 0}
              data-testid={`receiving-order-${o.number}`}
              onClick={() => void open(o.id)}
            >
              {o.kind === 'asn' ? 'ASN' : 'PO'} {o.number} · {o.supplier} ·{' '}
              {o.lines.reduce((s, l) => s + l.quantity, 0)} units
              {o.cartons.length ? ` in ${o.cartons.length} cartons` : ''}
            </button>
          ))}
        </div>
      )}
      {po && !closed && (
        <div className="panel stack">
          <form className="row" onSubmit={(e) => (e.preventDefault(), void scan(code))}>
            <input
              ref={scanField}
              className="input"
              data-home-focus
              data-testid="receiving-scan"
              aria-label="Carton label or item barcode"
              placeholder="Scan a carton label or an item, then Enter"
              value={code}
              onChange={(e) => setCode(e.target.value)}
            />
            <button
              className="btn"
              type="button"
              data-testid="receiving-close"
              disabled={busy}
              onClick={() => void close()}
            >
              {busy ? 'Closing…' : 'Close receipt'}
            </button>
          </form>
          {note && (
            <p className="muted" data-testid="receiving-note">
              Added {note}
            </p>
          )}
          <p className="muted">
            Cartons scanned: {cartons.length} of {po.cartons.length}
          </p>
          <ReceiptLinesTable lines={outcome} onDamaged={setDamaged} />
        </div>
      )}
      {closed && (
        <div className="panel stack" data-testid="receiving-result">
          <h2>Received — stock updated</h2>
          <ReceiptLinesTable lines={closed.result ?? []} />
          <button className="btn" autoFocus onClick={() => void navigate({ to: '/stock' })}>
            Back to stock
          </button>
        </div>
      )}
    </section>
  );
}
