// An exchange at the desk: the lines selected above come back, the customer takes new items
// (scan or type their barcode), and only the difference is settled — the customer pays it (card,
// gift card or store credit through the sale's dialogs, the rest in cash), or it is refunded under
// the policy's tender rules (deskPlan; offline a card refund is queued). F12 completes; the return,
// the new order and the difference are written as one durable unit (returns-service).
import { useMemo, useState } from 'react';
import type { Role } from '../../../shared/pricing';
import { parseMoney } from '../../../shared/money';
import { settleExchange } from '../../../shared/returns';
import { useBackend } from '../model/backend-context';
import { newId } from '../model/ids';
import { paidSoFar, type Tender } from '../model/tender';
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
import { useRefundPolicy } from './useRefundPolicy';
import { ApprovalNeeded, LimitReachNotice, RefundTenders, ReturnApprovalDialog } from './RefundParts';
import { DifferencePad } from './DifferencePad';

export function ExchangePanel({ port, found, actorRole }: { port: ReturnsPort; found: FoundSale; actorRole: Role }) {
  const backend = useBackend();
  const context = useSaleContext((s) => s.context);
  const clerk = useSession((s) => s.clerk);
  const till = useSession((s) => s.till);
  const selections = useReturnDesk((s) => s.selections);
  const approvals = useReturnDesk((s) => s.approvals);
  const grant = useReturnDesk((s) => s.grant);
  const finish = useReturnDesk((s) => s.finish);
  const [items, setItems] = useState<ExchangeLine[]>([]);
  const [code, setCode] = useState('');
  const [cashText, setCashText] = useState('');
  const [paid, setPaid] = useState<Tender[]>([]);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [asking, setAsking] = useState(false);
  const [startedAt] = useState(() => new Date().toISOString());
  const [saleId] = useState(() => newId());
  const order = found.view.order;
  const currency = order.currency;
  const customerId = order.customerId;
  const { policy, history, scope, ready: loaded, error: policyError } = useRefundPolicy(port, customerId);

  const lines = selectedLines(selections);
  const result = useMemo(() => {
    if (!policy || !loaded || !context || lines.length === 0 || items.length === 0) return undefined;
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
  }, [policy, loaded, context, lines, items, history, currency, startedAt, found, actorRole, approvals]);

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
    const taken = owed > 0 ? paid : [];
    const left = owed - paidSoFar(taken);
    if (left < 0)
      return setError(`The customer owes ${fmt(owed, currency)} but ${fmt(paidSoFar(taken), currency)} was taken.`);
    let cash: Tender['cash'];
    try {
      const tendered = left > 0 ? (cashText.trim() ? parseMoney(cashText, currency).amount : left) : 0;
      if (tendered < left)
        return setError(`The customer still owes ${fmt(left, currency)}; ${fmt(tendered, currency)} is not enough.`);
      cash = left > 0 ? { tendered, change: tendered - left } : undefined;
    } catch (e) {
      return setError(errorMessage(e));
    }
    const tenders: Tender[] = cash
      ? [
          ...taken,
          { id: newId(), method: 'cash', amount: left, status: 'approved', cash, at: new Date().toISOString() },
        ]
      : taken;
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
          cash,
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
            <DifferencePad
              due={ready.settlement.amount}
              currency={currency}
              customerId={customerId}
              tenders={paid}
              cashText={cashText}
              onCashText={setCashText}
              onTender={(t) => setPaid((ts) => [...ts, t])}
              onRemove={(id) => setPaid((ts) => ts.filter((t) => t.id !== id))}
            />
          )}
          {ready.settlement.direction === 'refund-customer' && (
            <RefundTenders
              allocations={ready.plan.plan.allocations}
              currency={currency}
              online={port.online()}
              testId="exchange-refund"
            />
          )}
          <LimitReachNotice policy={policy} scope={scope} />
          <ApprovalNeeded missing={ready.plan.missing} />
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
      {(error ?? policyError) && (
        <div className="error" role="alert" data-testid="exchange-error">
          {error ?? policyError}
        </div>
      )}
      {asking && ready && (
        <ReturnApprovalDialog
          title="Approve this exchange"
          required={ready.plan.missing}
          onClose={() => setAsking(false)}
          onGranted={(granted) => {
            setAsking(false);
            grant(granted);
          }}
        />
      )}
    </section>
  );
}
