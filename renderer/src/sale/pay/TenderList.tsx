// Tenders taken so far. Cash can be taken back before the sale completes; an approved card
// payment stays (reversing it is a refund, done from the receipt).
import { useNow } from '../../ui/useNow';
import type { Tender } from '../../model/tender';
import { fmt } from '../../ui/format';

export function countdown(expiresAt: string, now: number): string {
  const ms = Date.parse(expiresAt) - now;
  if (ms <= 0) return 'expired — call the card company for a voice authorisation';
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  return `${h} h ${String(m).padStart(2, '0')} min left to send`;
}

const LABEL: Record<Tender['method'], string> = {
  cash: 'Cash',
  card: 'Card',
  store_credit: 'Store credit',
  gift_card: 'Gift card',
};

export function TenderList({
  tenders,
  currency,
  onRemove,
}: {
  tenders: Tender[];
  currency: string;
  onRemove?: (id: string) => void;
}) {
  const now = useNow(30_000);
  if (tenders.length === 0) return <div className="panel muted">No payment taken yet.</div>;
  return (
    <div className="panel tenders" data-testid="tender-list">
      {tenders.map((t) => (
        <div key={t.id} className="stack" style={{ gap: 2, borderBottom: '1px solid var(--line)', paddingBottom: 6 }}>
          <div className="row" style={{ justifyContent: 'space-between' }}>
            <strong>
              {LABEL[t.method]}
              {t.card ? ` ${t.card.brand} •••• ${t.card.last4}` : ''}
              {t.giftCard ? ` •••• ${t.giftCard.last4}` : ''}
            </strong>
            <span className="num">{fmt(t.amount, currency)}</span>
          </div>
          {t.cash && (
            <span className="muted">
              Received {fmt(t.cash.tendered, currency)} ·{' '}
              <span className={t.cash.change > 0 ? 'ok-text' : ''}>Change {fmt(t.cash.change, currency)}</span>
            </span>
          )}
          {t.status === 'pending_offline' && t.offline && (
            <span className="countdown" data-testid="offline-countdown">
              Stored offline · {countdown(t.offline.expiresAt, now)}
            </span>
          )}
          {t.method === 'cash' && onRemove && (
            <button className="btn" style={{ minHeight: 36 }} onClick={() => onRemove(t.id)}>
              Remove
            </button>
          )}
        </div>
      ))}
    </div>
  );
}
