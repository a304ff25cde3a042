// The order's e-mailed receipts, one status line each: asked for at the register, waiting for the
// order to reach the server, sent, not sent (no SMTP server configured) or failed with the reason.
import type { ReceiptEmailStatusView } from '../../../../shared/hq/service';

const WORDS: Record<ReceiptEmailStatusView['status'], string> = {
  requested: 'requested',
  waiting: 'requested, waiting',
  sent: 'sent',
  not_sent: 'not sent',
  failed: 'failed',
};

function line(r: ReceiptEmailStatusView): string {
  const when = new Date(r.sentAt ?? r.updatedAt).toLocaleString();
  const words = WORDS[r.status];
  // "not sent (no SMTP)" already says the status: no "not sent — not sent (no SMTP)".
  const state = !r.reason ? words : r.reason.startsWith(words) ? r.reason : `${words} — ${r.reason}`;
  return `Receipt e-mail to ${r.email}: ${state} (${when})`;
}

export function ReceiptEmails({ emails }: { emails: readonly ReceiptEmailStatusView[] }) {
  if (emails.length === 0) return null;
  return (
    <ul className="hq-muted" aria-label="Receipt e-mails">
      {emails.map((r) => (
        <li key={r.eventId} data-testid="receipt-email-status" data-status={r.status}>
          {line(r)}
        </li>
      ))}
    </ul>
  );
}
