// Runs one clerk action at a time with its error as a sentence (and the error buzz).
import { useCallback, useState } from 'react';
import { errorMessage } from '../ui/error-message';
import { errorBuzz } from './sounds';

export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const run = useCallback(async (action: () => Promise<unknown>): Promise<boolean> => {
    setBusy(true);
    setError(undefined);
    try {
      await action();
      return true;
    } catch (e) {
      setError(errorMessage(e));
      errorBuzz();
      return false;
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, setError, run };
}
