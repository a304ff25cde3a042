// One pick walk across every order being picked: scans go to the first open line of that item in
// walking order, then to the next order's.
import { useMemo } from 'react';
import { useNavigate } from '@tanstack/react-router';
import { useKeyLayer } from '../keys/useKeyLayer';
import { Action } from '../keys/shortcuts';
import { useSession } from '../session/session-store';
import { usePickups } from './pickups-store';
import { PickPanel } from './PickPanel';
import './pickups.css';

export function BatchPickScreen() {
  const navigate = useNavigate();
  const all = usePickups((s) => s.orders);
  const staffId = useSession((s) => s.clerk?.staffId ?? '');
  const picking = useMemo(() => all.filter((o) => o.status === 'picking'), [all]);
  useKeyLayer({ onAction: (a) => (a === Action.BACK ? (void navigate({ to: '/pickups' }), true) : false) });
  return (
    <section className="pickups stack" data-testid="batch-pick-screen">
      <div className="row">
        <button type="button" className="btn" onClick={() => void navigate({ to: '/pickups' })}>
          ← Orders <kbd>Esc</kbd>
        </button>
        <h1>
          Batch pick · {picking.length} {picking.length === 1 ? 'order' : 'orders'}
        </h1>
      </div>
      {picking.length === 0 ? (
        <p className="muted" data-home-focus tabIndex={-1}>
          No order is being picked. Accept new orders first.
        </p>
      ) : (
        <PickPanel orders={picking} worker={{ staffId }} />
      )}
    </section>
  );
}
