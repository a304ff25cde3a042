// HTTP paths of the sync server, written once so client and server cannot drift.
export const SYNC_PATHS = {
  pull: (collection: string) => `/sync/${encodeURIComponent(collection)}/pull`,
  push: (collection: string) => `/sync/${encodeURIComponent(collection)}/push`,
  stream: '/sync/stream',
  /** Per-collection counts in the caller's scope and the latest seq (first-run progress). */
  totals: '/sync/totals',
  enroll: '/api/enroll',
  enrollmentCodes: '/api/hq/enrollment-codes',
  devices: '/api/hq/devices',
  revokeDevice: (deviceId: string) => `/api/hq/devices/${encodeURIComponent(deviceId)}/revoke`,
  me: '/api/me',
  health: '/health',
  metrics: '/metrics',
} as const;

/** Route patterns as Fastify writes them. */
export const SYNC_ROUTES = {
  pull: '/sync/:collection/pull',
  push: '/sync/:collection/push',
  revokeDevice: '/api/hq/devices/:id/revoke',
} as const;
