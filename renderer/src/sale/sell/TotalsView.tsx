// Subtotal, discounts, promotions, tax by rate and the amount to pay, large enough to read
// across a counter.
import type { CartTotals } from '../../model/totals';
import { fmt } from '../../ui/format';

export function TotalsView({ totals, items }: { totals: CartTotals; items: number }) {
  const c = totals.currency;
  return (
    <div className="panel totals" data-testid="totals">
      <div>
        <span>Items</span>
        <span className="num">{items}</span>
      </div>
      <div>
        <span>Subtotal</span>
        <span className="num">{fmt(totals.subtotal.amount, c)}</span>
      </div>
      {totals.orderDiscounts.map((d) => (
        <div key={d.id}>
          <span>{d.source === 'promotion' ? d.name : `Sale discount (${d.name})`}</span>
          <span className="num">−{fmt(d.amount, c)}</span>
        </div>
      ))}
      {totals.discountTotal.amount > 0 && (
        <div>
          <span>All discounts</span>
          <span className="num">−{fmt(totals.discountTotal.amount, c)}</span>
        </div>
      )}
      {totals.taxByRate
        .filter((r) => r.amount.amount !== 0)
        .map((r) => (
          <div key={r.code}>
            <span>
              {r.name} {r.percent} %
            </span>
            <span className="num">{fmt(r.amount.amount, c)}</span>
          </div>
        ))}
      <div className="grand">
        <span>Total</span>
        <span className="num" data-testid="total">
          {fmt(totals.grandTotal.amount, c)}
        </span>
      </div>
    </div>
  );
}
