// What every refund panel of the desk reads before it can plan: the store's return policy and the
// customer's earlier returns in the policy's limit period (undefined while they load, so no plan
// is shown that would miss the customer limit).
import { useEffect, useState } from 'react';
import type { CustomerReturnRecord, ReturnPolicy } from '../../../shared/returns';
import { errorMessage } from '../ui/error-message';
import type { CustomerReturnCheck, ReturnsPort } from './returns-port';

export interface RefundPolicyState {
  policy: ReturnPolicy | undefined;
  /** The customer's returns in the limit period; undefined while loading (or without a customer). */
  history: CustomerReturnRecord[] | undefined;
  /** Where the history came from: 'all-stores' when the server answered, 'this-store' when other stores could not be asked. */
  scope: CustomerReturnCheck['scope'] | undefined;
  /** The plan can be made: the policy is loaded and, with a customer, their history too. */
  ready: boolean;
  error: string | undefined;
}

export function useRefundPolicy(
  port: ReturnsPort,
  customerId: string | undefined,
  adapt: (policy: ReturnPolicy) => ReturnPolicy = (p) => p,
): RefundPolicyState {
  const [policy, setPolicy] = useState<ReturnPolicy>();
  const [check, setCheck] = useState<CustomerReturnCheck>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    port.settings().then(
      (s) => setPolicy(adapt(s.policy)),
      (e: unknown) => setError(errorMessage(e)),
    );
    // `adapt` is a pure mapping fixed per panel; reading the settings once per port is enough.
  }, [port]);
  useEffect(() => {
    setCheck(undefined);
    if (!customerId) return;
    let live = true;
    port.customerReturns(customerId).then(
      (c) => live && setCheck(c),
      () => live && setCheck({ returns: [], scope: 'this-store' }),
    );
    return () => {
      live = false;
    };
  }, [port, customerId]);
  return {
    policy,
    history: check?.returns,
    scope: check?.scope,
    ready: policy !== undefined && (!customerId || check !== undefined),
    error,
  };
}
