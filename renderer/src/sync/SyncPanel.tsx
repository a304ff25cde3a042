// Sync panel: what is waiting, what the server refused (with the reason and what to do), and the
// training mode switch. Training sales never sync and never touch stock.
import { useSession } from '../session/session-store';
import { isManager } from '../model/clerk';
import { useSyncStatus } from '../session/sync-status-store';
import { formatAgo } from '../ui/format';
import { useNow } from '../ui/useNow';

export function SyncPanel() {
  const status = useSyncStatus();
  const { trainingMode, setTrainingMode, clerk, autoLockMinutes, setAutoLockMinutes } = useSession();
  const now = useNow(5000);
  const canSwitch = clerk !== undefined && isManager(clerk.role);
  return (
    <section className="stack" data-testid="sync-panel">
      <h1>Sync and settings</h1>
      <div className="panel stack">
        <div>
          Connection:{' '}
          <strong className={status.online ? 'ok-text' : 'bad-text'}>
            {status.online
              ? 'online'
              : 'offline — sales are kept on this register and sent when the connection is back'}
          </strong>
        </div>
        <div>
          Waiting to send: <strong>{status.waiting}</strong> · last sync {formatAgo(status.lastSyncAt, now)}
        </div>
        {status.error && <div className="error">{status.error}</div>}
      </div>
      <div className="panel stack">
        <h2>Refused by the server</h2>
        {status.refused.length === 0 && <p className="muted">Nothing was refused.</p>}
        {status.refused.length > 0 && (
          <table className="grid" data-testid="refused-list">
            <thead>
              <tr>
                <th>What</th>
                <th>Why</th>
                <th>What to do</th>
              </tr>
            </thead>
            <tbody>
              {status.refused.map((r) => (
                <tr key={`${r.collection}:${r.id}`}>
                  <td>
                    {r.collection.replace(/_/g, ' ')} {r.id.slice(-8)}
                  </td>
                  <td>{r.reason}</td>
                  <td>{r.whatToDo}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
      <div className="panel stack">
        <h2>Training mode</h2>
        <p>
          Practice sales are marked TRAINING on screen and on the receipt, are never sent to the server and never change
          stock.
        </p>
        <button
          className={`btn${trainingMode ? ' danger' : ''}`}
          disabled={!canSwitch}
          onClick={() => setTrainingMode(!trainingMode)}
          data-testid="training-toggle"
        >
          {trainingMode ? 'Leave training mode' : 'Start training mode'}
        </button>
        {!canSwitch && <p className="muted">A manager switches training mode on and off.</p>}
      </div>
      <div className="panel row">
        <label className="field" style={{ margin: 0 }}>
          <span>Lock the register after this many idle minutes</span>
          <input
            className="input"
            type="number"
            min={1}
            max={120}
            value={autoLockMinutes}
            onChange={(e) => setAutoLockMinutes(Number(e.target.value) || 1)}
            style={{ width: 120 }}
          />
        </label>
      </div>
    </section>
  );
}
