// Exponential back-off with jitter: 0.5 s, 1 s, 2 s … capped at 10 s, so a hundred registers
// coming back after an outage do not all knock at the same moment, yet a register on the shop's
// LAN is syncing again within seconds of the server coming back.
export const BACKOFF_BASE_MS = 500;
export const BACKOFF_MAX_MS = 10_000;

export function backoffCeiling(attempt: number): number {
  return Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, Math.min(attempt, 16)));
}

export function nextDelay(attempt: number, random: () => number = Math.random): number {
  const ceiling = backoffCeiling(attempt);
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
