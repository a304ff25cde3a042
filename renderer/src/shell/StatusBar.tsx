// Always visible: connection, documents waiting to sync, last sync, training mode, clerk, till.
import { Link } from '@tanstack/react-router';
import { useSession } from '../session/session-store';
import { useSyncStatus } from '../session/sync-status-store';
import { useNow } from '../ui/useNow';
import { formatAgo } from '../ui/format';
import { formatLeft, useOfflineCards } from './useOfflineCards';
import { PickupsNavBadge } from '../pickups/PickupsNavBadge';
import { useNetworkOnline } from './useNetworkOnline';
import { useSaleContext } from '../session/sale-context-store';
import { registerLabel } from '../../../shared/receipt/register-label';

/** What the bar says about sending: never "All synced" before a first sync, while offline or while anything waits. */
export function syncWords(online: boolean, waiting: number, lastSyncAt: string | undefined): string {
  if (waiting > 0) return `${waiting} waiting to sync`;
  if (!lastSyncAt) return 'Not synced yet';
  if (!online) return 'Not sending (offline)';
  return 'All synced';
}

export function StatusBar({ pendingDigits }: { pendingDigits: string }) {
  const status = useSyncStatus();
  const network = useNetworkOnline();
  const online = status.online && network;
  const { waiting, lastSyncAt, refused } = status;
  const { clerk, trainingMode, till } = useSession();
  const now = useNow(5000);
  const offlineCards = useOfflineCards();
  const context = useSaleContext((state) => state.context);
  return (
    <header className="status-bar" data-testid="status-bar">
      <span className={`pill ${online ? 'online' : 'offline'}`} data-testid="status-online">
        {online ? 'Online' : 'Offline'}
      </span>
      <span data-testid="status-waiting">{syncWords(online, waiting, lastSyncAt)}</span>
      <span className="muted-bar">Last sync: {formatAgo(lastSyncAt, now)}</span>
      {refused.length > 0 && (
        <Link to="/sync" className="pill offline" data-testid="status-refused">
          {refused.length} refused — open sync panel
        </Link>
      )}
      {offlineCards.length > 0 && (
        <span
          className={`pill ${offlineCards.some((c) => c.expired) ? 'offline' : 'neutral'}`}
          data-testid="status-offline-cards"
        >
          {offlineCards.length} offline card {offlineCards.length === 1 ? 'payment' : 'payments'} to send ·{' '}
          {formatLeft(offlineCards[0]!.msLeft)}
        </span>
      )}
      {trainingMode && (
        <span className="pill training" data-testid="status-training">
          TRAINING — not a real sale
        </span>
      )}
      {pendingDigits && (
        <span className="pill neutral" data-testid="status-scan">
          Scanning {pendingDigits}
        </span>
      )}
      <span className="spacer" />
      {context && <span data-testid="status-register">{registerLabel(context.registerName)}</span>}
      {clerk && <PickupsNavBadge />}
      <span data-testid="status-till">Till: {till?.status === 'open' ? 'open' : 'closed'}</span>
      <span data-testid="status-clerk">{clerk ? `${clerk.name} (${clerk.role})` : 'Locked'}</span>
      <span className="muted-bar">F1 keys</span>
    </header>
  );
}
