// Webhook subscriptions (admin): add one (its signing secret is shown once), the delivery log per
// subscription, and replaying a delivery by hand.
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { api, errorText } from '../api';
import { can, useSession } from '../session-store';

interface Hook {
  id: string;
  url: string;
  events: string[];
  active: boolean;
}
interface Delivery {
  id: string;
  event_type: string;
  status: string;
  attempts: number;
  last_status: number | null;
  last_error: string | null;
  created_at: string;
}

export function WebhooksPage() {
  const user = useSession((s) => s.user);
  const [hooks, setHooks] = useState<Hook[]>([]);
  const [events, setEvents] = useState<string[]>([]);
  const [url, setUrl] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const [secret, setSecret] = useState<string | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [deliveries, setDeliveries] = useState<Delivery[]>([]);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    try {
      const r = await api<{ webhooks: Hook[]; events: string[] }>('GET', '/webhooks');
      setHooks(r.webhooks);
      setEvents(r.events);
    } catch (e) {
      setError(errorText(e));
    }
  }, []);
  useEffect(() => {
    if (can(user, 'admin')) void load();
  }, [load, user]);
  const showLog = async (id: string) => {
    setOpen(id);
    setDeliveries((await api<{ deliveries: Delivery[] }>('GET', `/webhooks/${id}/deliveries`)).deliveries);
  };
  const add = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const r = await api<{ secret: string }>('POST', '/webhooks', { url, events: chosen });
      setSecret(r.secret);
      setUrl('');
      setChosen([]);
      await load();
    } catch (e) {
      setError(errorText(e));
    }
  };
  const replay = async (id: string) => {
    try {
      await api('POST', `/webhook-deliveries/${id}/replay`);
      if (open) await showLog(open);
    } catch (e) {
      setError(errorText(e));
    }
  };
  if (!can(user, 'admin')) return <p className="hq-muted">Only an HQ admin manages webhooks.</p>;
  return (
    <section aria-labelledby="webhooks-title">
      <h1 id="webhooks-title">Webhooks</h1>
      <form className="hq-panel hq-form" onSubmit={(e) => void add(e)}>
        <label className="hq-wide">
          Receiver URL{' '}
          <input
            value={url}
            onChange={(e) => setUrl(e.target.value)}
            placeholder="https://erp.example.com/hooks/pos"
            required
          />
        </label>
        <fieldset className="hq-wide">
          <legend>Events</legend>
          {events.map((ev) => (
            <label key={ev} className="hq-check">
              <input
                type="checkbox"
                checked={chosen.includes(ev)}
                onChange={(e) => setChosen(e.target.checked ? [...chosen, ev] : chosen.filter((x) => x !== ev))}
              />{' '}
              {ev}
            </label>
          ))}
        </fieldset>
        <div className="hq-actions hq-wide">
          <button type="submit" className="hq-primary">
            Add webhook
          </button>
        </div>
      </form>
      {secret && (
        <p role="status" className="hq-notice">
          Signing secret (shown once; receivers check the x-pos-signature header with it): <code>{secret}</code>
        </p>
      )}
      {error && (
        <p role="alert" className="hq-error">
          {error}
        </p>
      )}
      <table className="hq-table">
        <thead>
          <tr>
            <th>URL</th>
            <th>Events</th>
            <th>Active</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {hooks.map((h) => (
            <tr key={h.id}>
              <td>{h.url}</td>
              <td>{h.events.join(', ')}</td>
              <td>{h.active ? 'yes' : 'no'}</td>
              <td>
                <button type="button" onClick={() => void showLog(h.id)}>
                  Delivery log
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {open && (
        <table className="hq-table" aria-label="Deliveries">
          <thead>
            <tr>
              <th>Event</th>
              <th>Status</th>
              <th>Attempts</th>
              <th>Last answer</th>
              <th>Queued</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {deliveries.map((d) => (
              <tr key={d.id}>
                <td>{d.event_type}</td>
                <td>{d.status}</td>
                <td>{d.attempts}</td>
                <td>{d.last_error ?? (d.last_status ? `HTTP ${d.last_status}` : '—')}</td>
                <td>{new Date(d.created_at).toLocaleString()}</td>
                <td>
                  {(d.status === 'delivered' || d.status === 'dead') && (
                    <button type="button" onClick={() => void replay(d.id)}>
                      Replay
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
