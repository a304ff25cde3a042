// Exponential back-off with jitter: 0.5 s, 1 s, 2 s … capped at 10 s, so a hundred registers
// coming back after an outage do not all knock at the same moment, yet a register on the shop's
// LAN is syncing again within seconds of the server coming back. Tests that restart a server many
// times pass shorter limits (startSync's `backoff` option); the registers keep these defaults.
export const BACKOFF_BASE_MS = 500;
export const BACKOFF_MAX_MS = 10_000;

export interface BackoffLimits {
  /** The first wait, doubled after each failure in a row. */
  baseMs: number;
  /** The longest wait. */
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffLimits = { baseMs: BACKOFF_BASE_MS, maxMs: BACKOFF_MAX_MS };

export function backoffCeiling(attempt: number, limits: BackoffLimits = DEFAULT_BACKOFF): number {
  return Math.min(limits.maxMs, limits.baseMs * 2 ** Math.max(0, Math.min(attempt, 16)));
}

export function nextDelay(
  attempt: number,
  random: () => number = Math.random,
  limits: BackoffLimits = DEFAULT_BACKOFF,
): number {
  const ceiling = backoffCeiling(attempt, limits);
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
