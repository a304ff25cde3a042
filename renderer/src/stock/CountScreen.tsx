// Stock count: start a full or cycle count (by department or shelf location), count blind by scan
// (the counter sees what they counted, never what the system expects), then a manager reviews the
// variance report, sends big variances for a recount, and approves: count movements go into the
// ledger. Scans are journalled (count-journal.ts), so a restart loses nothing.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate } from '@tanstack/react-router';
import { isDomainError } from '../../../shared/errors';
import { uuidv7 } from '../../../shared/ids/uuidv7';
import {
  countMovements,
  tallyScans,
  type CountScope,
  type VarianceReport,
  varianceReport,
} from '../../../shared/inventory/counts';
import { ApprovalDialog } from '../approval/ApprovalDialog';
import { useKeyLayer } from '../keys/useKeyLayer';
import { Action } from '../keys/shortcuts';
import { registerCountsSource } from '../local-data/stock-counts';
import type { StaffView } from '../model/backend';
import { useSession } from '../session/session-store';
import { CountJournal, type CountMeta } from './count-journal';
import { CountReportTable, minor } from './CountReportTable';
import './stock.css';

const messageOf = (e: unknown) =>
  isDomainError(e) || e instanceof Error ? e.message : 'Something went wrong. Try again.';

export function CountScreen() {
  const port = useMemo(() => registerCountsSource(), []);
  const journal = useMemo(() => new CountJournal(localStorage), []);
  const navigate = useNavigate();
  const clerk = useSession((s) => s.clerk);
  const [meta, setMeta] = useState<CountMeta | undefined>(() => journal.current());
  const [version, setVersion] = useState(0);
  const [kind, setKind] = useState<CountScope['kind']>('full');
  const [departments, setDepartments] = useState<string[]>([]);
  const [department, setDepartment] = useState('');
  const [location, setLocation] = useState('');
  const [code, setCode] = useState('');
  const [quantity, setQuantity] = useState('1');
  const [names, setNames] = useState<Record<string, string>>({});
  const [error, setError] = useState<string>();
  const [note, setNote] = useState<string>();
  const [askManager, setAskManager] = useState(false);
  const [review, setReview] = useState<{ report: VarianceReport; approver: StaffView }>();
  const scanField = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (!port) return setError('This register is not set up yet: enroll it and wait for the first sync.');
    port.departments().then(
      (list) => {
        setDepartments(list);
        setDepartment((d) => d || list[0] || '');
      },
      (e: unknown) => setError(messageOf(e)),
    );
  }, [port]);

  const start = async () => {
    if (!port || !clerk) return;
    setError(undefined);
    const scope: CountScope =
      kind === 'full'
        ? { kind }
        : kind === 'category'
          ? { kind, departments: [department] }
          : { kind, locations: [location.trim() || 'unnamed'] };
    try {
      const { snapshot, lwt } = await port.snapshot(scope);
      const started = journal.start({
        id: uuidv7(),
        storeId: port.storeId(),
        scope,
        startedAt: new Date().toISOString(),
        startedBy: clerk.staffId,
        snapshot,
        snapshotLwt: lwt,
      });
      setMeta({ ...started });
      setTimeout(() => scanField.current?.focus(), 0);
    } catch (e) {
      setError(messageOf(e));
    }
  };

  const scan = useCallback(
    async (raw: string) => {
      if (!port || !journal.current()) return;
      const text = raw.trim();
      setCode('');
      setError(undefined);
      if (!text) return;
      const units = Number(quantity || '1');
      try {
        const item = await port.item(text);
        if (!item) return setError(`No item has the code ${text}. Check it, or type the SKU.`);
        const current = journal.current()!;
        if (current.round > 1 && !current.recount.includes(item.sku))
          return setError(`${item.sku} is not on the recount list. Scan only the items listed above.`);
        journal.add({
          sku: item.sku,
          quantity: units,
          at: new Date().toISOString(),
          ...(current.scope.kind === 'location' ? { location: current.scope.locations[0] } : {}),
        });
        setNames((n) => ({ ...n, [item.sku]: item.name }));
        setQuantity('1');
        setNote(`${units} × ${item.name}`);
        setMeta({ ...journal.current()! });
        setVersion((v) => v + 1);
      } catch (e) {
        setError(messageOf(e));
      }
    },
    [port, journal, quantity],
  );

  useKeyLayer({
    onAction: (action) => (action === Action.BACK && !askManager ? (void navigate({ to: '/stock' }), true) : false),
    onScan: (scanned) => void scan(scanned),
  });

  const report = async (approver: StaffView) => {
    if (!port) return;
    const current = journal.current()!;
    const scans = journal.scans();
    const movements = await port.movementsAfter(current.snapshotLwt);
    const skus = [...new Set([...Object.keys(current.snapshot.onHand), ...scans.map((s) => s.sku)])];
    const facts = await port.facts(skus);
    setReview({
      report: varianceReport({ scope: current.scope, snapshot: current.snapshot, scans, movements, facts }),
      approver,
    });
  };

  const recount = () => {
    if (!review) return;
    setMeta({ ...journal.recount(review.report.recount) });
    setReview(undefined);
    setTimeout(() => scanField.current?.focus(), 0);
  };

  const approve = async (acceptRecounts: boolean) => {
    if (!port || !review) return;
    try {
      const current = journal.current()!;
      const docs = countMovements(
        review.report,
        {
          countId: current.id,
          storeId: current.storeId,
          approverRole: review.approver.role,
          approverId: review.approver.id,
          acceptRecounts,
        },
        { deviceId: port.deviceId(), at: new Date().toISOString() },
      );
      await port.record(docs);
      journal.clear();
      setMeta(undefined);
      setReview(undefined);
      setNote(`Count booked: ${docs.length} lines, net value ${minor(review.report.netValue)}.`);
    } catch (e) {
      setError(messageOf(e));
    }
  };

  // The counter's view: what this round counted per SKU, never the expected figure.
  const counted = useMemo(() => {
    void version;
    const tally = tallyScans(journal.scans().filter((s) => s.round === (meta?.round ?? 1)));
    return [...tally.entries()].map(([sku, t]) => ({ sku, counted: t.counted }));
  }, [journal, meta, version]);

  return (
    <section className="stack stock" data-testid="count-screen">
      <h1>Stock count</h1>
      {error && (
        <p className="error" role="alert" data-testid="count-error">
          {error}
        </p>
      )}
      {note && (
        <p className="ok-text" data-testid="count-note">
          {note}
        </p>
      )}
      {!meta && (
        <form
          className="panel stack"
          onSubmit={(e) => {
            e.preventDefault();
            void start();
          }}
        >
          <label>
            Count{' '}
            <select
              data-testid="count-kind"
              value={kind}
              onChange={(e) => setKind(e.target.value as CountScope['kind'])}
            >
              <option value="full">Full count (every item in the store)</option>
              <option value="category">Cycle count of a department</option>
              <option value="location">Cycle count of a shelf location</option>
            </select>
          </label>
          {kind === 'category' && (
            <label>
              Department{' '}
              <select data-testid="count-department" value={department} onChange={(e) => setDepartment(e.target.value)}>
                {departments.map((d) => (
                  <option key={d}>{d}</option>
                ))}
              </select>
            </label>
          )}
          {kind === 'location' && (
            <input
              className="input"
              data-testid="count-location"
              aria-label="Shelf location"
              placeholder="Shelf location, e.g. A3"
              value={location}
              onChange={(e) => setLocation(e.target.value)}
            />
          )}
          <button className="btn primary" type="submit" data-testid="count-start">
            Start count
          </button>
        </form>
      )}
      {meta && !review && (
        <div className="panel stack">
          <p className="muted" data-testid="count-scope">
            {meta.scope.kind === 'full'
              ? 'Full count'
              : meta.scope.kind === 'category'
                ? `Department ${meta.scope.departments.join(', ')}`
                : `Location ${meta.scope.locations.join(', ')}`}{' '}
            · round {meta.round} · {meta.scanCount} scans
          </p>
          {meta.round > 1 && (
            <p className="bad-text" data-testid="count-recount-list">
              Count these again: {meta.recount.join(', ')}
            </p>
          )}
          <form
            className="row"
            onSubmit={(e) => {
              e.preventDefault();
              void scan(code);
            }}
          >
            <input
              className="input"
              data-testid="count-qty"
              aria-label="Units for the next scan"
              inputMode="numeric"
              value={quantity}
              onChange={(e) => setQuantity(e.target.value.replace(/\D/g, ''))}
              style={{ width: '5em' }}
            />
            <input
              ref={scanField}
              className="input"
              data-home-focus
              data-testid="count-code"
              aria-label="Item barcode or SKU"
              placeholder="Scan or type an item, then Enter"
              value={code}
              onChange={(e) => setCode(e.target.value)}
            />
            <button className="btn" type="submit">
              Count
            </button>
          </form>
          <table className="grid" data-testid="count-lines">
            <thead>
              <tr>
                <th>SKU</th>
                <th>Item</th>
                <th className="num">Counted</th>
              </tr>
            </thead>
            <tbody>
              {counted.map((l) => (
                <tr key={l.sku} data-testid={`count-line-${l.sku}`}>
                  <td>{l.sku}</td>
                  <td>{names[l.sku] ?? ''}</td>
                  <td className="num">{l.counted}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="row">
            <button
              className="btn primary"
              type="button"
              data-testid="count-finish"
              onClick={() => setAskManager(true)}
            >
              Finish — manager review
            </button>
            <button
              className="btn"
              type="button"
              data-testid="count-cancel"
              onClick={() => {
                journal.clear();
                setMeta(undefined);
              }}
            >
              Cancel count
            </button>
          </div>
        </div>
      )}
      {review && (
        <div className="panel stack">
          <CountReportTable report={review.report} names={names} />
          <div className="row">
            {review.report.recount.length > 0 && (
              <button className="btn" type="button" data-testid="count-recount" onClick={recount}>
                Recount {review.report.recount.length} flagged
              </button>
            )}
            <button
              className="btn primary"
              type="button"
              data-testid="count-approve"
              onClick={() => void approve(review.report.recount.length > 0)}
            >
              Approve and book
            </button>
            <button className="btn" type="button" onClick={() => setReview(undefined)}>
              Back to counting
            </button>
          </div>
        </div>
      )}
      {askManager && (
        <ApprovalDialog
          title="Review the count"
          required={[]}
          minimumRole="manager"
          reason="The variance report shows expected figures: a manager reviews and books the count."
          onApproved={(_approvals, approver) => {
            setAskManager(false);
            void report(approver).catch((e: unknown) => setError(messageOf(e)));
          }}
          onClose={() => setAskManager(false)}
        />
      )}
    </section>
  );
}
