// The pickup receipt: what was collected, by whom, how they were verified. The desktop app sends
// it to the receipt printer as HTML; a browser prints the page (status bar and buttons hidden).
import { useState } from 'react';
import type { FulfillmentOrder } from '../../../shared/schemas';
import { bridge, callBridge } from '../bridge/call-bridge';
import { fmt } from '../ui/format';

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function pickupReceiptHtml(fo: FulfillmentOrder): string {
  const takenOf = (id: string, picked: number): number =>
    fo.handover?.collected?.find((c) => c.lineId === id)?.quantity ?? picked;
  const rows = fo.lines
    .filter((l) => takenOf(l.id, l.pickedQuantity) > 0)
    .map((l) => `<tr><td>${takenOf(l.id, l.pickedQuantity)} ×</td><td>${escapeHtml(l.name)}</td></tr>`)
    .join('');
  const left = fo.lines
    .filter((l) => takenOf(l.id, l.pickedQuantity) < l.pickedQuantity)
    .map((l) => `<p>${l.pickedQuantity - takenOf(l.id, l.pickedQuantity)} × ${escapeHtml(l.name)} not taken.</p>`)
    .join('');
  const short = fo.lines
    .filter((l) => l.shortQuantity > 0)
    .map((l) => `<p>${l.shortQuantity} × ${escapeHtml(l.name)} will come separately.</p>`)
    .join('');
  const h = fo.handover;
  const paid = h?.payment?.balanceCollected
    ? `<p>Paid at the counter: ${escapeHtml(fmt(h.payment.balanceCollected, h.payment.currency))}.</p>`
    : '';
  return (
    `<h2>Pickup ${escapeHtml(fo.orderNumber)}</h2><table>${rows}</table>${left}${short}${paid}` +
    (h
      ? `<p>Collected by ${escapeHtml(h.collectedBy)} on ${escapeHtml(new Date(h.at).toLocaleString())} (${h.method === 'pickup_code' ? 'pickup code checked' : 'ID seen'}).</p>`
      : '')
  );
}

export function PickupReceipt({ fo }: { fo: FulfillmentOrder }) {
  const [message, setMessage] = useState<string>();
  const print = async (): Promise<void> => {
    if (bridge().runtime !== 'electron') return window.print();
    const sent = await callBridge((b) => b.printReceiptHtml({ html: pickupReceiptHtml(fo) }));
    setMessage(sent.ok ? `Pickup receipt printed on ${sent.value.printer}.` : sent.message);
  };
  return (
    <div className="panel stack" data-testid="pickup-receipt">
      {/* Built by escapeHtml from the order; no markup from input reaches the page. */}
      <div dangerouslySetInnerHTML={{ __html: pickupReceiptHtml(fo) }} />
      <div className="row no-print">
        <button
          type="button"
          className="btn primary"
          autoFocus
          data-home-focus
          data-testid="print-pickup-receipt"
          onClick={() => void print()}
        >
          Print pickup receipt
        </button>
        {message && <span className="muted">{message}</span>}
      </div>
    </div>
  );
}
