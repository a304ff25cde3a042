// A PIN entry that works with a touch screen and with the keyboard's digit keys alike. While it is
// on screen it owns the digit keys: typed after clicking a name (focus on a button) they still go
// into the PIN field, never to the scan buffer. The PIN is shown as dots only.
import { useRef, type FormEvent, type RefObject } from 'react';
import { useDigitSink } from '../keys/useDigitSink';

export interface PinPadProps {
  pin: string;
  onChange: (pin: string) => void;
  onSubmit: () => void;
  disabled?: boolean;
  testId?: string;
  /** Lets the screen put focus back on the field (after a name is picked). */
  inputRef?: RefObject<HTMLInputElement | null>;
}

const MAX_PIN_LENGTH = 8;

export function PinPad({ pin, onChange, onSubmit, disabled, testId, inputRef }: PinPadProps) {
  const ownRef = useRef<HTMLInputElement>(null);
  const ref = inputRef ?? ownRef;
  useDigitSink((key) => {
    if (disabled) return;
    ref.current?.focus();
    if (key === 'Enter') {
      if (pin.length > 0) onSubmit();
    } else if (key === 'Backspace') onChange(pin.slice(0, -1));
    else if (pin.length < MAX_PIN_LENGTH) onChange(pin + key);
  });
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (pin.length > 0) onSubmit();
  };
  const press = (digit: string): void => {
    if (pin.length < MAX_PIN_LENGTH) onChange(pin + digit);
  };
  return (
    <form className="stack" onSubmit={submit}>
      <input
        ref={ref}
        className="input pin-dots"
        type="password"
        inputMode="numeric"
        autoComplete="off"
        aria-label="PIN"
        value={pin}
        disabled={disabled}
        maxLength={MAX_PIN_LENGTH}
        onChange={(e) => onChange(e.target.value.replace(/\D/g, '').slice(0, MAX_PIN_LENGTH))}
        data-testid={testId}
        data-autofocus
        data-home-focus
        autoFocus
      />
      <div className="pin-pad">
        {['1', '2', '3', '4', '5', '6', '7', '8', '9'].map((d) => (
          <button type="button" className="btn" key={d} tabIndex={-1} disabled={disabled} onClick={() => press(d)}>
            {d}
          </button>
        ))}
        <button type="button" className="btn" tabIndex={-1} disabled={disabled} onClick={() => onChange('')}>
          Clear
        </button>
        <button type="button" className="btn" tabIndex={-1} disabled={disabled} onClick={() => press('0')}>
          0
        </button>
        <button type="submit" className="btn primary" disabled={disabled || pin.length === 0}>
          OK
        </button>
      </div>
    </form>
  );
}
