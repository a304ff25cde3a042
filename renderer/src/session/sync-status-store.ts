// What the status bar and the sync panel show about replication. The replication code
// (renderer/src/sync/) feeds it through the sync adapter; screens only read.
import { create } from 'zustand';

export interface RefusedDocument {
  collection: string;
  id: string;
  reason: string;
  whatToDo: string;
}

export interface SyncStatusState {
  online: boolean;
  /** Documents written locally and not yet acknowledged by the server. */
  waiting: number;
  lastSyncAt: string | undefined;
  refused: RefusedDocument[];
  error: string | undefined;
  update(patch: Partial<Omit<SyncStatusState, 'update'>>): void;
}

export const useSyncStatus = create<SyncStatusState>()((set) => ({
  online: typeof navigator === 'undefined' ? true : navigator.onLine,
  waiting: 0,
  lastSyncAt: undefined,
  refused: [],
  error: undefined,
  update: (patch) => set(patch),
}));
