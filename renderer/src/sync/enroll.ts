// First start of a register: exchange the one-time code from head office for the device
// credential. The caller keeps the credential in the OS keychain (main process), never in
// IndexedDB or localStorage.
import { DomainError } from '../../../shared/errors';
import { enrollResponseSchema, type EnrollResponse } from '../../../shared/protocol/enrollment';
import { SYNC_PATHS } from '../../../shared/protocol/paths';
import { serverUrlIssue } from '../../../shared/protocol/server-url';
import { PROTOCOL_VERSION, PROTOCOL_VERSION_HEADER } from '../../../shared/protocol/version';
import { SyncClientError, type FetchLike } from './sync-http';

export async function enrollRegister(
  serverUrl: string,
  code: string,
  name?: string,
  fetchImpl: FetchLike = (i, o) => fetch(i, o),
): Promise<EnrollResponse> {
  // Never send an enrollment code (and receive a credential) in cleartext over the network.
  const issue = serverUrlIssue(serverUrl);
  if (issue) throw new DomainError(issue.code, issue.message);
  let response: Response;
  try {
    response = await fetchImpl(`${serverUrl.replace(/\/+$/, '')}${SYNC_PATHS.enroll}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [PROTOCOL_VERSION_HEADER]: String(PROTOCOL_VERSION) },
      body: JSON.stringify(name ? { code, name } : { code }),
      signal: AbortSignal.timeout(15_000),
    });
  } catch {
    throw new DomainError(
      SyncClientError.OFFLINE,
      `The sync server at ${serverUrl} cannot be reached: check the address and the network, then try again.`,
    );
  }
  const body = (await response.json().catch(() => ({}))) as { code?: unknown; message?: unknown };
  if (!response.ok) {
    throw new DomainError(
      typeof body.code === 'string' ? body.code : SyncClientError.BAD_RESPONSE,
      typeof body.message === 'string'
        ? body.message
        : `Enrollment failed (${response.status}); ask head office for a new code.`,
    );
  }
  const parsed = enrollResponseSchema.safeParse(body);
  if (!parsed.success)
    throw new DomainError(
      SyncClientError.BAD_RESPONSE,
      'The sync server sent an unexpected enrollment answer; check the server address.',
    );
  return parsed.data;
}
