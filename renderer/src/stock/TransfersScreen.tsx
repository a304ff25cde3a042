// Transfers between stores: approve and pick-and-ship the ones this store sends, receive the ones
// shipped to it. Picking and receiving are by scan (one unit per scan) against the expected lines;
// what is sent or found is what the counts say, and the server records any difference.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useNavigate } from '@tanstack/react-router';
import { isDomainError } from '../../../shared/errors';
import type { Transfer } from '../../../shared/inventory/transfers';
import { useKeyLayer } from '../keys/useKeyLayer';
import { Action } from '../keys/shortcuts';
import { registerReceivingSource } from '../local-data/stock-receiving';
import { registerTransferSource } from '../local-data/stock-transfers';
import './stock.css';

const messageOf = (e: unknown) => (isDomainError(e) ? e.message : 'Something went wrong; nothing was sent. Try again.');

export function TransfersScreen() {
  const source = useMemo(() => registerTransferSource(), []);
  const catalog = useMemo(() => registerReceivingSource(), []);
  const navigate = useNavigate();
  const [list, setList] = useState<{ outgoing: Transfer[]; incoming: Transfer[] }>();
  const [work, setWork] = useState<{ transfer: Transfer; mode: 'ship' | 'receive' }>();
  const [counts, setCounts] = useState<Record<string, number>>({});
  const [code, setCode] = useState('');
  const [message, setMessage] = useState<string>();
  const [error, setError] = useState<string>();

  const reload = useCallback(() => {
    source?.list().then(setList, (e: unknown) => setError(messageOf(e)));
  }, [source]);
  useEffect(reload, [reload]);

  const scan = useCallback(
    async (raw: string) => {
      setCode('');
      setError(undefined);
      const sku = raw.trim() ? await catalog?.skuFor(raw) : undefined;
      if (!sku) return setError(`${raw} is not an item in the catalog; check the label.`);
      setCounts((c) => ({ ...c, [sku]: (c[sku] ?? 0) + 1 }));
      setMessage(`Scanned 1 × ${sku}`);
    },
    [catalog],
  );
  useKeyLayer({
    onAction: (action) => (action === Action.BACK ? (void navigate({ to: '/stock' }), true) : false),
    onScan: (scanned) => void (work ? scan(scanned) : undefined),
  });

  const run = async (transfer: Transfer, step: 'approve' | 'ship' | 'receive') => {
    setError(undefined);
    try {
      const lines =
        step === 'approve' ? undefined : Object.entries(counts).map(([sku, quantity]) => ({ sku, quantity }));
      const done = await source!.step(
        transfer.id,
        step,
        lines && lines.length ? lines : [{ sku: transfer.requested[0]!.sku, quantity: 0 }],
      );
      const diff = done.discrepancies?.map((d) => `${d.sku} ${d.difference > 0 ? '+' : ''}${d.difference}`).join(', ');
      setMessage(
        step === 'receive'
          ? `Received${diff ? ` with differences: ${diff}` : ' in full'}.`
          : `Transfer ${step === 'ship' ? 'shipped: the stock is in transit' : 'approved'}.`,
      );
      setWork(undefined);
      setCounts({});
      reload();
    } catch (e) {
      setError(messageOf(e));
    }
  };

  const expected = work ? (work.mode === 'ship' ? work.transfer.requested : (work.transfer.shipped ?? [])) : [];
  const skus = [...new Set([...expected.map((l) => l.sku), ...Object.keys(counts)])];
  return (
    <section className="stack stock" data-testid="transfers-screen">
      <h1>Transfers</h1>
      {error && (
        <p className="error" role="alert" data-testid="transfers-error">
          {error}
        </p>
      )}
      {message && (
        <p className="notice" data-testid="transfers-message">
          {message}
        </p>
      )}
      {!list && !error && (
        <p className="muted" role="status">
          Loading this store's transfers…
        </p>
      )}
      {list && !work && (
        <div className="panel stack">
          <h2>To send</h2>
          {list.outgoing.length === 0 && <p className="muted">Nothing to send.</p>}
          {list.outgoing.map((t) => (
            <div key={t.id} className="row" data-testid={`transfer-out-${t.id}`}>
              <span>
                {t.requested.map((l) => `${l.quantity} × ${l.sku}`).join(', ')} · {t.status}
              </span>
              {t.status === 'requested' && (
                <button className="btn" data-testid="transfer-approve" onClick={() => void run(t, 'approve')}>
                  Approve
                </button>
              )}
              {t.status === 'approved' && (
                <button
                  className="btn"
                  data-testid="transfer-pick"
                  onClick={() => setWork({ transfer: t, mode: 'ship' })}
                >
                  Pick and ship
                </button>
              )}
            </div>
          ))}
          <h2>To receive</h2>
          {list.incoming.length === 0 && <p className="muted">Nothing on the way.</p>}
          {list.incoming.map((t) => (
            <div key={t.id} className="row" data-testid={`transfer-in-${t.id}`}>
              <span>{(t.shipped ?? []).map((l) => `${l.quantity} × ${l.sku}`).join(', ')} in transit</span>
              <button
                className="btn"
                data-testid="transfer-receive"
                onClick={() => setWork({ transfer: t, mode: 'receive' })}
              >
                Receive
              </button>
            </div>
          ))}
        </div>
      )}
      {work && (
        <div className="panel stack">
          <form className="row" onSubmit={(e) => (e.preventDefault(), void scan(code))}>
            <input
              className="input"
              autoFocus
              data-home-focus
              data-testid="transfer-scan"
              aria-label="Item barcode or SKU"
              placeholder={`Scan each item ${work.mode === 'ship' ? 'you pack' : 'you unpack'}, then Enter`}
              value={code}
              onChange={(e) => setCode(e.target.value)}
            />
            <button
              className="btn"
              type="button"
              data-testid="transfer-done"
              onClick={() => void run(work.transfer, work.mode)}
            >
              {work.mode === 'ship' ? 'Ship' : 'Receive'}
            </button>
          </form>
          <table className="grid" data-testid="transfer-lines">
            <thead>
              <tr>
                <th>SKU</th>
                <th className="num">{work.mode === 'ship' ? 'Requested' : 'Shipped'}</th>
                <th className="num">Scanned</th>
              </tr>
            </thead>
            <tbody>
              {skus.map((sku) => {
                const want = expected.filter((l) => l.sku === sku).reduce((s, l) => s + l.quantity, 0);
                const got = counts[sku] ?? 0;
                return (
                  <tr key={sku} data-testid={`transfer-line-${sku}`}>
                    <td>{sku}</td>
                    <td className="num">{want}</td>
                    <td className={`num ${got !== want ? 'bad-text' : 'ok-text'}`}>{got}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
