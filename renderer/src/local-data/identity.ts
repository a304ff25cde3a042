// Enrollment: exchange a one-time code for this register's device credential (POST /api/enroll,
// docs/SYNC-API.md) and keep it. In the browser build the credential lives in localStorage;
// the Electron build should move it to the OS keychain through the bridge (see the report).
import { DomainError } from '../../../shared/errors';
import type { Identity } from './types';

export const EnrollError = {
  BAD_SERVER_URL: 'ENROLL_BAD_SERVER_URL',
  CODE_INVALID: 'ENROLL_CODE_INVALID',
  SERVER_ERROR: 'ENROLL_SERVER_ERROR',
  UNREACHABLE: 'ENROLL_UNREACHABLE',
} as const;

const KEY = 'pos.identity';

export function loadIdentity(storage: Storage = localStorage): Identity | undefined {
  try {
    const parsed = JSON.parse(storage.getItem(KEY) ?? 'null') as Partial<Identity> | null;
    if (parsed && typeof parsed.serverUrl === 'string' && typeof parsed.deviceId === 'string' && typeof parsed.credential === 'string' && typeof parsed.storeId === 'string') {
      return parsed as Identity;
    }
  } catch {
    // A damaged entry means "not enrolled": the clerk enrolls again.
  }
  return undefined;
}

export function saveIdentity(identity: Identity, storage: Storage = localStorage): void {
  storage.setItem(KEY, JSON.stringify(identity));
}

export function normalizeServerUrl(input: string): string {
  let url: URL;
  try {
    url = new URL(/^https?:\/\//i.test(input) ? input : `http://${input}`);
  } catch {
    throw new DomainError(EnrollError.BAD_SERVER_URL, `"${input}" is not a server address. Type it like http://192.168.1.10:8787.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new DomainError(EnrollError.BAD_SERVER_URL, 'The server address must start with http:// or https://.');
  }
  return url.origin;
}

export async function enroll(serverInput: string, code: string, fetchImpl: typeof fetch = fetch): Promise<Identity> {
  const serverUrl = normalizeServerUrl(serverInput.trim());
  let response: Response;
  try {
    response = await fetchImpl(`${serverUrl}/api/enroll`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: code.trim().toUpperCase() }),
      signal: AbortSignal.timeout(15_000),
    });
  } catch {
    throw new DomainError(EnrollError.UNREACHABLE, `The sync server at ${serverUrl} could not be reached. Check the address and the network, then try again.`);
  }
  const body = (await response.json().catch(() => ({}))) as { deviceId?: string; credential?: string; storeId?: string; message?: string };
  if (response.status === 400) {
    throw new DomainError(EnrollError.CODE_INVALID, body.message ?? 'The enrollment code is unknown, used or expired. Ask a manager for a new code.');
  }
  if (!response.ok || !body.deviceId || !body.credential || !body.storeId) {
    throw new DomainError(EnrollError.SERVER_ERROR, body.message ?? `The server refused the enrollment (HTTP ${response.status}). Try again, or ask HQ.`);
  }
  return { serverUrl, deviceId: body.deviceId, credential: body.credential, storeId: body.storeId };
}
