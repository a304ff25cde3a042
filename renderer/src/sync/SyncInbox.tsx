// The sync inbox for a supervisor: each document the server refused or that conflicted, with the
// server's message, and Retry / Void (reason required). Keyboard: Tab moves between the buttons;
// Void puts the focus in its reason field, Enter voids, Escape cancels. It reads the inbox through
// its observable (no UI store), so any screen can place it.
import { useEffect, useRef, useState } from 'react';
import type { InboxEntry, SyncInbox as Inbox } from './sync-inbox';

export interface SyncInboxProps {
  inbox: Inbox;
  /** The signed-in supervisor, recorded with every action. */
  staffId: string;
}

function VoidForm({ onVoid, onCancel }: { onVoid: (reason: string) => Promise<void>; onCancel: () => void }) {
  const [reason, setReason] = useState('');
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);
  return (
    <form
      className="row"
      onSubmit={(e) => {
        e.preventDefault();
        void onVoid(reason);
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onCancel();
        }
      }}
    >
      <input
        ref={input}
        className="input"
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        placeholder="Why is it voided?"
        aria-label="Reason for voiding"
        data-testid="inbox-void-reason"
      />
      <button className="btn danger" type="submit" data-testid="inbox-void-confirm">
        Void <kbd>Enter</kbd>
      </button>
    </form>
  );
}

export function SyncInbox({ inbox, staffId }: SyncInboxProps) {
  const [entries, setEntries] = useState<InboxEntry[]>(() => inbox.list());
  const [voiding, setVoiding] = useState<string | undefined>();
  const [busy, setBusy] = useState<string | undefined>();
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    const sub = inbox.entries$.subscribe(setEntries);
    return () => sub.unsubscribe();
  }, [inbox]);

  const act = async (key: string, run: () => Promise<unknown>): Promise<void> => {
    setBusy(key);
    setError(undefined);
    try {
      await run();
      setVoiding(undefined);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(undefined);
    }
  };

  const open = entries.filter((e) => e.status === 'open');
  return (
    <section className="panel stack" data-testid="sync-inbox" aria-label="Sync inbox">
      <h2>Sync inbox</h2>
      {open.length === 0 && (
        <p className="muted" data-testid="inbox-empty">
          Nothing waits here: every document reached head office or was dealt with.
        </p>
      )}
      {error && (
        <div className="error" role="alert" data-testid="inbox-error">
          {error}
        </div>
      )}
      <ul className="stack" style={{ listStyle: 'none', padding: 0 }}>
        {open.map((e) => (
          <li key={e.key} className="panel" data-testid="inbox-entry">
            <div>
              <strong>{e.kind === 'conflict' ? 'Conflict' : 'Refused'}</strong> · {e.collection} {e.id.slice(0, 8)} ·{' '}
              <span className="muted">{e.code}</span>
            </div>
            <div data-testid="inbox-message">
              {e.message}
              {e.field ? ` (${e.field})` : ''}
            </div>
            {busy === e.key && (
              <div className="muted" role="status">
                Sending…
              </div>
            )}
            {voiding === e.key ? (
              <VoidForm
                onVoid={(reason) => act(e.key, () => inbox.void(e.key, reason, staffId))}
                onCancel={() => setVoiding(undefined)}
              />
            ) : (
              <div className="row">
                <button
                  className="btn"
                  disabled={busy !== undefined}
                  onClick={() => void act(e.key, () => inbox.retry(e.key, staffId))}
                  data-testid="inbox-retry"
                >
                  Retry
                </button>
                <button
                  className="btn"
                  disabled={busy !== undefined}
                  onClick={() => setVoiding(e.key)}
                  data-testid="inbox-void"
                >
                  Void…
                </button>
              </div>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
