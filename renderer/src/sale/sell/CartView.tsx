// The lines of the open sale, each with its note; the selected line is what F3/F5/F6/F9 and Alt+N act on.
import { useEffect, useRef } from 'react';
import type { Cart } from '../../model/cart-types';
import type { CartTotals } from '../../model/totals';
import { fmt, fmtWeight } from '../../ui/format';

export function CartView({
  cart,
  totals,
  onSelect,
}: {
  cart: Cart;
  totals: CartTotals | undefined;
  onSelect: (lineId: string) => void;
}) {
  const selectedRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // Braces matter: newer Chromium returns a promise from scrollIntoView, which React would take for a cleanup.
    void selectedRef.current?.scrollIntoView({ block: 'nearest' });
  }, [cart.selectedLineId, cart.lines.length]);
  if (cart.lines.length === 0) {
    return (
      <div className="cart-lines">
        <div className="cart-empty">Scan an item to start a sale.</div>
      </div>
    );
  }
  return (
    <div className="cart-lines" data-testid="cart-lines">
      {cart.lines.map((line) => {
        const t = totals?.lines.find((l) => l.key === line.lineId);
        const selected = line.lineId === cart.selectedLineId;
        const discount = (t?.lineDiscount ?? 0) + (t?.promotion?.amount ?? 0) + (t?.orderDiscount ?? 0);
        return (
          <div
            key={line.lineId}
            ref={selected ? selectedRef : undefined}
            className={`cart-line${selected ? ' selected' : ''}`}
            onClick={() => onSelect(line.lineId)}
            data-testid="cart-line"
          >
            <div>
              <div className="name">{line.name}</div>
              <div className="sub">
                {line.sku}
                {line.priceOverride !== undefined && ` · price changed to ${fmt(line.priceOverride, cart.currency)}`}
                {line.discount &&
                  ` · ${line.discount.kind === 'percent' ? `${line.discount.percent} %` : fmt(line.discount.amount, cart.currency)} off (${line.discount.reason})`}
                {t?.promotion && ` · ${t.promotion.name}`}
              </div>
              {line.note && (
                <div className="sub" data-testid="cart-line-note">
                  Note: {line.note}
                </div>
              )}
            </div>
            <div className="num">
              {line.weightGrams !== undefined ? fmtWeight(line.weightGrams) : `× ${line.quantity}`}
            </div>
            <div className="num muted">
              {line.weightGrams !== undefined
                ? `${fmt(line.priceOverride ?? line.unitPrice, cart.currency)}/kg`
                : fmt(line.priceOverride ?? line.embeddedPrice ?? line.unitPrice, cart.currency)}
            </div>
            <div className="num">
              <strong>{t ? fmt(t.extended, cart.currency) : ''}</strong>
              {discount > 0 && <div className="sub">−{fmt(discount, cart.currency)}</div>}
            </div>
          </div>
        );
      })}
    </div>
  );
}
