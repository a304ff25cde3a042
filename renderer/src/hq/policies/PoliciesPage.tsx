// The chain's default policy, or one store's override of it (picked with the store picker; a store
// without an override shows the default's values and saving creates its override): discount
// approval thresholds, return policy, offline card caps, the stock adjustment approval limit.
// Amounts are typed in currency units and sent in minor units.
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { DEFAULT_ADJUSTMENT_APPROVAL_OVER } from '../../../../shared/inventory/adjustments';
import { api, errorText } from '../api';
import { can, useSession } from '../session-store';
import { StorePicker, useStores } from '../shared/StorePicker';
import { Notices } from '../shared/Notices';

interface Policy {
  key: string;
  payload: {
    returns: {
      windowDays: number;
      receiptlessCap: number;
      receiptlessNeedsApproval: boolean;
      cashRefundApprovalOver: number;
    };
    approvals: { discountPpmOver: number; discountAmountOver: number };
    offlineCard: { enabled: boolean; perTransactionCap: number; perRegisterCap: number; expiryHours: number };
    inventory?: { adjustmentApprovalOver: number };
  };
}

const FIELDS = [
  ['windowDays', 'Return window (days)', 'returns', 'int'],
  ['receiptlessCap', 'Receipt-less return cap', 'returns', 'money'],
  ['cashRefundApprovalOver', 'Cash refund needs approval over', 'returns', 'money'],
  ['discountPpmOver', 'Discount needs approval over (%)', 'approvals', 'percent'],
  ['discountAmountOver', 'Discount needs approval over (amount)', 'approvals', 'money'],
  ['perTransactionCap', 'Offline card cap per sale', 'offlineCard', 'money'],
  ['perRegisterCap', 'Offline card cap per register', 'offlineCard', 'money'],
  ['expiryHours', 'Offline card expiry (hours)', 'offlineCard', 'int'],
  ['adjustmentApprovalOver', 'Stock adjustment needs approval over', 'inventory', 'money'],
] as const;
/** What a register applies when the stored policy has no such field (shown so saving keeps it). */
const DEFAULT_WHEN_ABSENT: Partial<Record<(typeof FIELDS)[number][0], number>> = {
  adjustmentApprovalOver: DEFAULT_ADJUSTMENT_APPROVAL_OVER,
};
type Kind = (typeof FIELDS)[number][3];

const show = (v: number, kind: Kind) =>
  kind === 'money' ? (v / 100).toFixed(2) : kind === 'percent' ? String(v / 10_000) : String(v);
const read = (t: string, kind: Kind) =>
  kind === 'money' ? Math.round(Number(t) * 100) : kind === 'percent' ? Math.round(Number(t) * 10_000) : Number(t);

export function PoliciesPage() {
  const user = useSession((s) => s.user);
  const [policies, setPolicies] = useState<Policy[]>([]);
  const [storeCode, setStoreCode] = useState('');
  const [values, setValues] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const stores = useStores((e) => setError(errorText(e)));
  const load = useCallback(async () => {
    try {
      setPolicies((await api<{ policies: Policy[] }>('GET', '/policies')).policies);
    } catch (e) {
      setError(errorText(e));
    }
  }, []);
  const key = storeCode || 'default';
  const override = policies.find((p) => p.key === key);
  const policy = override ?? policies.find((p) => p.key === 'default') ?? null;
  // The form shows the chosen policy (a store without an override: the default's values).
  useEffect(() => {
    if (!policy) return;
    const sections = policy.payload as unknown as Record<string, Record<string, number>>;
    setValues(
      Object.fromEntries(
        FIELDS.map(([name, , section, kind]) => [
          name,
          show(sections[section]?.[name] ?? DEFAULT_WHEN_ABSENT[name] ?? 0, kind),
        ]),
      ),
    );
  }, [policy]);
  useEffect(() => {
    void load();
  }, [load]);
  const admin = can(user, 'admin');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const payload: Record<string, Record<string, number>> = {};
    for (const [name, label, section, kind] of FIELDS) {
      const value = read(values[name] ?? '', kind);
      if (!Number.isFinite(value) || value < 0) return setError(`${label}: type a number of zero or more.`);
      payload[section] = { ...payload[section], [name]: value };
    }
    try {
      await api('POST', '/policies', { key, payload });
      setError(null);
      setMessage('Policy saved; registers receive it on their next sync.');
      await load();
    } catch (e) {
      setError(errorText(e));
    }
  };
  return (
    <section aria-labelledby="policies-title">
      <h1 id="policies-title">Policies</h1>
      <div className="hq-filters">
        <StorePicker
          label="Policy for"
          by="code"
          allLabel="Chain default"
          stores={stores}
          value={storeCode}
          onChange={(code) => {
            setStoreCode(code);
            setMessage(null);
          }}
        />
        {storeCode && (
          <span className="hq-muted">
            {override
              ? `${storeCode} has its own policy.`
              : `${storeCode} follows the chain default; saving gives it its own.`}
          </span>
        )}
      </div>
      {!policy && !error && <p className="hq-muted">No default policy yet.</p>}
      <Notices message={message} error={error} />
      {policy && (
        <form className="hq-form hq-panel" onSubmit={(e) => void submit(e)}>
          {FIELDS.map(([name, label]) => (
            <label key={name}>
              {label}
              <input
                value={values[name] ?? ''}
                inputMode="decimal"
                disabled={!admin}
                onChange={(e) => setValues({ ...values, [name]: e.target.value })}
              />
            </label>
          ))}
          {admin ? (
            <div className="hq-actions hq-wide">
              <button type="submit" className="hq-primary">
                Save policy
              </button>
            </div>
          ) : (
            <p className="hq-muted hq-wide">Only an HQ admin changes policies.</p>
          )}
        </form>
      )}
    </section>
  );
}
