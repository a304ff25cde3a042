// After a completed sale: change to give (large), the receipt, print (ESC/POS to a thermal
// printer, or HTML to a driver printer), e-mail (EmailReceiptForm), and Enter for the next sale. Opened from sales
// history (?from=history) the same screen is the sale's "Receipt": no change due, printed as a
// reprint, Esc/Enter back to the history. Either way it names the clerk who made the sale.
import { useEffect, useState } from 'react';
import { useNavigate, useParams, useSearch } from '@tanstack/react-router';
import { encodeReceipt } from '../../../../shared/receipt/escpos-encoder';
import type { ReceiptDocument } from '../../../../shared/receipt/receipt-document';
import { useBackend } from '../../model/backend-context';
import { bridge, callBridge } from '../../bridge/call-bridge';
import { useKeyLayer } from '../../keys/useKeyLayer';
import { Action } from '../../keys/shortcuts';
import { ReceiptView } from '../../ui/receipt/ReceiptView';
import { receiptHtml } from './receipt-html';
import { EmailReceiptForm } from './EmailReceiptForm';
import { errorMessage } from '../../ui/error-message';
import { fmt } from '../../ui/format';

export function ReceiptScreen() {
  const { orderId } = useParams({ from: '/receipt/$orderId' });
  const reprint = useSearch({ from: '/receipt/$orderId' }).from === 'history';
  const backend = useBackend();
  const navigate = useNavigate();
  const [doc, setDoc] = useState<ReceiptDocument>();
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string }>();

  useEffect(() => {
    backend.receipt(orderId).then(
      (d) => setDoc(reprint ? { ...d, copyLabel: 'REPRINT' } : d),
      (e: unknown) => setMessage({ kind: 'error', text: errorMessage(e) }),
    );
  }, [backend, orderId, reprint]);

  const print = async (): Promise<void> => {
    if (!doc) return;
    setMessage({ kind: 'ok', text: 'Printing…' });
    // The register app prints ESC/POS to the thermal printer; a browser prints the HTML receipt.
    if (bridge().runtime === 'electron') {
      const settings = await callBridge((b) => b.settingsGet());
      const columns = settings.ok ? settings.value.receiptColumns : 48;
      const raw = await callBridge((b) =>
        b.printRaw({ bytes: new Uint8Array(encodeReceipt(doc, columns)), purpose: 'receipt' }),
      );
      if (raw.ok) return setMessage({ kind: 'ok', text: `Receipt printed on ${raw.value.printer}.` });
      const html = await callBridge((b) => b.printReceiptHtml({ html: receiptHtml(doc) }));
      return setMessage(
        html.ok ? { kind: 'ok', text: 'Receipt printed.' } : { kind: 'error', text: `${raw.message} ${html.message}` },
      );
    }
    const html = await callBridge((b) => b.printReceiptHtml({ html: receiptHtml(doc) }));
    setMessage(
      html.ok
        ? { kind: 'ok', text: `Receipt sent to the ${html.value.printer}.` }
        : { kind: 'error', text: html.message },
    );
  };

  const next = (): void => void navigate({ to: reprint ? '/history' : '/sell' });
  useKeyLayer({
    onAction: (action) => {
      if (action === Action.BACK || action === Action.PAY) return (next(), true);
      if (action === Action.SEARCH) return (void print(), true);
      return false;
    },
    onScan: () => next(),
  });

  return (
    <div className="sell" data-testid="receipt-screen">
      <section className="stack no-print">
        {reprint ? (
          <h1 data-testid="receipt-heading">Receipt{doc ? ` ${doc.orderNumber}` : ''}</h1>
        ) : (
          <h1 className="ok-text" data-testid="sale-complete">
            Sale complete
          </h1>
        )}
        {!reprint && doc && doc.changeDue > 0 && (
          <div className="due" data-testid="change-due">
            Change {fmt(doc.changeDue, doc.currency)}
          </div>
        )}
        <div className="row">
          {reprint ? (
            <button className="btn primary" onClick={next} data-home-focus autoFocus data-testid="back-to-history">
              Back to sales history <kbd>Esc</kbd>
            </button>
          ) : (
            <button className="btn primary" onClick={next} data-home-focus autoFocus data-testid="next-sale">
              Next sale <kbd>Enter</kbd>
            </button>
          )}
          <button className="btn" onClick={() => void print()} data-testid="print-receipt">
            {reprint ? 'Reprint receipt' : 'Print receipt'} <kbd>F2</kbd>
          </button>
        </div>
        <EmailReceiptForm orderId={orderId} resend={reprint} onMessage={setMessage} />
        {message && (
          <div className={message.kind === 'error' ? 'error' : 'notice'} role="status" data-testid="receipt-message">
            {message.text}
          </div>
        )}
      </section>
      <aside>{doc ? <ReceiptView doc={doc} /> : <p className="muted">Loading receipt…</p>}</aside>
    </div>
  );
}
