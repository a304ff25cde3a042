// One fulfillment order: the panel for its state (accept/reject, pick, ready, hand over, ship,
// or what happened). The order comes live from the replica, so a re-route or a change pushed by
// another register shows at once.
import { useNavigate, useParams } from '@tanstack/react-router';
import { useKeyLayer } from '../keys/useKeyLayer';
import { Action } from '../keys/shortcuts';
import { useSession } from '../session/session-store';
import { usePickups } from './pickups-store';
import { STATUS_LABEL } from './labels';
import { AcceptPanel } from './AcceptPanel';
import { PickPanel } from './PickPanel';
import { ReadyPanel } from './ReadyPanel';
import { HandOverPanel } from './HandOverPanel';
import { ShipPanel } from './ShipPanel';
import { OrderSummary } from './OrderSummary';
import { PickupReceipt } from './PickupReceipt';
import './pickups.css';

const TERMINAL: ReadonlySet<string> = new Set(['shipped', 'rejected', 'rerouted', 'cancelled']);

export function OrderScreen() {
  const { id } = useParams({ from: '/pickups/$id' });
  const navigate = useNavigate();
  const fo = usePickups((s) => s.orders.find((o) => o.id === id));
  const loaded = usePickups((s) => s.loaded);
  const staffId = useSession((s) => s.clerk?.staffId ?? '');
  const back = (): void => void navigate({ to: '/pickups' });
  useKeyLayer({ onAction: (action) => (action === Action.BACK ? (back(), true) : false) });

  if (!fo) {
    return (
      <section className="pickups stack panel" data-testid="pickup-order-missing">
        <p>
          {loaded
            ? 'This order is no longer assigned to this store (order management moved or removed it).'
            : 'Loading the order…'}
        </p>
        <button type="button" className="btn" onClick={back} data-home-focus>
          Back to orders <kbd>Esc</kbd>
        </button>
      </section>
    );
  }
  const worker = { staffId };
  return (
    <section className="pickups stack" data-testid="pickup-order" data-status={fo.status}>
      <div className="row no-print">
        {/* Finished or moved orders have no panel: focus lands on the way back. */}
        <button
          type="button"
          className="btn"
          onClick={back}
          autoFocus={TERMINAL.has(fo.status)}
          data-home-focus={TERMINAL.has(fo.status) ? true : undefined}
        >
          ← Orders <kbd>Esc</kbd>
        </button>
        <h1>{fo.orderNumber}</h1>
        <span className="pill neutral" data-testid="order-status">
          {STATUS_LABEL[fo.status]}
        </span>
        <span>
          {fo.type === 'pickup' ? 'Pickup' : 'Ship from store'} · {fo.customer.name}
          {fo.customer.phone ? ` · ${fo.customer.phone}` : ''}
        </span>
      </div>
      {(fo.status === 'allocated' || fo.status === 'created') && <AcceptPanel fo={fo} worker={worker} />}
      {fo.status === 'picking' && <PickPanel orders={[fo]} worker={worker} />}
      {fo.status === 'picked' && fo.type === 'pickup' && <ReadyPanel fo={fo} worker={worker} />}
      {fo.status === 'picked' && fo.type === 'ship' && <ShipPanel fo={fo} worker={worker} />}
      {fo.status === 'ready_for_pickup' && <HandOverPanel fo={fo} worker={worker} />}
      {fo.status === 'picked_up' && <PickupReceipt fo={fo} />}
      <OrderSummary fo={fo} />
    </section>
  );
}
