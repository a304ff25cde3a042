// Register health per device: its register name (S001-R01) with the device name given at
// enrollment beneath, status, last seen, documents waiting, app version (on the shared SearchTable;
// the Devices page adds a search by register or device name, store or version).
import type { ReactNode } from 'react';
import { ago } from '../format';
import { SearchTable, type Column } from '../shared/SearchTable';
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
  searchable = false,
  toolbar,
}: {
  devices: DeviceHealth[];
  actions?: (device: DeviceHealth) => ReactNode;
  searchable?: boolean;
  toolbar?: ReactNode;
}) {
  const columns: Column<DeviceHealth>[] = [
    {
      key: 'name',
      header: 'Register',
      cell: (d) => (
        <>
          {d.name}
          {d.deviceName !== d.name && <div className="hq-muted">{d.deviceName}</div>}
        </>
      ),
    },
    { key: 'store', header: 'Store', cell: (d) => d.storeCode },
    {
      key: 'status',
      header: 'Status',
      cell: (d) => <span className={`hq-status hq-status-${d.status}`}>{STATUS_TEXT[d.status]}</span>,
    },
    { key: 'seen', header: 'Last seen', cell: (d) => (d.lastSeenAt ? `${ago(d.lagSeconds)} ago` : '—') },
    {
      key: 'waiting',
      header: 'Waiting to pull',
      title: 'Documents in its scope written since its last pull',
      cell: (d) => d.documentsWaiting ?? '—',
    },
    { key: 'version', header: 'App version', cell: (d) => d.appVersion ?? '—' },
  ];
  if (actions) columns.push({ key: 'actions', header: '', cell: actions });
  return (
    <SearchTable
      label="Register health"
      caption="Registers"
      columns={columns}
      rows={devices}
      rowKey={(d) => d.id}
      rowProps={(d) => ({ 'data-device-id': d.id })}
      empty={
        devices.length === 0
          ? 'No registers enrolled yet: create an enrollment code on the Devices page.'
          : 'No register matches.'
      }
      toolbar={toolbar}
      {...(searchable
        ? {
            search: {
              label: 'Find register',
              text: (d: DeviceHealth) =>
                `${d.name} ${d.deviceName} ${d.storeCode ?? ''} ${STATUS_TEXT[d.status]} ${d.appVersion ?? ''}`,
            },
          }
        : {})}
    />
  );
}
