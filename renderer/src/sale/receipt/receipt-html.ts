// A stand-alone HTML page of the receipt for the bridge's driver printing (Electron prints it in
// a hidden window), with the receipt styles inlined so it needs nothing else.
import { renderToStaticMarkup } from 'react-dom/server';
import { createElement } from 'react';
import type { ReceiptDocument } from '../../../../shared/receipt/receipt-document';
import { ReceiptView } from '../../ui/receipt/ReceiptView';

const STYLE = `body{margin:0;font-family:'DejaVu Sans Mono',Menlo,monospace;font-size:12px;color:#000}
.receipt{width:72mm;padding:2mm}.receipt h2{font-size:15px;text-align:center;margin:0}.center{text-align:center}
.line{display:flex;justify-content:space-between;gap:6px}hr{border:0;border-top:1px dashed #000}.muted{color:#333}
svg{display:block;margin:4px auto;max-width:100%}.training-stamp{border:2px solid #000;text-align:center;font-weight:800;padding:2px}`;

export function receiptHtml(doc: ReceiptDocument): string {
  const body = renderToStaticMarkup(createElement(ReceiptView, { doc }));
  return `<!doctype html><html><head><meta charset="utf-8"><title>Receipt ${doc.orderNumber}</title><style>${STYLE}</style></head><body>${body}</body></html>`;
}
