// Error codes the sync server answers with, and the HTTP status of each. Bodies are
// `{ code, message, details? }` (shared/errors ErrorBody); `message` is a sentence a person can act on.
import { z } from 'zod';

export const SyncErrorCode = {
  /** No or unknown credential: enroll the register again. */
  UNAUTHENTICATED: 'SYNC_UNAUTHENTICATED',
  /** The device was revoked at HQ. */
  CREDENTIAL_REVOKED: 'SYNC_CREDENTIAL_REVOKED',
  /** Wrong role for the endpoint, or a write outside the device's store or collections. */
  FORBIDDEN: 'SYNC_FORBIDDEN',
  /** Unknown, used or expired enrollment code (one answer for all three, so codes cannot be probed). */
  ENROLLMENT_CODE_INVALID: 'SYNC_ENROLLMENT_CODE_INVALID',
  DEVICE_NOT_FOUND: 'SYNC_DEVICE_NOT_FOUND',
  UNKNOWN_COLLECTION: 'SYNC_UNKNOWN_COLLECTION',
  /** Malformed envelope: not an array, missing newDocumentState, bad query parameter. */
  BAD_REQUEST: 'SYNC_BAD_REQUEST',
  INVALID_JSON: 'SYNC_INVALID_JSON',
  JSON_TOO_DEEP: 'SYNC_JSON_TOO_DEEP',
  BODY_TOO_LARGE: 'SYNC_BODY_TOO_LARGE',
  BATCH_TOO_LARGE: 'SYNC_BATCH_TOO_LARGE',
  UNSUPPORTED_MEDIA_TYPE: 'SYNC_UNSUPPORTED_MEDIA_TYPE',
  /** A document failed schema or domain validation; per document in a push, whole body elsewhere. */
  INVALID_DOCUMENT: 'SYNC_INVALID_DOCUMENT',
  NOT_FOUND: 'SYNC_NOT_FOUND',
  /** Per document in a push: a register may not tombstone this collection, and nobody creates a document already deleted. */
  DELETE_FORBIDDEN: 'SYNC_DELETE_FORBIDDEN',
  /** Per document: this writer may not create (or change) documents of the collection, or not this field or status move. */
  CHANGE_FORBIDDEN: 'SYNC_CHANGE_FORBIDDEN',
  /** Per document: a register's store credit or gift card credit has no return (or order) of its store that justifies it. */
  VALUE_NOT_JUSTIFIED: 'SYNC_VALUE_NOT_JUSTIFIED',
  /** Per document: a receipt-less return refunds more than the store policy's cap, or in another tender than store credit. */
  RECEIPTLESS_OVER_CAP: 'SYNC_RECEIPTLESS_OVER_CAP',
  /** Per document: the manager approval the policy asks for is not recorded, or the approver is not a manager of the store. */
  APPROVAL_MISSING: 'SYNC_APPROVAL_MISSING',
  /** Per document: refunds taken offline by this register went over the policy's offline refund cap. */
  OFFLINE_REFUND_CAP: 'SYNC_OFFLINE_REFUND_CAP',
  /** Per document: gift card spends taken offline (sealed card number) go over the policy's offline cap for one card on one sale. */
  GIFT_CARD_OFFLINE_CAP: 'SYNC_GIFT_CARD_OFFLINE_CAP',
  /** Per document: a gift card payment names a card whose ledger was deleted and that moved nowhere (no live card to book it on). */
  GIFT_CARD_RETIRED: 'SYNC_GIFT_CARD_RETIRED',
  /** Per document: a gift card spend taken offline names a number no card has (counted per register; an HQ alert). */
  GIFT_CARD_UNKNOWN: 'SYNC_GIFT_CARD_UNKNOWN',
  /** Per document: this register pushed too many offline spends naming no card; its offline gift card spends are refused (an HQ alert). */
  GIFT_CARD_DEVICE_BLOCKED: 'SYNC_GIFT_CARD_DEVICE_BLOCKED',
  /** Per document: a gift card spend taken offline was sealed under a server key retired longer ago than the grace period (an HQ alert). */
  GIFT_CARD_SEAL_KEY_EXPIRED: 'SYNC_GIFT_CARD_SEAL_KEY_EXPIRED',
  /** Text holds a character the database cannot store (NUL, a lone surrogate); whole request. */
  INVALID_CHARACTERS: 'SYNC_INVALID_CHARACTERS',
  /** A URL (path or query) longer than the server reads. */
  URL_TOO_LONG: 'SYNC_URL_TOO_LONG',
  /** Too many requests (enrollment, failed sign-ins, lookups) from this client; wait and retry. */
  RATE_LIMITED: 'SYNC_RATE_LIMITED',
  /** Too many live streams for this device or this server. */
  TOO_MANY_STREAMS: 'SYNC_TOO_MANY_STREAMS',
  /** The register speaks a protocol version this server does not: update the register. */
  PROTOCOL_VERSION_MISMATCH: 'SYNC_PROTOCOL_VERSION_MISMATCH',
  /** Storage unavailable (database down); the register retries with back-off. */
  UNAVAILABLE: 'SYNC_UNAVAILABLE',
  INTERNAL: 'INTERNAL',
} as const;
export type SyncErrorCode = (typeof SyncErrorCode)[keyof typeof SyncErrorCode];

