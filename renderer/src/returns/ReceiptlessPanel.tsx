// A return without a receipt: scan the goods (today's shelf price), find the customer, and the
// refund goes to their store credit — up to the policy's cap, with a manager's PIN when the policy
// asks for it (shared/returns planRefund decides both).
import { useMemo, useState } from 'react';
import type { Return } from '../../../shared/schemas';
import { formatMoney, money } from '../../../shared/money';
import { planRefund } from '../../../shared/returns';
import { withReceiptlessApprovers } from '../../../shared/payments/refund-limits';
import { useBackend } from '../model/backend-context';
import type { CustomerView } from '../model/backend';
import type { ReceiptlessLine } from '../local-data/returns-receiptless';
import { receiptlessTotal } from '../local-data/returns-receiptless';
import { errorMessage } from '../ui/error-message';
import { useSaleContext } from '../session/sale-context-store';
import { useSession } from '../session/session-store';
import { returnReceipt } from './return-receipt';
import { useReturnDesk } from './returns-store';
import type { GrantedReturnApproval, ReturnsPort } from './returns-port';
import { useRefundPolicy } from './useRefundPolicy';
import { ApprovalNeeded, LimitReachNotice, ReturnApprovalDialog } from './RefundParts';

export function ReceiptlessPanel({ port, onCancel }: { port: ReturnsPort; onCancel: () => void }) {
  const backend = useBackend();
  const context = useSaleContext((s) => s.context);
  const clerk = useSession((s) => s.clerk);
  const till = useSession((s) => s.till);
  const finish = useReturnDesk((s) => s.finish);
  const currency = (context?.currency ?? 'USD') as Return['currency'];
  const [lines, setLines] = useState<ReceiptlessLine[]>([]);
  const [code, setCode] = useState('');
  const [customerText, setCustomerText] = useState('');
  const [customers, setCustomers] = useState<CustomerView[]>([]);
  const [customer, setCustomer] = useState<CustomerView>();
  const [approvals, setApprovals] = useState<GrantedReturnApproval[]>([]);
  const [asking, setAsking] = useState(false);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  // The server accepts a receipt-less return only with a manager's approval (shared/payments/refund-limits).
  const {
    policy,
    history,
    scope,
    ready,
    error: policyError,
  } = useRefundPolicy(port, customer?.id, withReceiptlessApprovers);

  const total = receiptlessTotal(lines);
  const planned = useMemo(() => {
    if (!policy || !ready || total === 0 || !clerk) return undefined;
    try {
      const plan = planRefund({
        currency,
        refundTotal: total,
        withReceipt: false,
        now: new Date().toISOString(),
        originalTenders: [],
        policy,
        actorRole: clerk.role,
        ...(history ? { customerReturns: history } : {}),
      });
      return { missing: plan.approvals.filter((a) => !approvals.some((g) => g.kind === a.kind)) };
    } catch (e) {
      return { error: errorMessage(e) };
    }
  }, [policy, ready, total, clerk, approvals, currency, history]);

  const scan = async (): Promise<void> => {
    const product = await backend.findByBarcode(code.trim()).catch(() => undefined);
    if (!product) return setError(`No product has the code ${code.trim()}. Scan the item's barcode or type it.`);
    setCode('');
    setError(undefined);
    setLines((ls) => {
      const same = ls.find((l) => l.productId === product.id);
      if (same) return ls.map((l) => (l === same ? { ...l, quantity: l.quantity + 1 } : l));
      return [
        ...ls,
        {
          productId: product.id,
          sku: product.sku,
          name: product.name,
          quantity: 1,
          unitPrice: product.price,
          reason: 'other',
          condition: 'sellable',
          disposition: 'back_to_stock',
        },
      ];
    });
  };
  const complete = async (granted: GrantedReturnApproval[]): Promise<void> => {
    if (!clerk || !customer) return setError('Find the customer whose store credit gets the refund.');
    setBusy(true);
    try {
      const result = await port.completeReceiptless({
        lines,
        customerId: customer.id,
        currency,
        taxMode: context?.jurisdiction.mode ?? 'exclusive',
        approvals: granted,
        staffId: clerk.staffId,
        actorRole: clerk.role,
        shiftId: till?.status === 'open' ? till.shiftId : undefined,
      });
      const receipt = returnReceipt({
        ret: result.ret,
        order: undefined,
        names: Object.fromEntries(lines.map((l) => [l.sku, l.name])),
        completed: result,
        store: { name: context?.store.name ?? '', addressLines: context?.store.addressLines ?? [] },
        printedAt: new Date().toLocaleString(),
        cashierName: clerk.name,
        policyText: `Store credit for ${customer.name}.`,
      });
      finish(result, receipt);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  const submit = (): void => {
    if (planned?.missing && planned.missing.length > 0) return setAsking(true);
    void complete(approvals);
  };

  return (
    <section className="panel stack" data-testid="receiptless-panel">
      <h2 style={{ margin: 0 }}>Return without a receipt — refunded as store credit</h2>
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
          placeholder="Scan the item"
          data-testid="receiptless-scan"
          aria-label="Item barcode"
        />
        <button className="btn" type="submit">
          Add
        </button>
      </form>
      {lines.map((l) => (
        <div
          className="row"
          key={l.productId}
          style={{ justifyContent: 'space-between' }}
          data-testid="receiptless-line"
        >
          <span>
            {l.quantity} × {l.name}
          </span>
          <span className="num">{formatMoney(money(l.quantity * l.unitPrice, currency))}</span>
        </div>
      ))}
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          void backend
            .searchCustomers(customerText, 5)
            .then(setCustomers, (err: unknown) => setError(errorMessage(err)));
        }}
      >
        <input
          className="input"
          style={{ flex: 1 }}
          value={customerText}
          onChange={(e) => setCustomerText(e.target.value)}
          placeholder="Customer name, phone or e-mail"
          data-testid="receiptless-customer"
          aria-label="Customer"
        />
        <button className="btn" type="submit">
          Find customer
        </button>
      </form>
      <div className="row">
        {customers.map((c) => (
          <button
            type="button"
            key={c.id}
            className={`btn${customer?.id === c.id ? ' active' : ''}`}
            onClick={() => setCustomer(c)}
            aria-pressed={customer?.id === c.id}
            data-customer-id={c.id}
            data-testid="receiptless-customer-pick"
          >
            {c.name}
          </button>
        ))}
      </div>
      {planned?.error && (
        <div className="error" role="alert" data-testid="receiptless-error">
          {planned.error}
        </div>
      )}
      {(error ?? policyError) && (
        <div className="error" role="alert">
          {error ?? policyError}
        </div>
      )}
      <LimitReachNotice policy={policy} scope={scope} />
      {planned?.missing && <ApprovalNeeded missing={planned.missing} />}
      <div className="row">
        <button className="btn" type="button" onClick={onCancel}>
          Back
        </button>
        <button
          className="btn primary"
          type="button"
          disabled={busy || total === 0 || !customer || !ready || planned?.error !== undefined}
          onClick={submit}
          data-testid="receiptless-complete"
        >
          {planned?.missing && planned.missing.length > 0 ? 'Manager approval' : 'Refund'}{' '}
          {formatMoney(money(total, currency))} as store credit
        </button>
      </div>
      {asking && planned?.missing && (
        <ReturnApprovalDialog
          title="Return without a receipt"
          required={planned.missing}
          onClose={() => setAsking(false)}
          onGranted={(granted) => {
            setAsking(false);
            const next = [...approvals, ...granted];
            setApprovals(next);
            void complete(next);
          }}
        />
      )}
    </section>
  );
}
