// Copies the replication status into the store the status bar and sync panel read, with a
// sentence per refusal code saying what the clerk or manager should do.
import type { SyncController } from '../sync/start-sync';
import { useSyncStatus } from '../session/sync-status-store';

const WHAT_TO_DO: Record<string, string> = {
  SYNC_INVALID_DOCUMENT: 'The sale is kept on this register. Tell a manager: HQ must correct it; it is not resent automatically.',
  SYNC_FORBIDDEN: 'This register may not send that document (wrong store). Ask HQ to check the register’s enrollment.',
};

export function feedSyncStatus(sync: SyncController): () => void {
  const subscription = sync.status$.subscribe((s) => {
    useSyncStatus.getState().update({
      online: s.online,
      waiting: s.pending,
      lastSyncAt: s.lastSyncAt ?? undefined,
      error: s.online ? undefined : s.lastError?.message,
      refused: s.refused.map((r) => ({
        collection: r.collection, id: r.id, reason: r.field ? `${r.message} (${r.field})` : r.message,
        whatToDo: WHAT_TO_DO[r.code] ?? 'Tell a manager; the document is kept on this register.',
      })),
    });
  });
  return () => subscription.unsubscribe();
}
