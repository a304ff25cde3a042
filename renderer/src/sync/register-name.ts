// Asks the sync server which name HQ gives this register (GET /api/me → registerName): a register
// learns a rename, and one enrolled before register names existed learns its name.
import { meResponseSchema } from '../../../shared/protocol/enrollment';
import { SYNC_PATHS } from '../../../shared/protocol/paths';
import type { SyncHttp } from './sync-http';

/** The register's name from HQ, or undefined when the server has none (or is too old to say). */
export async function fetchRegisterName(http: Pick<SyncHttp, 'json'>): Promise<string | undefined> {
  const parsed = meResponseSchema.safeParse(await http.json<unknown>('GET', SYNC_PATHS.me));
  return parsed.success ? parsed.data.registerName : undefined;
}
