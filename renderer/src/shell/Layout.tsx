// The frame around every screen: status bar, the global key handler, the focus keeper and
// auto-lock. The gate (enroll → initial sync → sign in → open till) is the root route's
// beforeLoad (router.tsx); this frame re-runs it when the session changes without a navigation.
import { useEffect, useState } from 'react';
import { Link, Outlet, useNavigate, useRouter, useRouterState } from '@tanstack/react-router';
import { installGlobalKeys } from '../keys/global-keys';
import { useKeyLayer } from '../keys/useKeyLayer';
import { Action } from '../keys/shortcuts';
import { useSession } from '../session/session-store';
import { StatusBar } from './StatusBar';
import { HelpOverlay } from './HelpOverlay';
import { useFocusKeeper } from '../keys/useFocusKeeper';
import { useAutoLock } from './useAutoLock';
import { useStockKey } from './useStockKey';
import { SaleRecoveryBanner } from './SaleRecoveryBanner';

export function Layout() {
  const navigate = useNavigate();
  const router = useRouter();
  const path = useRouterState({ select: (s) => s.location.pathname });
  const signedIn = useSession((s) => s.clerk !== undefined);
  const trainingMode = useSession((s) => s.trainingMode);
  const tillOpen = useSession((s) => s.till?.status === 'open');
  const lock = useSession((s) => s.lock);
  const [help, setHelp] = useState(false);
  const [pendingDigits, setPendingDigits] = useState('');

  useEffect(() => {
    return installGlobalKeys(window, { onHelp: () => setHelp((h) => !h), onPendingDigits: setPendingDigits });
  }, []);
  useFocusKeeper();
  useAutoLock();
  useStockKey(signedIn); // F7: stock lookup

  // Shortcuts that work on every screen once a clerk is in.
  useKeyLayer({
    onAction: (action) => {
      if (!signedIn) return false;
      if (action === Action.LOCK) return (lock(), true);
      if (action === Action.TILL) return (void navigate({ to: '/till' }), true);
      if (action === Action.SYNC) return (void navigate({ to: '/sync' }), true);
      if (action === Action.HISTORY) return (void navigate({ to: '/history' }), true);
      return false;
    },
  });

  // Locking or closing the till changes where the register may be without a navigation.
  useEffect(
    () =>
      useSession.subscribe((s, prev) => {
        if ((s.clerk === undefined) !== (prev.clerk === undefined) || s.till?.status !== prev.till?.status)
          void router.invalidate();
      }),
    [router],
  );

  if (path === '/customer-display') return <Outlet />;
  return (
    <div className={`app${trainingMode ? ' training' : ''}`}>
      <div>
        <StatusBar pendingDigits={pendingDigits} />
        {signedIn && tillOpen && (
          <nav className="row no-print" style={{ padding: '6px 20px 0' }}>
            <Link to="/sell" className="btn">
              Sell
            </Link>
            <Link to="/returns" className="btn" data-testid="nav-returns">
              Returns
            </Link>
            <Link to="/history" className="btn" data-testid="nav-history">
              History
            </Link>
          </nav>
        )}
        <SaleRecoveryBanner />
      </div>
      <main className="screen">
        <Outlet />
      </main>
      {help && <HelpOverlay onClose={() => setHelp(false)} />}
    </div>
  );
}
