// Register health per device: status, last seen, documents waiting, app version.
import { ago } from '../format';
import type { DeviceHealth } from './types';

const STATUS_TEXT: Record<DeviceHealth['status'], string> = {
  online: 'Online',
  offline: 'Offline',
  never_seen: 'Not seen yet',
  revoked: 'Revoked',
};

export function HealthTable({
  devices,
  actions,
}: {
  devices: DeviceHealth[];
  actions?: (device: DeviceHealth) => React.ReactNode;
}) {
  return (
    <table className="hq-table" aria-label="Register health">
      <caption>Registers</caption>
      <thead>
        <tr>
          <th>Register</th>
          <th>Store</th>
          <th>Status</th>
          <th>Last seen</th>
          <th title="Documents in its scope written since its last pull">Waiting to pull</th>
          <th>App version</th>
          {actions && <th />}
        </tr>
      </thead>
      <tbody>
        {devices.length === 0 && (
          <tr>
            <td colSpan={actions ? 7 : 6} className="hq-muted">
              No registers enrolled yet: create an enrollment code on the Devices page.
            </td>
          </tr>
        )}
        {devices.map((d) => (
          <tr key={d.id} data-device-id={d.id}>
            <td>{d.name}</td>
            <td>{d.storeCode}</td>
            <td>
              <span className={`hq-status hq-status-${d.status}`}>{STATUS_TEXT[d.status]}</span>
            </td>
            <td>{d.lastSeenAt ? `${ago(d.lagSeconds)} ago` : '—'}</td>
            <td>{d.documentsWaiting ?? '—'}</td>
            <td>{d.appVersion ?? '—'}</td>
            {actions && <td>{actions(d)}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
