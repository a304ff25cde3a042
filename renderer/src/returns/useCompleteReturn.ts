// Completing the return: the port refunds and writes it durably; then the return receipt is built
// (HTML on screen; the same document encodes to ESC/POS) and the desk shows it.
import { useState } from 'react';
import type { RefundAllocation } from '../../../shared/returns';
import { errorMessage } from '../ui/error-message';
import { useSaleContext } from '../session/sale-context-store';
import { useSession } from '../session/session-store';
import { returnReceipt } from './return-receipt';
import { useReturnDesk } from './returns-store';
import type { FoundSale, ReturnLineInput, ReturnsPort } from './returns-port';

export function useCompleteReturn(port: ReturnsPort, found: FoundSale) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const clerk = useSession((s) => s.clerk);
  const till = useSession((s) => s.till);
  const context = useSaleContext((s) => s.context);
  const approvals = useReturnDesk((s) => s.approvals);
  const finish = useReturnDesk((s) => s.finish);

  const complete = async (lines: ReturnLineInput[], allocations: RefundAllocation[]): Promise<void> => {
    if (!clerk) return setError('Sign in first.');
    setBusy(true);
    setError(undefined);
    try {
      const result = await port.complete({
        found,
        lines,
        allocations,
        approvals,
        staffId: clerk.staffId,
        actorRole: clerk.role,
        shiftId: till?.status === 'open' ? till.shiftId : undefined,
      });
      const order = found.view.order;
      const receipt = returnReceipt({
        ret: result.ret,
        order,
        completed: result,
        store: { name: context?.store.name ?? '', addressLines: context?.store.addressLines ?? [] },
        printedAt: new Date().toLocaleString(),
        cashierName: clerk.name,
        policyText: context?.returnPolicy ?? '',
      });
      finish(result, receipt);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return { complete, busy, error };
}
