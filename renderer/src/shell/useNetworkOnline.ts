// The operating system's view of the network (online/offline events): a pulled cable shows as
// Offline at once, before any sync request times out. Replication's own view still decides
// whether the server is reachable; the bar is online only when both say so.
import { useEffect, useState } from 'react';

export function useNetworkOnline(): boolean {
  const [online, setOnline] = useState(() => (typeof navigator === 'undefined' ? true : navigator.onLine));
  useEffect(() => {
    const up = (): void => setOnline(true);
    const down = (): void => setOnline(false);
    window.addEventListener('online', up);
    window.addEventListener('offline', down);
    return () => {
      window.removeEventListener('online', up);
      window.removeEventListener('offline', down);
    };
  }, []);
  return online;
}
