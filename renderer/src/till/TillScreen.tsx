// The till: open with a counted float, paid in / paid out / drop with a reason, X report, blind
// close with the Z report. Everything is a local write, so it works offline.
import { useCallback, useEffect, useState } from 'react';
import { useNavigate } from '@tanstack/react-router';
import { parseMoney } from '../../../shared/money';
import type { TillShift } from '../../../shared/schemas';
import { useBackend } from '../model/backend-context';
import type { CashMovementInput, ShiftReportData } from '../model/backend';
import { useKeyLayer } from '../keys/useKeyLayer';
import { Action } from '../keys/shortcuts';
import { useSaleContext } from '../session/sale-context-store';
import { useSession } from '../session/session-store';
import { isManager } from '../model/clerk';
import { errorMessage } from '../ui/error-message';
import { fmt } from '../ui/format';
import { BlindCount } from './BlindCount';
import { ShiftReport } from './ShiftReport';
import { CashMovementForm } from './CashMovementForm';

type Mode = { kind: 'menu' } | { kind: 'movement'; movement: CashMovementInput['kind'] } | { kind: 'x'; figures: ShiftReportData } | { kind: 'close' } | { kind: 'z'; figures: ShiftReportData };

export function TillScreen() {
  const backend = useBackend();
  const navigate = useNavigate();
  const clerk = useSession((s) => s.clerk);
  const setTill = useSession((s) => s.setTill);
  const currency = useSaleContext((s) => s.context?.currency ?? 'USD');
  const paidOutApprovalOver = useSaleContext((s) => s.context?.paidOutApprovalOver ?? 0);
  const [shift, setShift] = useState<TillShift | null>();
  const [mode, setMode] = useState<Mode>({ kind: 'menu' });
  const [floatText, setFloatText] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const adopt = useCallback((s: TillShift | undefined) => {
    setShift(s ?? null);
    setTill(s && s.status === 'open' ? { shiftId: s.id, status: 'open', openedAt: s.openedAt } : undefined);
  }, [setTill]);

  useEffect(() => {
    backend.currentShift().then(adopt, (e: unknown) => setError(errorMessage(e)));
  }, [backend, adopt]);

  const run = async (action: () => Promise<void>): Promise<void> => {
    setBusy(true);
    setError(undefined);
    try {
      await action();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  useKeyLayer({
    onAction: (a) => {
      if (a !== Action.BACK) return false;
      if (mode.kind !== 'menu' && mode.kind !== 'z') setMode({ kind: 'menu' });
      else if (shift?.status === 'open') void navigate({ to: '/sell' });
      return true;
    },
  });

  if (!clerk) return null;
  if (shift === undefined) return <p className="muted">Loading the till…</p>;

  if (mode.kind === 'z') {
    return (
      <section className="stack" data-testid="till-screen">
        <h1 className="no-print">Till closed</h1>
        <ShiftReport report={mode.figures} kind="Z" />
        <div className="row no-print">
          <button className="btn" onClick={() => window.print()}>Print Z report</button>
          <button className="btn primary" onClick={() => setMode({ kind: 'menu' })} data-home-focus>Done</button>
        </div>
      </section>
    );
  }

  if (!shift || shift.status !== 'open') {
    return (
      <form className="panel centered stack" data-testid="till-screen" onSubmit={(e) => { e.preventDefault(); void run(async () => adopt(await backend.openShift(parseMoney(floatText || '0', currency).amount, clerk.staffId))); }}>
        <h1>Open the till</h1>
        <p>Count the cash in the drawer (the float) and enter the total.</p>
        <label className="field"><span>Opening float</span>
          <input className="input" inputMode="decimal" value={floatText} onChange={(e) => setFloatText(e.target.value)} placeholder="150.00" autoFocus data-home-focus data-testid="float-input" autoComplete="off" />
        </label>
        {error && <div className="error" role="alert">{error}</div>}
        <button className="btn primary" type="submit" disabled={busy} data-testid="open-till">Open till</button>
      </form>
    );
  }

  return (
    <section className="stack" data-testid="till-screen">
      <h1>Till — opened {new Date(shift.openedAt).toLocaleTimeString()} with {fmt(shift.openingFloat, shift.currency)}</h1>
      {mode.kind === 'menu' && (
        <div className="row no-print">
          <button className="btn primary" onClick={() => void navigate({ to: '/sell' })} data-home-focus data-testid="go-sell">Sell <kbd>Esc</kbd></button>
          <button className="btn" onClick={() => setMode({ kind: 'movement', movement: 'paid_in' })}>Paid in</button>
          <button className="btn" onClick={() => setMode({ kind: 'movement', movement: 'paid_out' })}>Paid out</button>
          <button className="btn" onClick={() => setMode({ kind: 'movement', movement: 'drop' })}>Drop to safe</button>
          <button className="btn" onClick={() => void run(async () => setMode({ kind: 'x', figures: await backend.shiftReport(shift.id) }))} data-testid="x-report">X report</button>
          <button className="btn danger" onClick={() => setMode({ kind: 'close' })} data-testid="start-close">Close till</button>
        </div>
      )}
      {mode.kind === 'movement' && (
        <CashMovementForm kind={mode.movement} currency={shift.currency} needsApprovalOver={mode.movement === 'paid_out' && !isManager(clerk.role) ? paidOutApprovalOver : undefined}
          onCancel={() => setMode({ kind: 'menu' })}
          onSubmit={(m) => run(async () => { adopt(await backend.addCashMovement(shift.id, { ...m, staffId: clerk.staffId })); setMode({ kind: 'menu' }); })} />
      )}
      {mode.kind === 'x' && (
        <div className="stack">
          <ShiftReport report={mode.figures} kind="X" />
          <div className="row no-print"><button className="btn" onClick={() => window.print()}>Print</button><button className="btn primary" onClick={() => setMode({ kind: 'menu' })} data-home-focus>Back <kbd>Esc</kbd></button></div>
        </div>
      )}
      {mode.kind === 'close' && (
        <BlindCount currency={shift.currency} busy={busy} onSubmit={(counts) => void run(async () => {
          const figures = await backend.closeShift(shift.id, counts, clerk.staffId);
          adopt(figures.shift);
          setMode({ kind: 'z', figures });
        })} />
      )}
      {error && <div className="error" role="alert">{error}</div>}
    </section>
  );
}
