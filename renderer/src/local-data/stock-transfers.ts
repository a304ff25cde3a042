// Transfers for the register: this store's outgoing and incoming ones and their steps, over the
// sync server's transfer API (the documents live on the server; their stock effect replicates as
// movements).
import type { TransferLine } from '../../../shared/inventory/transit';
import type { Transfer } from '../../../shared/inventory/transfers';
import { SyncHttp } from '../sync/sync-http';
import type { Identity } from './types';
import { loadIdentity } from './identity';

const API = '/api/inventory/transfers';

/** The transfer source of this register, once it is enrolled. */
export function registerTransferSource(identity: Identity | undefined = loadIdentity()): TransferSource | undefined {
  return identity ? new TransferSource(identity) : undefined;
}

export class TransferSource {
  private readonly http: SyncHttp;

  constructor(readonly identity: Identity) {
    this.http = new SyncHttp({ baseUrl: identity.serverUrl, credential: identity.credential, timeoutMs: 10_000 });
  }

  list(): Promise<{ outgoing: Transfer[]; incoming: Transfer[] }> {
    return this.http.json('GET', API);
  }

  step(id: string, step: 'approve' | 'ship' | 'receive', lines?: TransferLine[]): Promise<Transfer> {
    return this.http.json('POST', `${API}/${encodeURIComponent(id)}/${step}`, lines ? { lines } : {});
  }
}
