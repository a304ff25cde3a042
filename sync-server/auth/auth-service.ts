// Enrollment and authentication. The store and role of every request come from here, derived
// from the credential alone; nothing a client sends in a body can change them.
import { randomUUID } from 'node:crypto';
import { DomainError } from '../../shared/errors';
import { SyncError } from '../errors';
import { resolveStoreId } from './store-lookup';
import { checkRegisterName, insertNumberedDevice } from './register-names';
import { Role } from '../../shared/schemas/define';
import type { Storage } from '../storage/storage';
import { hashEnrollmentCode, newCredential, newEnrollmentCode, sameSecretHash, sha256 } from './tokens';

export type Principal =
  | { kind: 'hq'; deviceId: 'hq'; storeId: null; role: typeof Role.HQ }
  | { kind: 'device'; deviceId: string; storeId: string; role: typeof Role.REGISTER; registerName?: string };

export const HQ_PRINCIPAL: Principal = { kind: 'hq', deviceId: 'hq', storeId: null, role: Role.HQ };

const STORE_ID = /^[A-Za-z0-9_-]{1,64}$/;
const DEFAULT_TTL_MINUTES = 24 * 60;
const MAX_TTL_MINUTES = 30 * 24 * 60;

export interface EnrollmentCode {
  code: string;
  storeId: string;
  role: Role;
  expiresAt: string;
}

export interface Enrollment {
  deviceId: string;
  credential: string;
  storeId: string;
  role: Role;
  /** S001-R01: store code + register number, what receipts and reports print. */
  registerName: string;
}

const DEVICE_NAME_MAX_LENGTH = 80;

function deviceLabel(name: unknown, deviceId: string): string {
  if (name === undefined || name === null || (typeof name === 'string' && name.trim() === ''))
    return `Register ${deviceId.slice(0, 8)}`;
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (typeof name !== 'string' || name.trim().length > DEVICE_NAME_MAX_LENGTH || /[\u0000-\u001f\u007f]/.test(name)) {
    throw new DomainError(
      SyncError.BAD_REQUEST,
      `A register name is text of at most ${DEVICE_NAME_MAX_LENGTH} characters without control characters; shorten it and enroll again with the same code.`,
      { field: 'name' },
    );
  }
  return name.trim();
}

export class AuthService {
  constructor(
    private readonly storage: Storage,
    private readonly hqTokenHash: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** `storeRef` is a store code (S001) or a store id; the code is resolved here so every caller
   * (CLI, HTTP, `npm start`) enrolls to the store's id — the demo once enrolled to "S001" itself. */
  async createEnrollmentCode(storeRef: unknown, ttlMinutes: unknown = DEFAULT_TTL_MINUTES): Promise<EnrollmentCode> {
    if (typeof storeRef !== 'string' || !STORE_ID.test(storeRef)) {
      throw new DomainError(
        SyncError.BAD_REQUEST,
        'Give the store code (letters, digits, - or _), e.g. S001, or its id.',
        { field: 'storeId' },
      );
    }
    const ttl = ttlMinutes ?? DEFAULT_TTL_MINUTES;
    if (typeof ttl !== 'number' || !Number.isInteger(ttl) || ttl < 1 || ttl > MAX_TTL_MINUTES) {
      throw new DomainError(SyncError.BAD_REQUEST, `ttlMinutes must be a whole number from 1 to ${MAX_TTL_MINUTES}.`, {
        field: 'ttlMinutes',
      });
    }
    const storeId = await resolveStoreId(this.storage, storeRef);
    const code = newEnrollmentCode();
    const created = this.now();
    const expiresAt = new Date(created.getTime() + ttl * 60_000).toISOString();
    await this.storage.insertEnrollmentCode({
      codeHash: hashEnrollmentCode(code),
      storeId,
      role: Role.REGISTER,
      createdAt: created.toISOString(),
      expiresAt,
    });
    return { code, storeId, role: Role.REGISTER, expiresAt };
  }

  async enroll(code: unknown, name: unknown): Promise<Enrollment> {
    const invalid = new DomainError(
      SyncError.ENROLLMENT_CODE_INVALID,
      'This enrollment code is unknown, already used or expired: ask head office for a new one.',
    );
    if (typeof code !== 'string' || code.length > 64) throw invalid;
    // Everything that can fail is checked before the one-time code is used up.
    const deviceId = randomUUID();
    const label = deviceLabel(name, deviceId);
    const codeHash = hashEnrollmentCode(code);
    const row = await this.storage.consumeEnrollmentCode(codeHash, this.now().toISOString());
    if (!row) throw invalid;
    const credential = newCredential();
    try {
      const device = await insertNumberedDevice(this.storage, {
        id: deviceId,
        storeId: row.storeId,
        role: row.role,
        name: label,
        credentialHash: sha256(credential),
        createdAt: this.now().toISOString(),
        revokedAt: null,
      });
      return { deviceId, credential, storeId: row.storeId, role: Role.REGISTER, registerName: device.registerName! };
    } catch (error) {
      // The register got no credential, so it must be able to try the same code again.
      await this.storage.releaseEnrollmentCode(codeHash);
      throw error;
    }
  }

  /** Resolves an Authorization header to a principal, or throws a 401 DomainError. */
  async authenticate(header: string | undefined): Promise<Principal> {
    const token = /^Bearer ([A-Za-z0-9._~+/=-]{8,200})$/.exec(header?.trim() ?? '')?.[1];
    if (!token) {
      throw new DomainError(
        SyncError.UNAUTHENTICATED,
        'Send the device credential as "Authorization: Bearer <credential>"; enroll the register first if it has none.',
      );
    }
    const hash = sha256(token);
    if (sameSecretHash(hash, this.hqTokenHash)) return HQ_PRINCIPAL;
    const device = await this.storage.findDeviceByCredentialHash(hash);
    if (!device) {
      throw new DomainError(
        SyncError.UNAUTHENTICATED,
        'This credential is not known to the server: enroll the register again with a new code.',
      );
    }
    if (device.revokedAt) {
      throw new DomainError(
        SyncError.CREDENTIAL_REVOKED,
        'This register was disconnected by head office: ask for a new enrollment code.',
      );
    }
    return {
      kind: 'device',
      deviceId: device.id,
      storeId: device.storeId,
      role: Role.REGISTER,
      ...(device.registerName ? { registerName: device.registerName } : {}),
    };
  }

  async renameRegister(deviceId: string, name: unknown): Promise<string> {
    const registerName = checkRegisterName(name);
    if (!(await this.storage.renameRegister(deviceId, registerName))) {
      throw new DomainError(
        SyncError.DEVICE_NOT_FOUND,
        `No device with id ${deviceId}: check the id in the device list (GET /api/hq/devices).`,
      );
    }
    return registerName;
  }

  async revoke(deviceId: string): Promise<void> {
    if (!(await this.storage.revokeDevice(deviceId, this.now().toISOString()))) {
      throw new DomainError(
        SyncError.DEVICE_NOT_FOUND,
        `No active device with id ${deviceId}: check the id in the device list.`,
      );
    }
  }
}
