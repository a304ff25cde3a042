// The replication protocol's version. A register sends it on every request; the server answers a
// version it cannot serve with PROTOCOL_VERSION_MISMATCH so the clerk is told to update.
export const PROTOCOL_VERSION = 1 as const;
export const PROTOCOL_VERSION_HEADER = 'x-pos-protocol-version';

/** Versions this build of the server understands (old registers keep syncing during a rollout). */
export const SUPPORTED_PROTOCOL_VERSIONS: readonly number[] = [1];

export function isSupportedProtocolVersion(value: unknown): boolean {
  const n = typeof value === 'string' && /^\d{1,4}$/.test(value) ? Number(value) : value;
  return typeof n === 'number' && SUPPORTED_PROTOCOL_VERSIONS.includes(n);
}
