// The shipping label as HTML, for the browser's print (the same content as the ZPL label).
import type { ShippingLabel } from '../../../shared/shipping/carrier';
import { code128Svg } from '../ui/receipt/code128';

function lines(a: ShippingLabel['label']['to']): string[] {
  return [a.name, a.line1, a.line2, [a.city, a.region, a.postalCode].filter(Boolean).join(' '), a.country].filter(
    (l): l is string => Boolean(l),
  );
}

export function LabelView({ label }: { label: ShippingLabel }) {
  const l = label.label;
  return (
    <div className="ship-label" data-testid="ship-label">
      <div className="muted">FROM</div>
      {lines(l.from).map((t, i) => (
        <div key={i}>{t}</div>
      ))}
      <hr />
      <div>
        <strong>SHIP TO</strong>
      </div>
      {lines(l.to).map((t, i) => (
        <div key={i} style={{ fontSize: '1.2rem' }}>
          {t}
        </div>
      ))}
      <hr />
      <div>
        <strong>
          {label.carrier} {label.service.toUpperCase()}
        </strong>{' '}
        · box {l.parcel.boxId} · {(l.parcel.weightGrams / 1000).toFixed(2)} kg · ref {l.reference}
      </div>
      {/* The SVG is built from the tracking number by our own Code 128 encoder, not from input markup. */}
      <div dangerouslySetInnerHTML={{ __html: code128Svg(label.trackingNumber, 2, 90) }} />
      <div className="tracking" data-testid="tracking-number">
        {label.trackingNumber}
      </div>
    </div>
  );
}
