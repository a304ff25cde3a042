// Offline card payments waiting to be sent, with the countdown to their expiry (shared/payments
// offlineAllowance). Polled from the local database: cheap, and correct after a restart.
import { useEffect, useState } from 'react';
import { offlineAllowance, type PendingCountdown } from '../../../shared/payments/offline';
import { useBackend } from '../model/backend-context';
import { useSaleContext } from '../session/sale-context-store';
import { useSyncStatus } from '../session/sync-status-store';

export function useOfflineCards(intervalMs = 15_000): PendingCountdown[] {
  const backend = useBackend();
  const policy = useSaleContext((s) => s.context?.offlineCard);
  // A new local write (e.g. a sale just completed) or a finished push re-reads at once.
  const waiting = useSyncStatus((s) => s.waiting);
  const [countdowns, setCountdowns] = useState<PendingCountdown[]>([]);
  useEffect(() => {
    if (!policy || !backend.identity()) return;
    let stopped = false;
    const poll = (): void => {
      backend.pendingOfflineCard().then(
        (pending) => {
          if (!stopped) setCountdowns(offlineAllowance(policy, pending, new Date().toISOString()).countdowns);
        },
        () => undefined,
      );
    };
    poll();
    const timer = setInterval(poll, intervalMs);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [backend, policy, intervalMs, waiting]);
  return countdowns;
}

export function formatLeft(ms: number): string {
  if (ms <= 0) return 'expired';
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  return `${h} h ${String(m).padStart(2, '0')} min left`;
}
