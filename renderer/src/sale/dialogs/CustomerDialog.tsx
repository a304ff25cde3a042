// Attach a customer to the sale: search by phone, email or name; create one if not found.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useBackend } from '../../model/backend-context';
import type { CustomerView } from '../../model/backend';
import { Modal } from '../../ui/Modal';
import { errorMessage } from '../../ui/error-message';
import { fmt } from '../../ui/format';

export function CustomerDialog({
  currency,
  onPick,
  onClose,
}: {
  currency: string;
  onPick: (c: CustomerView | undefined) => void;
  onClose: () => void;
}) {
  const backend = useBackend();
  const [text, setText] = useState('');
  const [found, setFound] = useState<CustomerView[]>([]);
  const [creating, setCreating] = useState(false);
  const [draft, setDraft] = useState({ name: '', email: '', phone: '' });
  const [error, setError] = useState<string>();
  const nameField = useRef<HTMLInputElement>(null);
  const searchField = useRef<HTMLInputElement>(null);

  // The Modal focuses its field once, when it opens; switching between search and "New customer"
  // swaps the form, so the focus moves to the field the form is for (Name, or back to the search).
  const switched = useRef(false);
  useEffect(() => {
    if (!switched.current) return;
    (creating ? nameField : searchField).current?.focus();
  }, [creating]);
  const switchTo = (next: boolean): void => {
    switched.current = true;
    setCreating(next);
  };

  useEffect(() => {
    if (text.trim().length < 2) return setFound([]);
    const timer = setTimeout(() => {
      backend.searchCustomers(text.trim(), 10).then(setFound, (e: unknown) => setError(errorMessage(e)));
    }, 150);
    return () => clearTimeout(timer);
  }, [text, backend]);

  const create = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    try {
      onPick(
        await backend.createCustomer({
          name: draft.name.trim(),
          ...(draft.email.trim() ? { email: draft.email.trim() } : {}),
          ...(draft.phone.trim() ? { phone: draft.phone.trim() } : {}),
        }),
      );
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  return (
    <Modal title="Customer" onClose={onClose} testId="customer-dialog">
      {!creating ? (
        <div className="stack">
          <input
            className="input"
            placeholder="Phone, email or name"
            value={text}
            onChange={(e) => setText(e.target.value)}
            ref={searchField}
            data-autofocus
            autoComplete="off"
            onKeyDown={(e) => {
              if (e.key === 'Enter' && found[0]) onPick(found[0]);
            }}
          />
          <div className="search-results">
            {found.map((c) => (
              <button key={c.id} type="button" onClick={() => onPick(c)}>
                <span>
                  <strong>{c.name}</strong>{' '}
                  <span className="muted">{[c.phone, c.email].filter(Boolean).join(' · ')}</span>
                </span>
                {c.storeCreditBalance > 0 && <span>credit {fmt(c.storeCreditBalance, currency)}</span>}
              </button>
            ))}
            {text.trim().length >= 2 && found.length === 0 && (
              <p className="muted" style={{ padding: 10 }}>
                No customer matches. Create one below.
              </p>
            )}
          </div>
          <div className="row">
            <button
              className="btn"
              type="button"
              onClick={() => {
                switchTo(true);
                setDraft((d) => ({ ...d, name: /@|\d/.test(text) ? '' : text }));
              }}
            >
              New customer
            </button>
            <button className="btn" type="button" onClick={() => onPick(undefined)}>
              Remove customer from sale
            </button>
            <button className="btn" type="button" onClick={onClose}>
              Cancel <kbd>Esc</kbd>
            </button>
          </div>
        </div>
      ) : (
        <form className="stack" onSubmit={(e) => void create(e)}>
          {(['name', 'phone', 'email'] as const).map((field) => (
            <label className="field" key={field}>
              <span>{field[0]!.toUpperCase() + field.slice(1)}</span>
              <input
                className="input"
                value={draft[field]}
                onChange={(e) => setDraft({ ...draft, [field]: e.target.value })}
                ref={field === 'name' ? nameField : undefined}
                data-autofocus={field === 'name' ? true : undefined}
                autoComplete="off"
              />
            </label>
          ))}
          <div className="row">
            <button className="btn primary" type="submit">
              Create and attach
            </button>
            <button className="btn" type="button" onClick={() => switchTo(false)}>
              Back
            </button>
          </div>
        </form>
      )}
      {error && (
        <div className="error" role="alert">
          {error}
        </div>
      )}
    </Modal>
  );
}
