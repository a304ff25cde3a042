// Who is at the register and in which mode. The signed-in clerk is deliberately not persisted:
// after a restart someone must enter a PIN again. Training mode and the auto-lock delay are
// register settings and survive a restart.
import { create } from 'zustand';
import { persist } from 'zustand/middleware';

import type { Clerk } from '../model/clerk';

export interface TillSummary {
  shiftId: string;
  status: 'open' | 'closing' | 'closed';
  openedAt: string;
}

interface SessionState {
  clerk: Clerk | undefined;
  /** Last clerks who signed in on this register, for quick switch (most recent first). */
  recentClerkIds: string[];
  trainingMode: boolean;
  autoLockMinutes: number;
  till: TillSummary | undefined;
  signIn(clerk: Clerk): void;
  lock(): void;
  setTrainingMode(on: boolean): void;
  setAutoLockMinutes(minutes: number): void;
  setTill(till: TillSummary | undefined): void;
}

const DEFAULT_AUTO_LOCK_MINUTES = 5;

export const useSession = create<SessionState>()(
  persist(
    (set) => ({
      clerk: undefined,
      recentClerkIds: [],
      trainingMode: false,
      autoLockMinutes: DEFAULT_AUTO_LOCK_MINUTES,
      till: undefined,
      signIn: (clerk) =>
        set((s) => ({
          clerk,
          recentClerkIds: [clerk.staffId, ...s.recentClerkIds.filter((id) => id !== clerk.staffId)].slice(0, 6),
        })),
      lock: () => set({ clerk: undefined }),
      setTrainingMode: (on) => set({ trainingMode: on }),
      setAutoLockMinutes: (minutes) => set({ autoLockMinutes: Math.max(1, Math.min(120, Math.round(minutes))) }),
      setTill: (till) => set({ till }),
    }),
    {
      name: 'pos.session',
      partialize: (s) => ({
        recentClerkIds: s.recentClerkIds,
        trainingMode: s.trainingMode,
        autoLockMinutes: s.autoLockMinutes,
      }),
    },
  ),
);
