// The settlement blocks every refund panel of the desk shares (refund, exchange, no receipt):
// where the money goes, the customer-limit reach, and the manager's approval.
import type { RequiredApproval } from '../../../shared/pricing';
import type { RefundAllocation, ReturnPolicy } from '../../../shared/returns';
import { ApprovalDialog } from '../approval/ApprovalDialog';
import type { Approval } from '../model/cart-types';
import { fmt } from '../ui/format';
import type { CustomerReturnCheck, GrantedReturnApproval } from './returns-port';

const METHOD_LABEL: Record<string, string> = {
  cash: 'Cash from the drawer',
  card: 'Back to card',
  store_credit: 'Store credit',
  gift_card: 'Gift card',
};

/** The planned refund tenders; a card refund taken offline is said to be queued. */
export function RefundTenders({
  allocations,
  currency,
  online,
  testId,
}: {
  allocations: readonly RefundAllocation[];
  currency: string;
  online: boolean;
  testId: string;
}) {
  return (
    <div className="tenders" data-testid={testId}>
      {allocations.map((a, i) => (
        <div className="row" key={i} style={{ justifyContent: 'space-between' }}>
          <span>
            {METHOD_LABEL[a.method] ?? a.method}
            {a.last4 ? ` **** ${a.last4}` : ''}
            {a.method === 'card' && !online ? ' — queued, sent when online' : ''}
          </span>
          <span className="num">{fmt(a.amount, currency)}</span>
        </div>
      ))}
    </div>
  );
}

/** Offline, the customer's return limit was counted on this store's returns only: the clerk is told. */
export function LimitReachNotice({
  policy,
  scope,
}: {
  policy: ReturnPolicy | undefined;
  scope: CustomerReturnCheck['scope'] | undefined;
}) {
  if (!policy?.customerLimit || scope !== 'this-store') return null;
  return (
    <p className="notice" data-testid="limit-this-store">
      The customer&apos;s returns at other stores could not be checked (offline): the return limit counts this
      store&apos;s returns only.
    </p>
  );
}

/** Why a manager must approve, shown above the complete button. */
export function ApprovalNeeded({ missing, testId }: { missing: readonly RequiredApproval[]; testId?: string }) {
  if (missing.length === 0) return null;
  return (
    <p className="notice" data-testid={testId}>
      {missing.map((m) => m.reason).join(' ')} A manager must approve.
    </p>
  );
}

export function toGranted(approvals: readonly Approval[]): GrantedReturnApproval[] {
  return approvals.map((g) => ({ kind: g.kind, approverId: g.approverId, reason: g.detail, at: g.at }));
}

/** The sale's manager-PIN dialog, answering in the returns' approval shape. */
export function ReturnApprovalDialog({
  title,
  required,
  onClose,
  onGranted,
}: {
  title: string;
  required: RequiredApproval[];
  onClose: () => void;
  onGranted: (granted: GrantedReturnApproval[]) => void;
}) {
  return (
    <ApprovalDialog title={title} required={required} onClose={onClose} onApproved={(a) => onGranted(toGranted(a))} />
  );
}
