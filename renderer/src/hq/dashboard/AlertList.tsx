// Open alerts (oversell, overspent balances, registers offline too long, failed journal exports) to acknowledge.
import { useState } from 'react';
import { api, errorText } from '../api';
import type { Alert } from './types';

const KIND_TEXT: Record<string, string> = {
  alert_oversell: 'Oversold',
  alert_balance_overspent: 'Balance overspent',
  device_offline: 'Register offline too long',
  journal_push_failed: 'Journal export failed',
};

function describe(alert: Alert): string {
  const d = alert.detail;
  if (alert.kind === 'alert_oversell') return `SKU ${String(d.sku)}: ${String(d.available)} available`;
  if (alert.kind === 'journal_push_failed') return `${String(d.businessDay)}: ${String(d.message)}`;
  if (alert.kind === 'device_offline') return `${String(d.name ?? d.deviceId)} last seen ${String(d.lastSeenAt ?? '')}`;
  return JSON.stringify(d).slice(0, 120);
}

export function AlertList({
  alerts,
  stores,
  canAck,
  onChange,
}: {
  alerts: Alert[];
  stores: { id: string; code: string }[];
  canAck: boolean;
  onChange: () => void;
}) {
  const [error, setError] = useState<string | null>(null);
  const ack = async (id: string) => {
    try {
      await api('POST', `/alerts/${encodeURIComponent(id)}/ack`);
      onChange();
    } catch (e) {
      setError(errorText(e));
    }
  };
  return (
    <section className="hq-panel" aria-labelledby="alerts-title">
      <h2 id="alerts-title">Alerts ({alerts.length})</h2>
      {error && (
        <p role="alert" className="hq-error">
          {error}
        </p>
      )}
      {alerts.length === 0 ? (
        <p className="hq-muted">Nothing needs attention.</p>
      ) : (
        <ul className="hq-alerts">
          {alerts.map((a) => (
            <li key={a.id}>
              <strong>{KIND_TEXT[a.kind] ?? a.kind}</strong> · {stores.find((s) => s.id === a.storeId)?.code ?? 'chain'}{' '}
              · {describe(a)}
              {canAck && (
                <button type="button" onClick={() => void ack(a.id)}>
                  Acknowledge
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