export const SYNC_ERROR_HTTP_STATUS: { readonly [C in SyncErrorCode]: number } = {
  SYNC_UNAUTHENTICATED: 401,
  SYNC_CREDENTIAL_REVOKED: 401,
  SYNC_FORBIDDEN: 403,
  SYNC_ENROLLMENT_CODE_INVALID: 400,
  SYNC_DEVICE_NOT_FOUND: 404,
  SYNC_UNKNOWN_COLLECTION: 404,
  SYNC_BAD_REQUEST: 400,
  SYNC_INVALID_JSON: 400,
  SYNC_JSON_TOO_DEEP: 400,
  SYNC_BODY_TOO_LARGE: 413,
  SYNC_BATCH_TOO_LARGE: 400,
  SYNC_UNSUPPORTED_MEDIA_TYPE: 415,
  SYNC_INVALID_DOCUMENT: 422,
  SYNC_NOT_FOUND: 404,
  SYNC_DELETE_FORBIDDEN: 403,
  SYNC_CHANGE_FORBIDDEN: 403,
  SYNC_VALUE_NOT_JUSTIFIED: 422,
  SYNC_RECEIPTLESS_OVER_CAP: 422,
  SYNC_APPROVAL_MISSING: 422,
  SYNC_OFFLINE_REFUND_CAP: 422,
  SYNC_GIFT_CARD_OFFLINE_CAP: 422,
  SYNC_GIFT_CARD_RETIRED: 422,
  SYNC_GIFT_CARD_UNKNOWN: 422,
  SYNC_GIFT_CARD_DEVICE_BLOCKED: 403,
  SYNC_GIFT_CARD_SEAL_KEY_EXPIRED: 422,
  SYNC_INVALID_CHARACTERS: 400,
  SYNC_URL_TOO_LONG: 414,
  SYNC_RATE_LIMITED: 429,
  SYNC_TOO_MANY_STREAMS: 429,
  SYNC_PROTOCOL_VERSION_MISMATCH: 426,
  SYNC_UNAVAILABLE: 503,
  INTERNAL: 500,
};

/** Errors worth retrying with back-off; the rest need a person (enroll again, update, fix data). */
export const RETRYABLE_SYNC_ERRORS: ReadonlySet<string> = new Set([SyncErrorCode.UNAVAILABLE, SyncErrorCode.INTERNAL]);

export const errorBodySchema = z.object({
  code: z.string().min(1).max(100),
  message: z.string().max(2000),
  details: z.record(z.string(), z.unknown()).optional(),
});
export type SyncErrorBody = z.output<typeof errorBodySchema>;
