// The desk's port, made once per window: the register's database and identity, the live card
// gateway, and the sync status the status bar shows.
import { useMemo } from 'react';
import { useBackend } from '../model/backend-context';
import { newId } from '../model/ids';
import { returnsDb } from '../local-data/returns-db';
import { createReturnsService } from '../local-data/returns-service';
import { useSyncStatus } from '../session/sync-status-store';
import type { ReturnsPort } from './returns-port';

let port: ReturnsPort | undefined;

export function useReturnsPort(): ReturnsPort {
  const backend = useBackend();
  return useMemo(() => {
    port ??= createReturnsService({
      db: returnsDb,
      registerId: () => backend.identity()?.registerId,
      codes: () => {
        const id = backend.identity();
        return id ? { storeCode: id.storeCode, registerCode: id.registerCode } : undefined;
      },
      sync: () => {
        const s = useSyncStatus.getState();
        return { online: s.online, waiting: s.waiting, lastSyncAt: s.lastSyncAt };
      },
      newId,
    });
    return port;
  }, [backend]);
}
