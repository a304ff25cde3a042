// Customer service's notes on the Customer 360 page: who wrote them last and when; operations and
// admins edit them (at most 2,000 characters; the server refuses a card number in the text).
import { useState, type FormEvent } from 'react';
import { api, errorText } from '../api';
import { can, useSession } from '../session-store';

const NOTES_MAX = 2000;

interface Props {
  customerId: string;
  notes: string;
  edited: { by: string; at: string } | undefined;
}

export function CustomerNotes({ customerId, notes, edited }: Props) {
  const user = useSession((s) => s.user);
  const [saved, setSaved] = useState({ notes, edited });
  const [draft, setDraft] = useState(notes);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const editable = can(user, 'operations');

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      const r = await api<{ notes: string; edited: { by: string; at: string } }>(
        'PUT',
        `/customers/${encodeURIComponent(customerId)}/notes`,
        { notes: draft },
      );
      setSaved(r);
      setDraft(r.notes);
      setError(null);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="hq-panel">
      <h2 id="notes-title">Notes</h2>
      <p className="hq-muted" data-testid="notes-edited">
        {saved.edited
          ? `Last edited by ${saved.edited.by} on ${new Date(saved.edited.at).toLocaleString()}`
          : 'Not edited from head office yet'}
      </p>
      {editable ? (
        <form className="hq-form" onSubmit={(e) => void save(e)}>
          <label className="hq-wide">
            Notes ({draft.length}/{NOTES_MAX}) — never a card number
            <textarea
              aria-labelledby="notes-title"
              rows={4}
              maxLength={NOTES_MAX}
              value={draft}
              onChange={(e) => setDraft(e.target.value)}
            />
          </label>
          {error && (
            <p role="alert" className="hq-error hq-wide">
              {error}
            </p>
          )}
          <div className="hq-actions hq-wide">
            <button type="submit" className="hq-primary" disabled={busy || draft === saved.notes}>
              Save notes
            </button>
          </div>
        </form>
      ) : (
        <p>{saved.notes || 'No notes.'}</p>
      )}
    </div>
  );
}
