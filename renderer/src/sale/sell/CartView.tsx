// The lines of the open sale, each with its note; the selected line is what F3/F5/F6/F9 and Alt+N act on.
// Rows are memoised so a scan renders the new line only (see CartLineRow).
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, type RefObject } from 'react';
import type { Cart, CartLine } from '../../model/cart-types';
import type { CartTotals } from '../../model/totals';
import { fmt, fmtWeight } from '../../ui/format';

/** What a line row shows of the sale's totals (compared by value: totals are recomputed as a whole). */
type LineTotal = CartTotals['lines'][number] | undefined;

function sameTotal(a: LineTotal, b: LineTotal): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  return (
    a.extended === b.extended &&
    a.lineDiscount === b.lineDiscount &&
    a.orderDiscount === b.orderDiscount &&
    a.promotion?.amount === b.promotion?.amount &&
    a.promotion?.name === b.promotion?.name
  );
}

interface RowProps {
  line: CartLine;
  total: LineTotal;
  selected: boolean;
  currency: string;
  selectedRef: RefObject<HTMLDivElement | null>;
  onSelect: (lineId: string) => void;
}

/**
 * One cart line. Memoised: a scan appends a line and leaves the others' objects as they were, so
 * only the new row renders (the scan → line in the DOM path), not every line of the sale.
 */
const CartLineRow = memo(
  function CartLineRow({ line, total: t, selected, currency, selectedRef, onSelect }: RowProps) {
    const discount = (t?.lineDiscount ?? 0) + (t?.promotion?.amount ?? 0) + (t?.orderDiscount ?? 0);
    return (
      <div
        ref={selected ? selectedRef : undefined}
        className={`cart-line${selected ? ' selected' : ''}`}
        onClick={() => onSelect(line.lineId)}
        data-testid="cart-line"
      >
        <div>
          <div className="name">{line.name}</div>
          <div className="sub">
            {line.sku}
            {line.priceOverride !== undefined && ` · price changed to ${fmt(line.priceOverride, currency)}`}
            {line.discount &&
              ` · ${line.discount.kind === 'percent' ? `${line.discount.percent} %` : fmt(line.discount.amount, currency)} off (${line.discount.reason})`}
            {t?.promotion && ` · ${t.promotion.name}`}
          </div>
          {line.note && (
            <div className="sub" data-testid="cart-line-note">
              Note: {line.note}
            </div>
          )}
        </div>
        <div className="num">{line.weightGrams !== undefined ? fmtWeight(line.weightGrams) : `× ${line.quantity}`}</div>
        <div className="num muted">
          {line.weightGrams !== undefined
            ? `${fmt(line.priceOverride ?? line.unitPrice, currency)}/kg`
            : fmt(line.priceOverride ?? line.embeddedPrice ?? line.unitPrice, currency)}
        </div>
        <div className="num">
          <strong>{t ? fmt(t.extended, currency) : ''}</strong>
          {discount > 0 && <div className="sub">−{fmt(discount, currency)}</div>}
        </div>
      </div>
    );
  },
  (a, b) =>
    a.line === b.line &&
    a.selected === b.selected &&
    a.currency === b.currency &&
    a.selectedRef === b.selectedRef &&
    a.onSelect === b.onSelect &&
    sameTotal(a.total, b.total),
);

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
  // The rows get one stable handler (the parent passes a new function on every render).
  const latestSelect = useRef(onSelect);
  useLayoutEffect(() => {
    latestSelect.current = onSelect;
  });
  const select = useCallback((lineId: string) => latestSelect.current(lineId), []);
  useEffect(() => {
    // Braces matter: newer Chromium returns a promise from scrollIntoView, which React would take for a cleanup.
    void selectedRef.current?.scrollIntoView({ block: 'nearest' });
  }, [cart.selectedLineId, cart.lines.length]);
  const byLine = useMemo(() => new Map(totals?.lines.map((l) => [l.key, l])), [totals]);
  if (cart.lines.length === 0) {
    return (
      <div className="cart-lines">
        <div className="cart-empty">Scan an item to start a sale.</div>
      </div>
    );
  }
  return (
    <div className="cart-lines" data-testid="cart-lines">
      {cart.lines.map((line) => (
        <CartLineRow
          key={line.lineId}
          line={line}
          total={byLine.get(line.lineId)}
          selected={line.lineId === cart.selectedLineId}
          currency={cart.currency}
          selectedRef={selectedRef}
          onSelect={select}
        />
      ))}
    </div>
  );
}
