// "E-mail receipt" on the receipt screen (after a sale) and "Re-send e-mail" (opened from sales
// history). Offers the sale's customer's e-mail pre-filled; a typed address is checked before
// anything is recorded, and a wrong one keeps the focus in the field. Enter in the field sends.
// Sending records a receipt_email_requested order event; the server mails it once it arrives.
import { useEffect, useRef, useState } from 'react';
import { looksLikeEmail } from '../../../../shared/receipt/receipt-email';
import { useBackend } from '../../model/backend-context';
import { useSession } from '../../session/session-store';
import { useSyncStatus } from '../../session/sync-status-store';
import { errorMessage } from '../../ui/error-message';

/** The same shape check the data layer applies (local-data/rx-backend.ts requestReceiptEmail). */
export { looksLikeEmail };

export function EmailReceiptForm({
  orderId,
  resend,
  onMessage,
}: {
  orderId: string;
  /** From sales history: the button says "Re-send e-mail". */
  resend: boolean;
  onMessage: (message: { kind: 'ok' | 'error'; text: string }) => void;
}) {
  const backend = useBackend();
  const clerk = useSession((s) => s.clerk);
  const [email, setEmail] = useState('');
  const [invalid, setInvalid] = useState(false);
  const field = useRef<HTMLInputElement>(null);

  useEffect(() => {
    let live = true;
    backend.receiptEmailSuggestion(orderId).then(
      (suggested) => {
        if (live && suggested) setEmail((typed) => typed || suggested);
      },
      () => undefined, // no suggestion: the clerk types the address
    );
    return () => {
      live = false;
    };
  }, [backend, orderId]);

  const send = async (): Promise<void> => {
    const to = email.trim();
    if (!looksLikeEmail(to)) {
      setInvalid(true);
      onMessage({ kind: 'error', text: 'That email address does not look right. Check it and try again.' });
      field.current?.focus();
      return;
    }
    if (!clerk) return;
    try {
      await backend.requestReceiptEmail(orderId, to, clerk.staffId);
      setInvalid(false);
      // Online, the request goes with the next push; offline, it waits for the network.
      const when = useSyncStatus.getState().online ? 'in a moment' : 'once the register is back online';
      onMessage({ kind: 'ok', text: `The receipt will be emailed to ${to} ${when}.` });
    } catch (e) {
      onMessage({ kind: 'error', text: errorMessage(e) });
      field.current?.focus();
    }
  };

  return (
    <form
      className="row"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
    >
      <input
        ref={field}
        className="input"
        style={{ flex: 1 }}
        type="email"
        placeholder="customer@example.com"
        value={email}
        onChange={(e) => {
          setEmail(e.target.value);
          setInvalid(false);
        }}
        aria-label="Email for the receipt"
        aria-invalid={invalid}
        data-testid="receipt-email"
      />
      <button className="btn" type="submit" disabled={email.trim() === ''} data-testid="send-receipt-email">
        {resend ? 'Re-send e-mail' : 'E-mail receipt'}
      </button>
    </form>
  );
}
