// The replication status as the register's screens see it (Backend.onSyncStatus), with a
// sentence per refusal code saying what the clerk or manager should do.
import type { SyncStatus } from '../sync/sync-status';
import type { SyncStatusView } from '../model/backend';

const WHAT_TO_DO: Record<string, string> = {
  SYNC_INVALID_DOCUMENT:
    'The sale is kept on this register. Tell a manager: HQ must correct it; it is not resent automatically.',
  SYNC_FORBIDDEN: 'This register may not send that document (wrong store). Ask HQ to check the register’s enrollment.',
};

export function toSyncStatusView(s: SyncStatus): SyncStatusView {
  return {
    online: s.online,
    waiting: s.pending,
    lastSyncAt: s.lastSyncAt ?? undefined,
    error: s.online ? undefined : s.lastError?.message,
    refused: s.refused.map((r) => ({
      collection: r.collection,
      id: r.id,
      reason: r.field ? `${r.message} (${r.field})` : r.message,
      whatToDo: WHAT_TO_DO[r.code] ?? 'Tell a manager; the document is kept on this register.',
    })),
  };
}
