// The dashboard as the server sends it (sync-server/hq/dashboard).
export interface Bucket {
  key: string;
  orders: number;
  sales: number;
}

export interface DeviceHealth {
  id: string;
  name: string;
  storeId: string;
  storeCode: string;
  revokedAt: string | null;
  lastSeenAt: string | null;
  lagSeconds: number | null;
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

export interface DashboardData {
  period: { from: string; to: string; storeId: string | null };
  totals: { orders: number; sales: number; averageBasket: number; returns: number; refunds: number; returnsRate: number };
  byStore: (Bucket & { code: string; name: string; refunds: number })[];
  byChannel: Bucket[];
  byHour: Bucket[];
  byDay: Bucket[];
  offlineExposure: { storeId: string; deviceId: string; payments: number; amount: number; atRisk: number }[];
  devices: DeviceHealth[];
  alerts: Alert[];
  stores: { id: string; code: string; name: string }[];
}
