// Display helpers shared by the screens.
import { formatMoney, money } from '../../../shared/money';

export function fmt(amount: number, currency: string): string {
  return formatMoney(money(amount, currency));
}

export function fmtWeight(grams: number): string {
  return `${(grams / 1000).toFixed(3)} kg`;
}

/** "just now", "12 s ago", "3 min ago": how long ago an ISO time was. */
export function formatAgo(iso: string | undefined, now: number): string {
  if (!iso) return 'never';
  const seconds = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (Number.isNaN(seconds)) return 'never';
  if (seconds < 5) return 'just now';
  if (seconds < 60) return `${seconds} s ago`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min ago`;
  return `${Math.round(seconds / 3600)} h ago`;
}
