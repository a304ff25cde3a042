// Enrollment: exchange a one-time code for this register's device credential (the sync client's
// enrollRegister, POST /api/enroll) and keep it. In the browser build the credential lives in localStorage;
// the Electron build should move it to the OS keychain through the bridge (see the report).
import { DomainError } from '../../../shared/errors';
import { enrollRegister } from '../sync/enroll';
import type { Identity } from './types';

export const EnrollError = {
  BAD_SERVER_URL: 'ENROLL_BAD_SERVER_URL',
  CODE_INVALID: 'ENROLL_CODE_INVALID',
} as const;

const KEY = 'pos.identity';

/** The stored identity; `registerName` (S001-R01, from HQ) is absent for registers enrolled before names existed. */
export type NamedIdentity = Identity & { registerName?: string };

export function loadIdentity(storage: Storage = localStorage): NamedIdentity | undefined {
  try {
    const parsed = JSON.parse(storage.getItem(KEY) ?? 'null') as Partial<Identity> | null;
    if (
      parsed &&
      typeof parsed.serverUrl === 'string' &&
      typeof parsed.deviceId === 'string' &&
      typeof parsed.credential === 'string' &&
      typeof parsed.storeId === 'string'
    ) {
      return parsed as NamedIdentity;
    }
  } catch {
    // A damaged entry means "not enrolled": the clerk enrolls again.
  }
  return undefined;
}

export function saveIdentity(identity: NamedIdentity, storage: Storage = localStorage): void {
  storage.setItem(KEY, JSON.stringify(identity));
}

export function normalizeServerUrl(input: string): string {
  let url: URL;
  try {
    url = new URL(/^https?:\/\//i.test(input) ? input : `http://${input}`);
  } catch {
    throw new DomainError(
      EnrollError.BAD_SERVER_URL,
      `"${input}" is not a server address. Type it like http://192.168.1.10:8787.`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new DomainError(EnrollError.BAD_SERVER_URL, 'The server address must start with http:// or https://.');
  }
  return url.origin;
}

export async function enroll(serverInput: string, code: string): Promise<NamedIdentity> {
  const serverUrl = normalizeServerUrl(serverInput.trim());
  if (code.trim() === '')
    throw new DomainError(EnrollError.CODE_INVALID, 'Enter the enrollment code a manager created for this register.');
  const answer = await enrollRegister(serverUrl, code.trim().toUpperCase());
  return {
    serverUrl,
    deviceId: answer.deviceId,
    credential: answer.credential,
    storeId: answer.storeId,
    ...(answer.registerName ? { registerName: answer.registerName } : {}),
  };
}

/** Keeps the register name HQ gives now (after a rename, or for a register enrolled before names). */
export function rememberRegisterName(registerName: string, storage: Storage = localStorage): NamedIdentity | undefined {
  const identity = loadIdentity(storage);
  if (!identity || identity.registerName === registerName) return identity;
  const named = { ...identity, registerName };
  saveIdentity(named, storage);
  return named;
}
