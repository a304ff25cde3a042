// Enrollment: exchange a one-time code for this register's device credential (the sync client's
// enrollRegister, POST /api/enroll) and keep it. In the browser build the credential lives in localStorage;
// the Electron build should move it to the OS keychain through the bridge (see the report).
import { DomainError } from '../../../shared/errors';
import { parseServerUrl } from '../../../shared/protocol/server-url';
import { enrollRegister } from '../sync/enroll';
import type { Identity } from './types';

export const EnrollError = {
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

/** The server origin to enroll with; plain http only to this machine (shared/protocol/server-url). */
export function normalizeServerUrl(input: string): string {
  return parseServerUrl(input);
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
