// Registers: health per device, a one-time enrollment code shown as a QR code for a new register,
// revoking a register (refused by the server from its next request), and (admins) unblocking a
// register whose offline gift card spends are refused for probing card numbers.
import { useCallback, useEffect, useState } from 'react';
import { api, errorText } from '../api';
import { can, useSession } from '../session-store';
import { HealthTable } from '../dashboard/HealthTable';
import type { DeviceHealth } from '../dashboard/types';
import { Dialog } from '../shell/Dialog';
import { StorePicker, storeOptions } from '../shared/StorePicker';

interface Code {
  code: string;
  storeId: string;
  expiresAt: string;
  qrSvg: string;
}

interface GiftCardBlock {
  deviceId: string;
  misses: number;
  blockAt: number;
  blocked: boolean;
}

interface StoreDoc {
  id: string;
  key: string;
  payload: { name: string };
}

export function DevicesPage() {
  const user = useSession((s) => s.user);
  const [devices, setDevices] = useState<DeviceHealth[]>([]);
  const [stores, setStores] = useState<StoreDoc[]>([]);
  const [storeId, setStoreId] = useState('');
  const [code, setCode] = useState<Code | null>(null);
  const [revoking, setRevoking] = useState<DeviceHealth | null>(null);
  const [blocked, setBlocked] = useState<Map<string, GiftCardBlock>>(new Map());
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      const [d, s, g] = await Promise.all([
        api<{ devices: DeviceHealth[] }>('GET', '/devices'),
        api<{ stores: StoreDoc[] }>('GET', '/stores'),
        api<{ blocks: GiftCardBlock[] }>('GET', '/devices/gift-card-blocks'),
      ]);
      setDevices(d.devices);
      setBlocked(new Map(g.blocks.filter((b) => b.blocked).map((b) => [b.deviceId, b])));
      setStores(s.stores);
      setStoreId((current) => current || s.stores[0]?.id || '');
    } catch (e) {
      setError(errorText(e));
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  const createCode = async () => {
    try {
      setCode(await api<Code>('POST', '/devices/enrollment-codes', { storeId }));
    } catch (e) {
      setError(errorText(e));
    }
  };

  const revoke = async (device: DeviceHealth) => {
    try {
      await api('POST', `/devices/${encodeURIComponent(device.id)}/revoke`);
      setMessage(`${device.name} is revoked: it can no longer sync.`);
      setRevoking(null);
      await load();
    } catch (e) {
      setError(errorText(e));
    }
  };

  const unblock = async (device: DeviceHealth) => {
    try {
      await api('POST', `/devices/${encodeURIComponent(device.id)}/gift-card-unblock`);
      setMessage(`${device.name} may take gift cards offline again; its count of unknown cards starts from zero.`);
      await load();
    } catch (e) {
      setError(errorText(e));
    }
  };

  const operator = can(user, 'operations');
  const admin = can(user, 'admin');
  return (
    <section aria-labelledby="devices-title">
      <div className="hq-head">
        <h1 id="devices-title">Devices</h1>
        {operator && (
          <div className="hq-filters">
            <StorePicker stores={storeOptions(stores)} value={storeId} onChange={setStoreId} />
            <button type="button" className="hq-primary" disabled={!storeId} onClick={() => void createCode()}>
              New enrollment code
            </button>
          </div>
        )}
      </div>
      {message && (
        <p role="status" className="hq-notice">
          {message}
        </p>
      )}
      {error && (
        <p role="alert" className="hq-error">
          {error}
        </p>
      )}
      <HealthTable
        searchable
        devices={devices}
        actions={(d) => (
          <>
            {admin && !d.revokedAt && blocked.has(d.id) && (
              <button
                type="button"
                onClick={() => void unblock(d)}
                aria-label={`Unblock offline gift cards on ${d.name}`}
                title={`Offline gift card spends refused: ${blocked.get(d.id)!.misses} on unknown cards`}
              >
                Unblock gift cards
              </button>
            )}
            {operator && !d.revokedAt && (
              <button
                type="button"
                className="hq-danger"
                onClick={() => setRevoking(d)}
                aria-label={`Revoke ${d.name}`}
              >
                Revoke
              </button>
            )}
          </>
        )}
      />
      {code && (
        <Dialog title="Enrollment code" onClose={() => setCode(null)}>
          <img
            className="hq-qr"
            alt={`QR code for enrollment code ${code.code}`}
            src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(code.qrSvg)}`}
          />
          <p className="hq-code" data-testid="enrollment-code">
            {code.code}
          </p>
          <p className="hq-muted">
            Scan it or type it on the new register. Single use, valid until {new Date(code.expiresAt).toLocaleString()}.
          </p>
          <button type="button" onClick={() => setCode(null)}>
            Done
          </button>
        </Dialog>
      )}
      {revoking && (
        <Dialog title={`Revoke ${revoking.name}?`} onClose={() => setRevoking(null)}>
          <p>
            The register stops syncing at once. Sales it holds stay on it until it is enrolled again with a new code.
          </p>
          <div className="hq-actions">
            <button type="button" className="hq-danger" data-autofocus onClick={() => void revoke(revoking)}>
              Revoke register
            </button>
            <button type="button" onClick={() => setRevoking(null)}>
              Cancel
            </button>
          </div>
        </Dialog>
      )}
    </section>
  );
}
