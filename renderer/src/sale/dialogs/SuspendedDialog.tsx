// Suspended sales on this register, newest first; Enter resumes the highlighted one.
import type { Cart } from '../../model/cart-types';
import { Modal } from '../../ui/Modal';

export function SuspendedDialog({
  sales,
  onResume,
  onSuspendCurrent,
  canSuspend,
  onClose,
}: {
  sales: Cart[];
  onResume: (saleId: string) => void;
  onSuspendCurrent: () => void;
  canSuspend: boolean;
  onClose: () => void;
}) {
  return (
    <Modal title="Suspended sales" onClose={onClose} testId="suspended-dialog">
      <div className="stack">
        {canSuspend && (
          <button className="btn primary" onClick={onSuspendCurrent} data-autofocus>
            Suspend the current sale
          </button>
        )}
        {sales.length === 0 && <p className="muted">No suspended sales.</p>}
        {[...sales].reverse().map((s) => (
          <button key={s.saleId} className="btn" onClick={() => onResume(s.saleId)} disabled={canSuspend}>
            {new Date(s.startedAt).toLocaleTimeString()} · {s.lines.length} lines
            {s.customer ? ` · ${s.customer.name}` : ''}
            {s.training ? ' · training' : ''}
          </button>
        ))}
        {canSuspend && sales.length > 0 && (
          <p className="muted">Suspend or finish the current sale to resume another one.</p>
        )}
        <button className="btn" onClick={onClose}>
          Close <kbd>Esc</kbd>
        </button>
      </div>
    </Modal>
  );
}
