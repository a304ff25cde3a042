// A discount as a percent or an amount, with a reason (printed on the receipt and audited).
import { useState, type FormEvent } from 'react';
import { parseMoney } from '../../../../shared/money';
import { DomainError } from '../../../../shared/errors';
import { Modal } from '../../ui/Modal';
import type { Discount } from '../../model/cart-types';
import { CartError } from '../cart-errors';
import { assertDiscount } from '../cart-store';
import { errorMessage } from '../../ui/error-message';

export function parseDiscount(kind: Discount['kind'], text: string, reason: string, currency: string): Discount {
  if (reason.trim().length === 0)
    throw new DomainError(CartError.INVALID_DISCOUNT, 'Give a reason for the discount (it is printed and audited).');
  const discount: Discount =
    kind === 'percent'
      ? { kind, percent: text.trim().replace(',', '.').replace(/%$/, '').trim(), reason: reason.trim() }
      : { kind, amount: parseMoney(text, currency).amount, reason: reason.trim() };
  assertDiscount(discount);
  return discount;
}

export function DiscountDialog({
  title,
  currency,
  onSubmit,
  onClose,
}: {
  title: string;
  currency: string;
  onSubmit: (d: Discount) => void;
  onClose: () => void;
}) {
  const [kind, setKind] = useState<Discount['kind']>('percent');
  const [value, setValue] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string>();
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    try {
      onSubmit(parseDiscount(kind, value, reason, currency));
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  return (
    <Modal title={title} onClose={onClose} testId="discount-dialog">
      <form className="stack" onSubmit={submit}>
        <div className="row" role="radiogroup">
          <button
            type="button"
            className={`btn${kind === 'percent' ? ' primary' : ''}`}
            onClick={() => setKind('percent')}
          >
            Percent %
          </button>
          <button
            type="button"
            className={`btn${kind === 'amount' ? ' primary' : ''}`}
            onClick={() => setKind('amount')}
          >
            Amount
          </button>
        </div>
        <label className="field">
          <span>{kind === 'percent' ? 'Percent off' : 'Amount off'}</span>
          <input
            className="input"
            inputMode="decimal"
            value={value}
            onChange={(e) => setValue(e.target.value)}
            data-autofocus
            data-testid="discount-value"
            autoComplete="off"
          />
        </label>
        <label className="field">
          <span>Reason</span>
          <input
            className="input"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            data-testid="discount-reason"
            autoComplete="off"
            placeholder="e.g. damaged box"
          />
        </label>
        {error && (
          <div className="error" role="alert">
            {error}
          </div>
        )}
        <div className="row">
          <button className="btn primary" type="submit">
            Apply <kbd>Enter</kbd>
          </button>
          <button className="btn" type="button" onClick={onClose}>
            Cancel <kbd>Esc</kbd>
          </button>
        </div>
      </form>
    </Modal>
  );
}
