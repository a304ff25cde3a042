// The till: open with a counted float, paid in / paid out / drop with a reason, X report, blind
// close with the Z report. Everything is a local write, so it works offline.
import { useCallback, useEffect, useState } from 'react';
import { useNavigate } from '@tanstack/react-router';
import { DomainError } from '../../../shared/errors';
import { parseMoney } from '../../../shared/money';
import { countedTotal } from '../../../shared/till/shift';
import type { DenominationCount } from '../model/backend';
import { ApprovalDialog } from '../approval/ApprovalDialog';
import { useBurstGuard, SCAN_REFUSED } from '../ui/scan-burst';
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

const TillInputError = { FLOAT_TOO_LARGE: 'TILL_FLOAT_TOO_LARGE' } as const;

type Mode =
  | { kind: 'menu' }
  | { kind: 'movement'; movement: CashMovementInput['kind'] }
  | { kind: 'x'; figures: ShiftReportData }
  | { kind: 'close' }
  | { kind: 'z'; figures: ShiftReportData };

export function TillScreen() {
  const backend = useBackend();
  const navigate = useNavigate();
  const clerk = useSession((s) => s.clerk);
  const setTill = useSession((s) => s.setTill);
  const currency = useSaleContext((s) => s.context?.currency ?? 'USD');
  const paidOutApprovalOver = useSaleContext((s) => s.context?.paidOutApprovalOver ?? 0);
  const maxFloat = useSaleContext((s) => s.context?.maxOpeningFloat ?? 200_000);
  const overShortApprovalOver = useSaleContext((s) => s.context?.overShortApprovalOver ?? 2_000);
  const burstGuard = useBurstGuard();
  const [pendingClose, setPendingClose] = useState<{ counts: DenominationCount[]; overShort: number }>();
  const [shift, setShift] = useState<TillShift | null>();
  const [mode, setMode] = useState<Mode>({ kind: 'menu' });
  const [floatText, setFloatText] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const adopt = useCallback(
    (s: TillShift | undefined) => {
      setShift(s ?? null);
      setTill(s && s.status === 'open' ? { shiftId: s.id, status: 'open', openedAt: s.openedAt } : undefined);
    },
    [setTill],
  );

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

  const openTill = (): Promise<void> =>
    run(async () => {
      const amount = parseMoney(floatText || '0', currency).amount;
      if (amount > maxFloat) {
        setFloatText('');
        throw new DomainError(
          TillInputError.FLOAT_TOO_LARGE,
          `An opening float of ${fmt(amount, currency)} is more than this store allows (${fmt(maxFloat, currency)}). Count the drawer again and type the total.`,
        );
      }
      adopt(await backend.openShift(amount, clerk.staffId));
    });
  const guardFloat = burstGuard(() => {
    setFloatText('');
    setError(SCAN_REFUSED);
  });

  const close = (counts: DenominationCount[], closedBy: string): Promise<void> =>
    run(async () => {
      const figures = await backend.closeShift(shift!.id, counts, closedBy);
      adopt(figures.shift);
      setMode({ kind: 'z', figures });
    });
  // Over or short by more than the policy allows: a manager approves (and is recorded as closing).
  const countAndClose = (counts: DenominationCount[]): Promise<void> =>
    run(async () => {
      const report = await backend.shiftReport(shift!.id);
      const overShort = countedTotal(shift!.currency, counts) - report.figures.cash.expected;
      if (Math.abs(overShort) > overShortApprovalOver && !isManager(clerk.role))
        return setPendingClose({ counts, overShort });
      await close(counts, clerk.staffId);
    });
  if (shift === undefined) return <p className="muted">Loading the till…</p>;

  if (mode.kind === 'z') {
    return (
      <section className="stack" data-testid="till-screen">
        <h1 className="no-print">Till closed</h1>
        <ShiftReport report={mode.figures} kind="Z" />
        <div className="row no-print">
          <button className="btn" onClick={() => window.print()}>
            Print Z report
          </button>
          <button className="btn primary" onClick={() => setMode({ kind: 'menu' })} data-home-focus>
            Done
          </button>
        </div>
      </section>
    );
  }

  if (!shift || shift.status !== 'open') {
    return (
      <form
        className="panel centered stack"
        data-testid="till-screen"
        onSubmit={(e) => {
          e.preventDefault();
          void openTill();
        }}
      >
        <h1>Open the till</h1>
        <p>Count the cash in the drawer (the float) and enter the total.</p>
        <label className="field">
          <span>Opening float</span>
          <input
            className="input"
            inputMode="decimal"
            value={floatText}
            onChange={(e) => setFloatText(e.target.value)}
            placeholder="150.00"
            autoFocus
            data-home-focus
            data-testid="float-input"
            autoComplete="off"
            onKeyDown={guardFloat}
          />
        </label>
        {error && (
          <div className="error" role="alert" data-testid="till-error">
            {error}
          </div>
        )}
        <button className="btn primary" type="submit" disabled={busy} data-testid="open-till">
          Open till
        </button>
      </form>
    );
  }

  return (
    <section className="stack" data-testid="till-screen">
      <h1>
        Till — opened {new Date(shift.openedAt).toLocaleTimeString()} with {fmt(shift.openingFloat, shift.currency)}
      </h1>
      {mode.kind === 'menu' && (
        <div className="row no-print">
          <button
            className="btn primary"
            onClick={() => void navigate({ to: '/sell' })}
            data-home-focus
            data-testid="go-sell"
          >
            Sell <kbd>Esc</kbd>
          </button>
          <button className="btn" onClick={() => setMode({ kind: 'movement', movement: 'paid_in' })}>
            Paid in
          </button>
          <button className="btn" onClick={() => setMode({ kind: 'movement', movement: 'paid_out' })}>
            Paid out
          </button>
          <button className="btn" onClick={() => setMode({ kind: 'movement', movement: 'drop' })}>
            Drop to safe
          </button>
          <button
            className="btn"
            onClick={() => void run(async () => setMode({ kind: 'x', figures: await backend.shiftReport(shift.id) }))}
            data-testid="x-report"
          >
            X report
          </button>
          <button className="btn danger" onClick={() => setMode({ kind: 'close' })} data-testid="start-close">
            Close till
          </button>
        </div>
      )}
      {mode.kind === 'movement' && (
        <CashMovementForm
          kind={mode.movement}
          currency={shift.currency}
          needsApprovalOver={mode.movement === 'paid_out' && !isManager(clerk.role) ? paidOutApprovalOver : undefined}
          onCancel={() => setMode({ kind: 'menu' })}
          onSubmit={(m) =>
            run(async () => {
              adopt(await backend.addCashMovement(shift.id, { ...m, staffId: clerk.staffId }));
              setMode({ kind: 'menu' });
            })
          }
        />
      )}
      {mode.kind === 'x' && (
        <div className="stack">
          <ShiftReport report={mode.figures} kind="X" />
          <div className="row no-print">
            <button className="btn" onClick={() => window.print()}>
              Print
            </button>
            <button className="btn primary" onClick={() => setMode({ kind: 'menu' })} data-home-focus>
              Back <kbd>Esc</kbd>
            </button>
          </div>
        </div>
      )}
      {mode.kind === 'close' && (
        <BlindCount currency={shift.currency} busy={busy} onSubmit={(counts) => void countAndClose(counts)} />
      )}
      {pendingClose && (
        <ApprovalDialog
          title={`The drawer is ${pendingClose.overShort > 0 ? 'over' : 'short'} by ${fmt(Math.abs(pendingClose.overShort), shift.currency)}`}
          required={[]}
          minimumRole="supervisor"
          reason={`More than ${fmt(overShortApprovalOver, shift.currency)} either way needs a supervisor or manager, who closes the till. Or cancel and count again.`}
          onClose={() => setPendingClose(undefined)}
          onApproved={(_a, manager) => {
            const { counts } = pendingClose;
            setPendingClose(undefined);
            void close(counts, manager.id);
          }}
        />
      )}
      {error && (
        <div className="error" role="alert" data-testid="till-error">
          {error}
        </div>
      )}
    </section>
  );
}
