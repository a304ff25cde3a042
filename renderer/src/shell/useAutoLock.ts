// Locks the register after a quiet spell so an unattended till cannot be used by a passer-by.
// The open sale is kept; the next clerk signs in and carries on.
import { useEffect } from 'react';
import { useSession } from '../session/session-store';

export function useAutoLock(): void {
  const signedIn = useSession((s) => s.clerk !== undefined);
  const minutes = useSession((s) => s.autoLockMinutes);
  const lock = useSession((s) => s.lock);
  useEffect(() => {
    if (!signedIn) return;
    let timer = setTimeout(lock, minutes * 60_000);
    const reset = (): void => {
      clearTimeout(timer);
      timer = setTimeout(lock, minutes * 60_000);
    };
    window.addEventListener('keydown', reset, true);
    window.addEventListener('pointerdown', reset, true);
    return () => {
      clearTimeout(timer);
      window.removeEventListener('keydown', reset, true);
      window.removeEventListener('pointerdown', reset, true);
    };
  }, [signedIn, minutes, lock]);
}
