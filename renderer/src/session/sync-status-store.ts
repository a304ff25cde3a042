// What the status bar, the sync panel and the card dialog read about replication. The backend
// reports it (Backend.onSyncStatus) and shell/useBackendWiring.ts copies it here; screens only read.
import { create } from 'zustand';
import type { SyncStatusView } from '../model/backend';

export interface SyncStatusState extends SyncStatusView {
  update(patch: Partial<SyncStatusView>): void;
}

export const useSyncStatus = create<SyncStatusState>()((set) => ({
  online: typeof navigator === 'undefined' ? true : navigator.onLine,
  waiting: 0,
  lastSyncAt: undefined,
  refused: [],
  error: undefined,
  update: (patch) => set(patch),
}));
