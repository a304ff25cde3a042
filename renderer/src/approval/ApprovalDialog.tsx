// Manager override: a supervisor, manager or admin enters their PIN at the clerk's register.
// Each approval names who approved, what and when; completing the sale writes them as order
// events.
import { useEffect, useRef, useState } from 'react';
import { roleAtLeast, type RequiredApproval, type Role } from '../../../shared/pricing';
import { useBackend } from '../model/backend-context';
import type { StaffView } from '../model/backend';
import { Modal } from '../ui/Modal';
import type { Approval } from '../model/cart-types';
import { PinPad } from '../ui/PinPad';
import { errorMessage } from '../ui/error-message';

function highestRole(required: readonly RequiredApproval[]): Role {
  return required.reduce<Role>((top, r) => (roleAtLeast(r.minimumRole, top) ? r.minimumRole : top), 'clerk');
}

export interface ApprovalDialogProps {
  title: string;
  /** Approvals recorded with the sale; may be empty when the step itself records the approver (till close). */
  required: RequiredApproval[];
  /** The least role that may approve when `required` does not say (nothing to record). */
  minimumRole?: Role;
  /** Shown to the manager when `required` is empty. */
  reason?: string;
  onApproved: (approvals: Approval[], approver: StaffView) => void;
  onClose: () => void;
}

export function ApprovalDialog({ title, required, minimumRole, reason, onApproved, onClose }: ApprovalDialogProps) {
  const backend = useBackend();
  const [managers, setManagers] = useState<StaffView[]>([]);
  const [managerId, setManagerId] = useState<string>();
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const pinRef = useRef<HTMLInputElement>(null);
  const fromRequired = highestRole(required);
  const minimum = minimumRole && roleAtLeast(minimumRole, fromRequired) ? minimumRole : fromRequired;

  useEffect(() => {
    backend.listStaff().then(
      (all) => {
        const list = all.filter((s) => s.active && s.role !== 'clerk' && roleAtLeast(s.role, minimum));
        setManagers(list);
        setManagerId((id) => id ?? list[0]?.id);
      },
      (e: unknown) => setError(errorMessage(e)),
    );
  }, [backend, minimum]);

  const submit = async (): Promise<void> => {
    const manager = managers.find((m) => m.id === managerId);
    if (!manager) return setError('Choose the manager who approves.');
    setBusy(true);
    try {
      const result = await backend.checkPin(manager.id, pin);
      setPin('');
      if (!result.ok) return setError(result.message);
      const at = new Date().toISOString();
      onApproved(
        required.map((r) => ({
          kind: r.kind,
          subject: r.subject,
          approverId: manager.id,
          approverName: manager.name,
          approverRole: manager.role,
          at,
          detail: r.reason,
        })),
        manager,
      );
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal title="Manager approval needed" onClose={onClose} testId="approval-dialog">
      <p className="notice">
        <strong>{title}</strong>
        <br />
        {[...required.map((r) => r.reason), ...(reason ? [reason] : [])].join(' ')}
      </p>
      {managers.length === 0 && (
        <p className="error">
          No one at this store can approve this ({minimum} or above). Ask HQ to set one up; until then the change cannot
          be made.
        </p>
      )}
      <div className="staff-list">
        {managers.map((m) => (
          <button
            key={m.id}
            type="button"
            className={`btn${m.id === managerId ? ' active' : ''}`}
            onClick={() => {
              setManagerId(m.id);
              pinRef.current?.focus();
            }}
            tabIndex={-1}
          >
            {m.name}
          </button>
        ))}
      </div>
      <PinPad
        pin={pin}
        onChange={setPin}
        onSubmit={() => void submit()}
        disabled={busy}
        testId="approval-pin"
        inputRef={pinRef}
      />
      {error && (
        <div className="error" role="alert" data-testid="approval-error">
          {error}
        </div>
      )}
    </Modal>
  );
}
