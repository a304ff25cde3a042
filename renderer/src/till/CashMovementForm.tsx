// Paid in, paid out or a drop to the safe, always with a reason. A paid-out above the store's
// limit needs a manager's PIN, recorded with the movement.
import { useState, type FormEvent } from 'react';
import { ApprovalKind } from '../../../shared/pricing';
import { parseMoney } from '../../../shared/money';
import { DomainError } from '../../../shared/errors';
import type { CashMovementInput } from '../model/backend';
import { ApprovalDialog } from '../approval/ApprovalDialog';
import { errorMessage } from '../ui/error-message';
import { fmt } from '../ui/format';

const TITLES = { paid_in: 'Paid in', paid_out: 'Paid out', drop: 'Drop to safe', no_sale: 'No sale' } as const;
export const TillFormError = { REASON_REQUIRED: 'TILL_REASON_REQUIRED' } as const;

export function CashMovementForm({
  kind,
  currency,
  needsApprovalOver,
  onSubmit,
  onCancel,
}: {
  kind: CashMovementInput['kind'];
  currency: string;
  needsApprovalOver: number | undefined;
  onSubmit: (m: Omit<CashMovementInput, 'staffId'>) => Promise<void>;
  onCancel: () => void;
}) {
  const [amountText, setAmountText] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string>();
  const [approving, setApproving] = useState<number>();

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    try {
      const amount = parseMoney(amountText, currency).amount;
      if (amount <= 0) throw new DomainError('TILL_INVALID_AMOUNT', 'Enter an amount greater than zero.');
      if (reason.trim() === '')
        throw new DomainError(
          TillFormError.REASON_REQUIRED,
          'Write what the cash is for (it is printed on the X and Z reports).',
        );
      if (needsApprovalOver !== undefined && amount > needsApprovalOver) return setApproving(amount);
      void onSubmit({ kind, amount, reason: reason.trim() });
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  return (
    <form className="panel stack" onSubmit={submit} style={{ maxWidth: 520 }}>
      <h2>{TITLES[kind]}</h2>
      <label className="field">
        <span>Amount</span>
        <input
          className="input"
          inputMode="decimal"
          value={amountText}
          onChange={(e) => setAmountText(e.target.value)}
          autoFocus
          data-home-focus
          autoComplete="off"
        />
      </label>
      <label className="field">
        <span>Reason</span>
        <input
          className="input"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          autoComplete="off"
          placeholder={kind === 'paid_out' ? 'e.g. window cleaner' : 'e.g. change from bank'}
        />
      </label>
      {error && (
        <div className="error" role="alert">
          {error}
        </div>
      )}
      <div className="row">
        <button className="btn primary" type="submit">
          Record
        </button>
        <button className="btn" type="button" onClick={onCancel}>
          Cancel <kbd>Esc</kbd>
        </button>
      </div>
      {approving !== undefined && (
        <ApprovalDialog
          title={`Paid out ${fmt(approving, currency)}: ${reason}`}
          onClose={() => setApproving(undefined)}
          required={[
            {
              kind: ApprovalKind.PAID_OUT,
              subject: 'till',
              minimumRole: 'manager',
              reason: `Paid-outs above ${fmt(needsApprovalOver ?? 0, currency)} need a manager.`,
            },
          ]}
          onApproved={(a) => {
            setApproving(undefined);
            void onSubmit({ kind, amount: approving, reason: reason.trim(), approvedBy: a[0]!.approverId });
          }}
        />
      )}
    </form>
  );
}
