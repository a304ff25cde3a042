// Who is signed in to the console (zustand). The session itself is an HttpOnly cookie the page
// cannot read; this store keeps the user and the CSRF token the server handed out with it.
import { create } from 'zustand';

export type HqRole = 'admin' | 'operations' | 'viewer';

export interface HqUser {
  id: string;
  email: string;
  name: string;
  role: HqRole;
}

interface SessionState {
  status: 'loading' | 'signed-out' | 'signed-in';
  user: HqUser | null;
  csrf: string | null;
  /** Set when the server ended the session, so the sign-in page can say why. */
  notice: string | null;
  signedIn(user: HqUser, csrf: string): void;
  signedOut(notice?: string): void;
  expired(): void;
}

export const useSession = create<SessionState>((set) => ({
  status: 'loading',
  user: null,
  csrf: null,
  notice: null,
  signedIn: (user, csrf) => set({ status: 'signed-in', user, csrf, notice: null }),
  signedOut: (notice) => set({ status: 'signed-out', user: null, csrf: null, notice: notice ?? null }),
  expired: () => set({ status: 'signed-out', user: null, csrf: null, notice: 'Your session ended: sign in again.' }),
}));

const RANK: Record<HqRole, number> = { viewer: 0, operations: 1, admin: 2 };
export function can(user: HqUser | null, needed: HqRole): boolean {
  return !!user && RANK[user.role] >= RANK[needed];
}
