// The printable receipt, drawn from shared/receipt's ReceiptDocument: store header, lines with
// discounts, tax breakdown, tenders, change, the order number as a Code 128 barcode and the
// return policy. The same markup is shown on screen and sent to a driver printer.
import { TRAINING_BANNER, type ReceiptDocument } from '../../../../shared/receipt/receipt-document';
import { registerHeading } from '../../../../shared/receipt/register-label';
import { fmt, fmtWeight } from '../format';
import { code128Svg } from './code128';

export function ReceiptView({ doc }: { doc: ReceiptDocument }) {
  const c = doc.currency;
  return (
    <article className="receipt" data-testid="receipt">
      {doc.trainingMode && <div className="training-stamp">{TRAINING_BANNER}</div>}
      {doc.copyLabel && (
        <div className="center">
          <strong>{doc.copyLabel}</strong>
        </div>
      )}
      <h2>{doc.store.name}</h2>
      {doc.store.addressLines.map((l) => (
        <div className="center" key={l}>
          {l}
        </div>
      ))}
      {doc.store.phone && <div className="center">{doc.store.phone}</div>}
      {doc.store.taxId && <div className="center">Tax ID {doc.store.taxId}</div>}
      <hr />
      <div className="line">
        <span>
          {doc.numberLabel ?? 'Order'} {doc.orderNumber}
        </span>
      </div>
      <div className="line">
        <span>{doc.printedAt}</span>
        <span data-testid="receipt-register">{doc.registerName ? registerHeading(doc.registerName) : ''}</span>
      </div>
      {doc.cashierName && <div>Served by {doc.cashierName}</div>}
      <hr />
      {doc.lines.map((l, i) => (
        <div key={i}>
          <div className="line">
            <span>{l.description}</span>
            <span>{fmt(l.lineTotal, c)}</span>
          </div>
          <div className="line muted">
            <span>
              &nbsp;&nbsp;
              {l.weightGrams !== undefined
                ? `${fmtWeight(l.weightGrams)} @ ${fmt(l.unitPrice, c)}/kg`
                : `${l.quantity} @ ${fmt(l.unitPrice, c)}`}
            </span>
          </div>
          {l.note && (
            <div className="line muted" data-testid="receipt-line-note">
              <span>&nbsp;&nbsp;Note: {l.note}</span>
            </div>
          )}
          {l.discount && (
            <div className="line">
              <span>&nbsp;&nbsp;{l.discount.description}</span>
              <span>-{fmt(l.discount.amount, c)}</span>
            </div>
          )}
        </div>
      ))}
      <hr />
      <div className="line">
        <span>Subtotal</span>
        <span>{fmt(doc.subtotal, c)}</span>
      </div>
      {doc.discounts.map((d, i) => (
        <div className="line" key={i}>
          <span>{d.description}</span>
          <span>-{fmt(d.amount, c)}</span>
        </div>
      ))}
      {doc.taxes.map((t, i) => (
        <div className="line" key={i}>
          <span>
            {t.label} {t.rateText}
            {doc.taxInclusive ? ' (included)' : ''}
          </span>
          <span>{fmt(t.amount, c)}</span>
        </div>
      ))}
      <div className="line" style={{ fontSize: 16, fontWeight: 700 }}>
        <span>TOTAL</span>
        <span data-testid="receipt-total">{fmt(doc.total, c)}</span>
      </div>
      <hr />
      {doc.tenders.map((t, i) => (
        <div key={i}>
          <div className="line">
            <span>{t.label}</span>
            <span>{fmt(t.amount, c)}</span>
          </div>
          {t.detail && <div className="muted">&nbsp;&nbsp;{t.detail}</div>}
        </div>
      ))}
      {doc.changeDue > 0 && (
        <div className="line" style={{ fontWeight: 700 }}>
          <span>CHANGE</span>
          <span data-testid="receipt-change">{fmt(doc.changeDue, c)}</span>
        </div>
      )}
      <hr />
      <div dangerouslySetInnerHTML={{ __html: code128Svg(doc.barcodeValue, 1, 40) }} />
      <div className="center">{doc.barcodeValue}</div>
      {doc.returnPolicy && <p className="center">{doc.returnPolicy}</p>}
      {doc.footerLines?.map((l, i) => (
        <div className="center" key={i}>
          {l}
        </div>
      ))}
      {doc.trainingMode && <div className="training-stamp">{TRAINING_BANNER}</div>}
    </article>
  );
}
