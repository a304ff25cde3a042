// An exchange at the desk: the lines selected above come back, the customer takes new items
// (scan or type their barcode), and only the difference is settled — the customer pays it in
// cash, or it is refunded under the policy's tender rules (deskPlan). F12 completes; the return,
// the new order and the difference are written as one durable unit (returns-service).
import { useEffect, useMemo, useState } from 'react';
import type { Role } from '../../../shared/pricing';
import { parseMoney } from '../../../shared/money';
import { settleExchange, type CustomerReturnRecord, type ReturnPolicy } from '../../../shared/returns';
import type { SaleTender } from '../../../shared/orders/sale-documents';
import { useBackend } from '../model/backend-context';
import { newId } from '../model/ids';
import { ApprovalDialog } from '../approval/ApprovalDialog';
import { errorMessage } from '../ui/error-message';
import { fmt } from '../ui/format';
import { useKeyLayer } from '../keys/useKeyLayer';
import { Action } from '../keys/shortcuts';
import { useSaleContext } from '../session/sale-context-store';
import { useSession } from '../session/session-store';
import { addExchangeItem, priceExchange, saleLines, type ExchangeLine } from './exchange-cart';
import { exchangeReceipt } from './return-receipt';
import { deskPlan, selectedLines } from './refund-plan';
import { useReturnDesk } from './returns-store';
import type { FoundSale, ReturnsPort } from './returns-port';

