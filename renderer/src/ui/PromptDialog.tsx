// Asks for one value (quantity, weight, price) and reports a plain-language error in place when
// the value is refused, so the clerk can correct it without starting over.
import { useState, type FormEvent } from 'react';
import { Modal } from './Modal';
import { errorMessage } from './error-message';

export interface PromptDialogProps {
  title: string;
  label: string;
  initial?: string;
  inputMode?: 'numeric' | 'decimal' | 'text';
  /** Throws a DomainError when the value is not acceptable. */
  onSubmit: (value: string) => void | Promise<void>;
  onClose: () => void;
  testId?: string;
}

export function PromptDialog({
  title,
  label,
  initial = '',
  inputMode = 'decimal',
  onSubmit,
  onClose,
  testId,
}: PromptDialogProps) {
  const [value, setValue] = useState(initial);
  const [error, setError] = useState<string>();
  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    try {
      await onSubmit(value);
      onClose();
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  return (
    <Modal title={title} onClose={onClose} testId={testId}>
      <form className="stack" onSubmit={(e) => void submit(e)}>
        <label className="field">
          <span>{label}</span>
          <input
            className="input"
            value={value}
            inputMode={inputMode}
            onChange={(e) => setValue(e.target.value)}
            data-autofocus
            autoComplete="off"
            onFocus={(e) => e.target.select()}
          />
        </label>
        {error && (
          <div className="error" role="alert">
            {error}
          </div>
        )}
        <div className="row">
          <button className="btn primary" type="submit">
            OK <kbd>Enter</kbd>
          </button>
          <button className="btn" type="button" onClick={onClose}>
            Cancel <kbd>Esc</kbd>
          </button>
        </div>
      </form>
    </Modal>
  );
}
