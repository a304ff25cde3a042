// One line of feedback under the scan field: what just happened, or what went wrong and what to
// do about it. Errors stay until the next action; successes fade.
import { useCallback, useEffect, useState } from 'react';

export interface Flash {
  kind: 'ok' | 'error';
  text: string;
}

export function useFlash(): [Flash | undefined, (flash: Flash | undefined) => void] {
  const [flash, setFlash] = useState<Flash>();
  useEffect(() => {
    if (flash?.kind !== 'ok') return;
    const timer = setTimeout(() => setFlash(undefined), 2500);
    return () => clearTimeout(timer);
  }, [flash]);
  return [flash, useCallback((f: Flash | undefined) => setFlash(f), [])];
}
