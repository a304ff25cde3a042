// The dashboard as the server sends it (sync-server/hq/dashboard).
import type { Alert, Dashboard, DeviceHealth } from '../../../../shared/hq/dashboard';

export type { Alert, Bucket, DeviceHealth } from '../../../../shared/hq/dashboard';

/** The dashboard route's answer: the figures plus register health, open alerts and the store list. */
export interface DashboardData extends Dashboard {
  devices: DeviceHealth[];
  alerts: Alert[];
  stores: { id: string; code: string; name: string }[];
}