export function ExchangePanel({ port, found, actorRole }: { port: ReturnsPort; found: FoundSale; actorRole: Role }) {
  const backend = useBackend();
  const context = useSaleContext((s) => s.context);
  const clerk = useSession((s) => s.clerk);
  const till = useSession((s) => s.till);
  const selections = useReturnDesk((s) => s.selections);
  const approvals = useReturnDesk((s) => s.approvals);
  const grant = useReturnDesk((s) => s.grant);
  const finish = useReturnDesk((s) => s.finish);
  const [policy, setPolicy] = useState<ReturnPolicy>();
  const [history, setHistory] = useState<CustomerReturnRecord[]>();
  const [items, setItems] = useState<ExchangeLine[]>([]);
  const [code, setCode] = useState('');
  const [cashText, setCashText] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [asking, setAsking] = useState(false);
  const [startedAt] = useState(() => new Date().toISOString());
  const [saleId] = useState(() => newId());
  const order = found.view.order;
  const currency = order.currency;
  const customerId = order.customerId;
  useEffect(() => {
    port.settings().then(
      (s) => setPolicy(s.policy),
      (e: unknown) => setError(errorMessage(e)),
    );
  }, [port]);
  useEffect(() => {
    if (!customerId) return;
    port.customerReturns(customerId).then(setHistory, () => setHistory([]));
  }, [port, customerId]);

  const lines = selectedLines(selections);
  const result = useMemo(() => {
    if (!policy || !context || lines.length === 0 || items.length === 0 || (customerId && !history)) return undefined;
    try {
      const totals = priceExchange(items, currency, context.jurisdiction, context.promotions, startedAt);
      const refund = deskPlan(found, lines, policy, actorRole, approvals, new Date().toISOString(), history).quote
        .total;
      const settlement = settleExchange(refund, totals.grandTotal.amount);
      const applied = Math.min(refund, totals.grandTotal.amount);
      const plan = deskPlan(found, lines, policy, actorRole, approvals, new Date().toISOString(), history, applied);
      return { totals, settlement, plan, refund };
    } catch (e) {
      return { error: errorMessage(e) };
    }
  }, [policy, context, lines, items, customerId, history, currency, startedAt, found, actorRole, approvals]);

  const scan = async (): Promise<void> => {
    const typed = code.trim();
    if (!typed) return;
    const product = await backend.findByBarcode(typed).catch(() => undefined);
    if (!product) return setError(`No product has the code ${typed}. Scan the item's barcode or type it.`);
    if (product.soldByWeight)
      return setError(`${product.name} is sold by weight; exchange it at the sale screen as a new sale.`);
    setError(undefined);
    setCode('');
    setItems((ls) => addExchangeItem(ls, product, typed, newId));
  };

  const complete = async (): Promise<void> => {
    if (!result || 'error' in result || !clerk || !context || busy) return;
    const { totals, settlement, plan } = result;
    if (plan.missing.length > 0) return setAsking(true);
    const owed = settlement.direction === 'customer-pays' ? settlement.amount : 0;
    const tendered = owed > 0 ? (cashText.trim() ? parseMoney(cashText, currency).amount : owed) : 0;
    if (tendered < owed)
      return setError(`The customer owes ${fmt(owed, currency)}; ${fmt(tendered, currency)} is not enough.`);
    const tenders: SaleTender[] =
      owed > 0
        ? [
            {
              id: newId(),
              method: 'cash',
              amount: owed,
              status: 'approved',
              cash: { tendered, change: tendered - owed },
              at: new Date().toISOString(),
            },
          ]
        : [];
    setBusy(true);
    setError(undefined);
    try {
      const done = await port.complete({
        found,
        lines,
        allocations: settlement.direction === 'refund-customer' ? plan.plan.allocations : [],
        approvals,
        staffId: clerk.staffId,
        actorRole: clerk.role,
        shiftId: till?.status === 'open' ? till.shiftId : undefined,
        exchange: {
          saleId,
          startedAt,
          lines: saleLines(items),
          totals,
          tenders,
          context: {
            registerId: context.registerId,
            priceBookId: context.priceBookId,
            jurisdiction: context.jurisdiction,
          },
          storeCode: context.store.code,
          registerCode: context.registerCode,
        },
      });
      finish(
        done,
        exchangeReceipt({
          ret: done.ret,
          order,
          completed: done,
          store: { name: context.store.name, addressLines: context.store.addressLines },
          printedAt: new Date().toLocaleString(),
          cashierName: clerk.name,
          policyText: context.returnPolicy ?? '',
          cash: tenders[0]?.cash,
        }),
      );
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  useKeyLayer({ onAction: (a) => (a === Action.PAY ? (void complete(), true) : false) });

  const ready = result && !('error' in result) ? result : undefined;
  return (
    <section className="panel stack" data-testid="exchange-panel">
      <h2 style={{ margin: 0 }}>Exchange — the customer takes</h2>
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          void scan();
        }}
      >
        <input
          className="input"
          style={{ flex: 1 }}
          value={code}
          onChange={(e) => setCode(e.target.value)}
          autoFocus
          autoComplete="off"
          placeholder="Scan the new item"
          data-testid="exchange-scan"
          aria-label="New item barcode"
        />
        <button className="btn" type="submit">
          Add <kbd>Enter</kbd>
        </button>
      </form>
      {items.map((l) => (
        <div className="row" key={l.lineId} style={{ justifyContent: 'space-between' }} data-testid="exchange-line">
          <span>
            {l.quantity} × {l.product.name}
          </span>
          <span className="num">{fmt(l.quantity * l.product.price, currency)}</span>
        </div>
      ))}
      {lines.length === 0 && <p className="muted">Enter above how many of each item come back.</p>}
      {result && 'error' in result && (
        <div className="error" role="alert" data-testid="exchange-error">
          {result.error}
        </div>
      )}
      {ready && (
        <>
          <div className="totals">
            <div>
              <span>Returned</span>
              <span className="num">−{fmt(ready.refund, currency)}</span>
            </div>
            <div>
              <span>New items (tax included)</span>
              <span className="num">{fmt(ready.totals.grandTotal.amount, currency)}</span>
            </div>
            <div className="grand" data-testid="exchange-settlement">
              <span>
                {ready.settlement.direction === 'customer-pays'
                  ? 'Customer pays'
                  : ready.settlement.direction === 'refund-customer'
                    ? 'Refund to customer'
                    : 'Even exchange'}
              </span>
              <span className="num">{fmt(ready.settlement.amount, currency)}</span>
            </div>
          </div>
          {ready.settlement.direction === 'customer-pays' && (
            <label className="field">
              <span>Cash received (empty: exact)</span>
              <input
                className="input"
                inputMode="decimal"
                value={cashText}
                onChange={(e) => setCashText(e.target.value)}
                data-testid="exchange-cash"
                placeholder={fmt(ready.settlement.amount, currency)}
              />
            </label>
          )}
          {ready.settlement.direction === 'refund-customer' && (
            <div className="tenders" data-testid="exchange-refund">
              {ready.plan.plan.allocations.map((a, i) => (
                <div className="row" key={i} style={{ justifyContent: 'space-between' }}>
                  <span>
                    {a.method.replace('_', ' ')}
                    {a.last4 ? ` **** ${a.last4}` : ''}
                  </span>
                  <span className="num">{fmt(a.amount, currency)}</span>
                </div>
              ))}
            </div>
          )}
          {ready.plan.missing.length > 0 && (
            <p className="notice">{ready.plan.missing.map((m) => m.reason).join(' ')} A manager must approve.</p>
          )}
          <button
            className="btn primary"
            type="button"
            disabled={busy}
            onClick={() => void complete()}
            data-testid="complete-exchange"
          >
            {busy ? 'Saving…' : ready.plan.missing.length > 0 ? 'Manager approval' : 'Complete exchange'} <kbd>F12</kbd>
          </button>
        </>
      )}
      {error && (
        <div className="error" role="alert" data-testid="exchange-error">
          {error}
        </div>
      )}
      {asking && ready && (
        <ApprovalDialog
          title="Approve this exchange"
          required={ready.plan.missing}
          onClose={() => setAsking(false)}
          onApproved={(granted) => {
            setAsking(false);
            grant(granted.map((g) => ({ kind: g.kind, approverId: g.approverId, reason: g.detail, at: g.at })));
          }}
        />
      )}
    </section>
  );
}
