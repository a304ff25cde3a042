// Runs a change that may need a manager: straight away when shared/pricing says no approval is
// missing (a manager ringing the sale approves their own changes), otherwise after the manager
// PIN dialog, which grants every missing approval at once and records who gave it.
import { useCallback, useState } from 'react';
import type { RequiredApproval } from '../../../shared/pricing';
import type { Approval } from '../model/cart-types';

export interface PendingApproval {
  required: RequiredApproval[];
  title: string;
  apply: (approvals: Approval[]) => void;
}

export function useApproval() {
  const [pending, setPending] = useState<PendingApproval>();
  const run = useCallback((required: RequiredApproval[], title: string, apply: (approvals: Approval[]) => void) => {
    if (required.length === 0) return apply([]);
    setPending({ required, title, apply });
  }, []);
  return { pending, run, clear: useCallback(() => setPending(undefined), []) };
}
