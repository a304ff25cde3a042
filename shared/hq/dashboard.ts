// The HQ dashboard as the sync server sends it (sync-server/hq/dashboard) and the console reads it
// (renderer/src/hq/dashboard): one definition of the wire shape for both.

export interface Bucket {
  key: string;
  orders: number;
  sales: number;
}

export interface DashboardPeriod {
  from: string;
  to: string;
  storeId: string | null;
}

export interface Dashboard {
  period: DashboardPeriod;
  totals: {
    orders: number;
    sales: number;
    averageBasket: number;
    returns: number;
    refunds: number;
    returnsRate: number;
  };
  byStore: (Bucket & { code: string; name: string; refunds: number })[];
  byChannel: Bucket[];
  byHour: Bucket[];
  byDay: Bucket[];
  offlineExposure: { storeId: string; deviceId: string; payments: number; amount: number; atRisk: number }[];
}

export interface DeviceHealth {
  id: string;
  /** The register's name from HQ numbering (S001-R01) where it has one, else its device name. */
  name: string;
  /** The name given to the device at enrollment ("Till 1", "Pickup counter"). */
  deviceName: string;
  storeId: string;
  storeCode: string;
  createdAt: string;
  revokedAt: string | null;
  lastSeenAt: string | null;
  /** Seconds since the register last talked to the server. */
  lagSeconds: number | null;
  /** Documents in the register's scope written after its latest pull of each collection. */
  documentsWaiting: number | null;
  appVersion: string | null;
  status: 'online' | 'offline' | 'never_seen' | 'revoked';
}

export interface Alert {
  id: string;
  kind: string;
  storeId: string | null;
  detail: Record<string, unknown>;
  createdAt: string;
}
