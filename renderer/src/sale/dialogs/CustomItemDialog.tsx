// Rings an open-price (custom) item: what was sold and its price. Focus starts in the description;
// Enter there moves to the price, Enter in the price adds the item, Esc cancels. The price field
// refuses a scanner's burst and anything over the product's maximum, in place
// (shared/orders/open-price.ts checks both fields before the dialog closes).
import { useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { parseMoney } from '../../../../shared/money';
import { checkedCustomItem, type CustomItem } from '../../../../shared/orders/open-price';
import { LINE_NOTE_MAX } from '../../../../shared/schemas/order-lines';
import type { ProductView } from '../../model/backend';
import { Modal } from '../../ui/Modal';
import { errorMessage } from '../../ui/error-message';
import { fmt } from '../../ui/format';
import { SCAN_REFUSED, useBurstGuard } from '../../ui/scan-burst';

export interface CustomItemDialogProps {
  product: ProductView & { openPriceMax: number };
  currency: string;
  /** Gets the checked item; the dialog closes itself first (an approval may follow). */
  onSubmit: (item: CustomItem) => void;
  onClose: () => void;
}

export function CustomItemDialog({ product, currency, onSubmit, onClose }: CustomItemDialogProps) {
  const [description, setDescription] = useState('');
  const [price, setPrice] = useState('');
  const [error, setError] = useState<string>();
  const priceRef = useRef<HTMLInputElement>(null);
  const burstGuard = useBurstGuard();
  const guardPrice = burstGuard(() => {
    setPrice('');
    setError(SCAN_REFUSED);
  });
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    try {
      const amount = price.trim() === '' ? 0 : parseMoney(price, currency).amount;
      const item = checkedCustomItem(description, amount, product.openPriceMax);
      onClose();
      onSubmit(item);
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  const nextOnEnter = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    priceRef.current?.focus();
  };
  return (
    <Modal title={`Custom item — ${product.name}`} onClose={onClose} testId="custom-item-dialog">
      <form className="stack" onSubmit={submit}>
        <label className="field">
          <span>What is sold (printed on the receipt, up to {LINE_NOTE_MAX} characters)</span>
          <input
            className="input"
            name="description"
            value={description}
            inputMode="text"
            maxLength={LINE_NOTE_MAX + 20}
            onChange={(e) => setDescription(e.target.value)}
            onKeyDown={nextOnEnter}
            data-autofocus
            autoComplete="off"
          />
        </label>
        <label className="field">
          <span>Price (at most {fmt(product.openPriceMax, currency)})</span>
          <input
            ref={priceRef}
            className="input"
            name="price"
            value={price}
            inputMode="decimal"
            onChange={(e) => setPrice(e.target.value)}
            onKeyDown={guardPrice}
            autoComplete="off"
          />
        </label>
        {error && (
          <div className="error" role="alert">
            {error}
          </div>
        )}
        <div className="row">
          <button className="btn primary" type="submit">
            Add item <kbd>Enter</kbd>
          </button>
          <button className="btn" type="button" onClick={onClose}>
            Cancel <kbd>Esc</kbd>
          </button>
        </div>
      </form>
    </Modal>
  );
}
