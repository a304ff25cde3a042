// The pickups entry on the status bar: open work counts, and a notice when a new order arrives.
import { useEffect } from 'react';
import { Link, useNavigate } from '@tanstack/react-router';
import { useSession } from '../session/session-store';
import { usePickups } from './pickups-store';
import { usePickupsFeed } from './usePickupsFeed';

export function PickupsNavBadge() {
  usePickupsFeed();
  const navigate = useNavigate();
  const signedIn = useSession((s) => s.clerk !== undefined);
  useEffect(() => {
    if (!signedIn) return undefined;
    // Ctrl+P opens the hub from any screen (the browser's print dialog is not a register action).
    const onKey = (e: KeyboardEvent): void => {
      if (e.ctrlKey && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'p') {
        e.preventDefault();
        void navigate({ to: '/pickups' });
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [navigate, signedIn]);
  const counts = usePickups((s) => s.counts);
  const notice = usePickups((s) => s.notice);
  return (
    <>
      <Link
        to="/pickups"
        className={`pill ${counts.new > 0 ? 'pickup-new' : 'neutral'}`}
        data-testid="nav-pickups"
        title="Pickup and ship-from-store orders (Ctrl+P)"
      >
        Pickups {counts.new} new · {counts.picking} picking · {counts.ready} ready
      </Link>
      {notice.length > 0 && (
        <Link to="/pickups" className="pill pickup-notice" data-testid="pickups-notice" role="status">
          New order {notice[notice.length - 1]}
          {notice.length > 1 ? ` (+${notice.length - 1} more)` : ''}
        </Link>
      )}
    </>
  );
}
