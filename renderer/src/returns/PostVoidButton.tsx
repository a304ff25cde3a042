// Post-void at the desk: a completed sale of this till's open shift is cancelled as a whole with a
// manager's PIN — every line back to stock, every tender refunded in full to itself (the port
// plans it with shared/returns planPostVoid and refuses anything else). A signed-in manager the
// policy lets approve is not asked for a PIN: the port records them as the approver.
import { useState } from 'react';
import type { RequiredApproval } from '../../../shared/pricing';
import { planPostVoid } from '../../../shared/returns';
import { errorMessage } from '../ui/error-message';
import { useSaleContext } from '../session/sale-context-store';
import { useSession } from '../session/session-store';
import { returnReceipt } from './return-receipt';
import { useReturnDesk } from './returns-store';
import type { FoundSale, GrantedReturnApproval, ReturnsPort } from './returns-port';
import { ReturnApprovalDialog } from './RefundParts';

export function PostVoidButton({ port, found }: { port: ReturnsPort; found: FoundSale }) {
  const clerk = useSession((s) => s.clerk);
  const till = useSession((s) => s.till);
  const context = useSaleContext((s) => s.context);
  const finish = useReturnDesk((s) => s.finish);
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [required, setRequired] = useState<RequiredApproval[]>();
  const order = found.view.order;
  const shiftId = till?.status === 'open' ? till.shiftId : undefined;
  if (!shiftId || order.tillShiftId !== shiftId || !clerk) return null;

  const run = async (approvals: GrantedReturnApproval[]): Promise<void> => {
    setBusy(true);
    setError(undefined);
    try {
      const result = await port.postVoid({ found, approvals, staffId: clerk.staffId, actorRole: clerk.role, shiftId });
      const receipt = returnReceipt({
        ret: result.ret,
        order,
        completed: result,
        store: { name: context?.store.name ?? '', addressLines: context?.store.addressLines ?? [] },
        printedAt: new Date().toLocaleString(),
        cashierName: clerk.name,
        policyText: `Sale ${order.orderNumber} voided.`,
      });
      finish(result, { ...receipt, copyLabel: 'POST-VOID' });
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  const start = async (): Promise<void> => {
    setError(undefined);
    try {
      const { policy } = await port.settings();
      const plan = planPostVoid({
        view: found.view,
        openShiftId: shiftId,
        actorRole: clerk.role,
        approverRole: policy.approverRole,
        selfApprovingRoles: policy.selfApprovingRoles,
      });
      if (plan.approvals.length === 0) return await run([]);
      setRequired(plan.approvals);
      setAsking(true);
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  return (
    <>
      <button
        className="btn danger"
        type="button"
        disabled={busy}
        onClick={() => void start()}
        data-testid="post-void"
        title="Cancel the whole sale: it was rung up on this till's open shift"
      >
        Void this sale
      </button>
      {error && (
        <div className="error" role="alert" data-testid="post-void-error">
          {error}
        </div>
      )}
      {asking && required && (
        <ReturnApprovalDialog
          title="Void a completed sale"
          required={required}
          onClose={() => setAsking(false)}
          onGranted={(granted) => {
            setAsking(false);
            void run(granted);
          }}
        />
      )}
    </>
  );
}
