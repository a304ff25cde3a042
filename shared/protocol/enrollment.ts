// Enrollment: HQ issues a one-time code for a store; a register exchanges it for a device
// credential. The store scope lives in the credential, never in a request body.
import { z } from 'zod';

export const ENROLLMENT_CODE_PATTERN = /^[A-Z0-9]{4}(?:-[A-Z0-9]{4}){2}$/;

export const createEnrollmentCodeRequestSchema = z.strictObject({
  /** Store code (S001) or store id. */
  storeId: z.string().min(1).max(64),
  ttlMinutes: z
    .number()
    .int()
    .min(1)
    .max(60 * 24 * 30)
    .optional(),
});
export type CreateEnrollmentCodeRequest = z.output<typeof createEnrollmentCodeRequestSchema>;

export const enrollmentCodeSchema = z.strictObject({
  code: z.string().regex(ENROLLMENT_CODE_PATTERN),
  storeId: z.string(),
  role: z.literal('register'),
  expiresAt: z.string(),
});
export type EnrollmentCode = z.output<typeof enrollmentCodeSchema>;

export const enrollRequestSchema = z.strictObject({
  code: z.string().min(1).max(32),
  /** Shown in HQ's device list, e.g. "Register 2". */
  name: z.string().min(1).max(100).optional(),
});
export type EnrollRequest = z.output<typeof enrollRequestSchema>;

export const enrollResponseSchema = z.strictObject({
  deviceId: z.string().min(1),
  /** 32 random bytes, base64url; sent as `Authorization: Bearer <credential>`. Kept in the OS keychain. */
  credential: z.string().min(20),
  storeId: z.string(),
  role: z.literal('register'),
  /** The register's name from HQ (S001-R01); absent from servers older than register names. */
  registerName: z.string().min(1).max(32).optional(),
});
export type EnrollResponse = z.output<typeof enrollResponseSchema>;

export const meResponseSchema = z.strictObject({
  deviceId: z.string(),
  storeId: z.string().nullable(),
  role: z.enum(['register', 'hq']),
  registerName: z.string().min(1).max(32).optional(),
});
export type MeResponse = z.output<typeof meResponseSchema>;
