// Tells a barcode scanner's burst from a person typing an amount: a scanner types every key within
// a few milliseconds and ends with Enter. A money field that gets such a burst refuses it (a scan
// once opened a till with $614,141,000,111.00).
import { useRef, type KeyboardEvent } from 'react';

/** Keys closer together than this are machine-typed. People type 80 ms apart or more. */
const BURST_GAP_MS = 50;
/** How many fast keys before Enter make a scan (shorter bursts can be a quick typist). */
const BURST_MIN_KEYS = 4;

export function isScannerBurst(times: readonly number[]): boolean {
  if (times.length < BURST_MIN_KEYS + 1) return false;
  const recent = times.slice(-(BURST_MIN_KEYS + 1));
  return recent.every((t, i) => i === 0 || t - recent[i - 1]! < BURST_GAP_MS);
}

export const SCAN_REFUSED =
  'That came from the scanner, not the keyboard: nothing was entered. Type the amount by hand.';

/**
 * onKeyDown handlers for numeric fields: on Enter after a scanner burst the handler stops the
 * submit and calls `onBurst` (clear the field, say why). Key times live in a ref, so re-renders
 * between the keys of one burst do not forget them.
 */
export function useBurstGuard(): (onBurst: () => void) => (event: KeyboardEvent<HTMLInputElement>) => void {
  const times = useRef<number[]>([]);
  return (onBurst) => (event) => {
    times.current = [...times.current.slice(-BURST_MIN_KEYS), event.timeStamp];
    if (event.key !== 'Enter') return;
    const burst = isScannerBurst(times.current);
    times.current = [];
    if (burst) {
      event.preventDefault();
      onBurst();
    }
  };
}
