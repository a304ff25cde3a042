// The refund for the selected lines, planned by shared/returns under the store's policy: where
// each part goes (original card, cash from the drawer, the same gift card, store credit), the
// approvals it needs (manager PIN through the usual approval dialog), and Complete (F12).
import { useMemo, useState } from 'react';
import type { Role } from '../../../shared/pricing';
import { errorMessage } from '../ui/error-message';
import { fmt } from '../ui/format';
import { useKeyLayer } from '../keys/useKeyLayer';
import { Action } from '../keys/shortcuts';
import { deskPlan, selectedLines } from './refund-plan';
import { useReturnDesk } from './returns-store';
import type { FoundSale, ReturnsPort } from './returns-port';
import { useCompleteReturn } from './useCompleteReturn';
import { useRefundPolicy } from './useRefundPolicy';
import { ApprovalNeeded, LimitReachNotice, RefundTenders, ReturnApprovalDialog } from './RefundParts';

export function RefundPanel({ port, found, actorRole }: { port: ReturnsPort; found: FoundSale; actorRole: Role }) {
  const selections = useReturnDesk((s) => s.selections);
  const approvals = useReturnDesk((s) => s.approvals);
  const grant = useReturnDesk((s) => s.grant);
  const [asking, setAsking] = useState(false);
  const { complete, busy, error: completeError } = useCompleteReturn(port, found);
  const { policy, history, scope, ready } = useRefundPolicy(port, found.view.order.customerId);
  const lines = selectedLines(selections);
  const result = useMemo(() => {
    if (!policy || !ready || lines.length === 0) return undefined;
    try {
      return { plan: deskPlan(found, lines, policy, actorRole, approvals, new Date().toISOString(), history) };
    } catch (e) {
      return { error: errorMessage(e) };
    }
  }, [found, lines, policy, ready, actorRole, approvals, history]);
  const plan = result?.plan;
  const currency = found.view.order.currency;
  const online = port.online();

  const finish = (): void => {
    if (!plan || busy) return;
    if (plan.missing.length > 0) return setAsking(true);
    void complete(lines, plan.plan.allocations);
  };
  useKeyLayer({ onAction: (a) => (a === Action.PAY ? (finish(), true) : false) });

  return (
    <section className="panel stack" data-testid="refund-panel">
      {!result && <p className="muted">Enter how many of each item come back.</p>}
      {result?.error && (
        <div className="error" role="alert" data-testid="refund-error">
          {result.error}
        </div>
      )}
      {plan && (
        <>
          <div className="totals">
            <div>
              <span>Items</span>
              <span className="num">{fmt(plan.quote.net, currency)}</span>
            </div>
            <div>
              <span>Tax refunded</span>
              <span className="num">{fmt(plan.quote.tax, currency)}</span>
            </div>
            <div className="grand">
              <span>Refund</span>
              <span className="num" data-testid="refund-total">
                {fmt(plan.quote.total, currency)}
              </span>
            </div>
          </div>
          <RefundTenders
            allocations={plan.plan.allocations}
            currency={currency}
            online={online}
            testId="refund-allocations"
          />
          <LimitReachNotice policy={policy} scope={scope} />
          <ApprovalNeeded missing={plan.missing} testId="refund-needs-approval" />
          <button className="btn primary" type="button" onClick={finish} disabled={busy} data-testid="complete-return">
            {busy ? 'Refunding…' : plan.missing.length > 0 ? 'Manager approval' : 'Complete return'} <kbd>F12</kbd>
          </button>
        </>
      )}
      {completeError && (
        <div className="error" role="alert" data-testid="complete-error">
          {completeError}
        </div>
      )}
      {asking && plan && (
        <ReturnApprovalDialog
          title="Approve this return"
          required={plan.missing}
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
