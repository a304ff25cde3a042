// The frame around every screen: status bar, the global key handler, the gate that walks a new
// register through enroll → initial sync → sign in → open till, the focus keeper and auto-lock.
import { useEffect, useState } from 'react';
import { Link, Outlet, useNavigate, useRouterState } from '@tanstack/react-router';
import { installGlobalKeys } from '../keys/global-keys';
import { useKeyLayer } from '../keys/useKeyLayer';
import { Action } from '../keys/shortcuts';
import { useBackend } from '../adapters/backend-context';
import { useSession } from '../state/session-store';
import { StatusBar } from './StatusBar';
import { HelpOverlay } from './HelpOverlay';
import { gateRedirect } from './gate';
import { useFocusKeeper } from './useFocusKeeper';
import { useAutoLock } from './useAutoLock';

export function Layout() {
  const backend = useBackend();
  const navigate = useNavigate();
  const path = useRouterState({ select: (s) => s.location.pathname });
  const signedIn = useSession((s) => s.clerk !== undefined);
  const tillOpen = useSession((s) => s.till?.status === 'open');
  const trainingMode = useSession((s) => s.trainingMode);
  const lock = useSession((s) => s.lock);
  const [help, setHelp] = useState(false);
  const [pendingDigits, setPendingDigits] = useState('');
  const [gateTick, setGateTick] = useState(0);

  useEffect(() => {
    return installGlobalKeys(window, { onHelp: () => setHelp((h) => !h), onPendingDigits: setPendingDigits });
  }, []);
  useFocusKeeper();
  useAutoLock();

  // Shortcuts that work on every screen once a clerk is in.
  useKeyLayer({
    onAction: (action) => {
      if (!signedIn) return false;
      if (action === Action.LOCK) return (lock(), true);
      if (action === Action.TILL) return (void navigate({ to: '/till' }), true);
      if (action === Action.SYNC) return (void navigate({ to: '/sync' }), true);
      return false;
    },
  });

  const enrolled = backend.identity() !== undefined;
  const initialSyncDone = enrolled && backend.initialSyncDone();
  const redirect = gateRedirect({ path, enrolled, initialSyncDone, signedIn, tillOpen });
  useEffect(() => {
    if (redirect) void navigate({ to: redirect, replace: true });
  }, [redirect, navigate, gateTick]);
  useEffect(() => {
    const onGate = (): void => setGateTick((t) => t + 1);
    window.addEventListener('pos:gate', onGate);
    return () => window.removeEventListener('pos:gate', onGate);
  }, []);

  if (path === '/customer-display') return <Outlet />;
  return (
    <div className={`app${trainingMode ? ' training' : ''}`}>
      <div>
        <StatusBar pendingDigits={pendingDigits} />
        {signedIn && tillOpen && !redirect && (
          <nav className="row no-print" style={{ padding: '6px 20px 0' }}><Link to="/sell" className="btn">Sell</Link><Link to="/returns" className="btn" data-testid="nav-returns">Returns</Link></nav>
        )}
      </div>
      <main className="screen">{redirect ? null : <Outlet />}</main>
      {help && <HelpOverlay onClose={() => setHelp(false)} />}
    </div>
  );
}

/** Screens call this after enrolling or finishing the initial sync so the gate re-checks. */
export function recheckGate(): void {
  window.dispatchEvent(new Event('pos:gate'));
}
