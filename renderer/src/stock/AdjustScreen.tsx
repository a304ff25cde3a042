// Stock adjustment: scan an item, pick the reason (damaged, shrink, found, used in store) and the
// units; one worth more than the store policy's approval limit (sale context, default 50.00) needs a
// manager's PIN. The movement is written to
// this register's ledger first and reaches the server with the next sync, offline included.
import { useCallback, useMemo, useRef, useState } from 'react';
import { useNavigate } from '@tanstack/react-router';
import { isDomainError } from '../../../shared/errors';
import { uuidv7 } from '../../../shared/ids/uuidv7';
import {
  ADJUSTMENT_REASONS,
  adjustmentMovement,
  adjustmentNeedsApproval,
  adjustmentValue,
  DEFAULT_ADJUSTMENT_APPROVAL_OVER,
  type AdjustmentReason,
  type AdjustmentRequest,
} from '../../../shared/inventory/adjustments';
import { ApprovalDialog } from '../approval/ApprovalDialog';
import { useKeyLayer } from '../keys/useKeyLayer';
import { Action } from '../keys/shortcuts';
import { registerCountsSource } from '../local-data/stock-counts';
import { useSaleContext } from '../session/sale-context-store';
import { useSession } from '../session/session-store';
import type { CountItem } from './counts-port';
import { minor } from './CountReportTable';
import './stock.css';

const messageOf = (e: unknown) =>
  isDomainError(e) || e instanceof Error ? e.message : 'Something went wrong. Try again.';

export function AdjustScreen() {
  const port = useMemo(() => registerCountsSource(), []);
  const navigate = useNavigate();
  const clerk = useSession((s) => s.clerk);
  // The store's policy (default or its store-code override); 50.00 when it sets none or before it loads.
  const limit = useSaleContext((s) => s.context?.adjustmentApprovalOver ?? DEFAULT_ADJUSTMENT_APPROVAL_OVER);
  const [code, setCode] = useState('');
  const [item, setItem] = useState<CountItem>();
  const [reason, setReason] = useState<AdjustmentReason>('damaged');
  const [units, setUnits] = useState('1');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string>();
  const [done, setDone] = useState<string>();
  const [pending, setPending] = useState<AdjustmentRequest>();
  const codeField = useRef<HTMLInputElement>(null);

  const find = useCallback(
    async (raw: string) => {
      if (!port) return setError('This register is not set up yet: enroll it and wait for the first sync.');
      setError(undefined);
      setDone(undefined);
      const found = await port.item(raw);
      setCode('');
      if (!found) return setError(`No item has the code ${raw.trim()}. Check it, or type the SKU.`);
      setItem(found);
    },
    [port],
  );

  useKeyLayer({
    onAction: (action) => (action === Action.BACK && !pending ? (void navigate({ to: '/stock' }), true) : false),
    onScan: (scanned) => void find(scanned),
  });

  const save = async (req: AdjustmentRequest, approverId?: string) => {
    if (!port || !clerk) return;
    try {
      const doc = adjustmentMovement(
        req,
        { staffId: clerk.staffId, role: clerk.role, ...(approverId ? { approverId } : {}) },
        { deviceId: port.deviceId(), at: new Date().toISOString() },
        limit,
      );
      await port.record([doc]);
      setDone(
        `Recorded: ${ADJUSTMENT_REASONS[req.reason].label}, ${doc.quantity > 0 ? '+' : ''}${doc.quantity} × ${req.sku}.`,
      );
      setItem(undefined);
      setUnits('1');
      setNote('');
      codeField.current?.focus();
    } catch (e) {
      setError(messageOf(e));
    }
  };

  const submit = () => {
    if (!item || !port || !clerk) return;
    setError(undefined);
    const req: AdjustmentRequest = {
      id: uuidv7(),
      storeId: port.storeId(),
      sku: item.sku,
      reason,
      units: Number(units || '0'),
      unitValue: item.unitValue,
      ...(note.trim() ? { note: note.trim() } : {}),
    };
    try {
      // Checks units and reason before asking anyone for a PIN.
      adjustmentMovement(
        req,
        { staffId: clerk.staffId, role: 'manager' },
        { deviceId: port.deviceId(), at: new Date().toISOString() },
        limit,
      );
    } catch (e) {
      return setError(messageOf(e));
    }
    if (adjustmentNeedsApproval(req, clerk.role, limit)) return setPending(req);
    void save(req);
  };

  return (
    <section className="stack stock" data-testid="adjust-screen">
      <h1>Stock adjustment</h1>
      {error && (
        <p className="error" role="alert" data-testid="adjust-error">
          {error}
        </p>
      )}
      {done && (
        <p className="ok-text" data-testid="adjust-done">
          {done}
        </p>
      )}
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          void find(code);
        }}
      >
        <input
          ref={codeField}
          className="input"
          data-home-focus
          data-testid="adjust-code"
          aria-label="Item barcode or SKU"
          placeholder="Scan or type an item, then Enter"
          value={code}
          onChange={(e) => setCode(e.target.value)}
        />
        <button className="btn" type="submit">
          Find
        </button>
      </form>
      {item && (
        <form
          className="panel stack"
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
        >
          <p data-testid="adjust-item">
            {item.name} ({item.sku})
          </p>
          <label>
            Reason{' '}
            <select
              data-testid="adjust-reason"
              value={reason}
              onChange={(e) => setReason(e.target.value as AdjustmentReason)}
            >
              {Object.entries(ADJUSTMENT_REASONS).map(([code, r]) => (
                <option key={code} value={code}>
                  {r.label} ({r.sign > 0 ? 'adds' : 'removes'} stock)
                </option>
              ))}
            </select>
          </label>
          <label>
            Units{' '}
            <input
              className="input"
              data-testid="adjust-units"
              inputMode="numeric"
              value={units}
              onChange={(e) => setUnits(e.target.value.replace(/\D/g, ''))}
            />
          </label>
          <input
            className="input"
            data-testid="adjust-note"
            aria-label="Note"
            placeholder="Note (optional)"
            maxLength={150}
            value={note}
            onChange={(e) => setNote(e.target.value)}
          />
          <p className="muted">
            Value {minor(adjustmentValue({ reason, units: Number(units || '0'), unitValue: item.unitValue }))}
          </p>
          <button className="btn primary" type="submit" data-testid="adjust-save">
            Record adjustment
          </button>
        </form>
      )}
      {pending && (
        <ApprovalDialog
          title="Approve the adjustment"
          required={[]}
          minimumRole="manager"
          reason={`${ADJUSTMENT_REASONS[pending.reason].label}: ${pending.units} × ${pending.sku}, worth ${minor(Math.abs(adjustmentValue(pending)))} (over ${minor(limit)} needs a manager).`}
          onApproved={(_approvals, approver) => {
            setPending(undefined);
            void save(pending, approver.id);
          }}
          onClose={() => setPending(undefined)}
        />
      )}
    </section>
  );
}
