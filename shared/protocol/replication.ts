// The replication messages, shaped for RxDB's replicateRxCollection with custom HTTP handlers.
// Checkpoints are server-assigned sequence numbers, never clocks. Document contents are checked
// per collection by shared/schemas; here only the envelope is.
import { z } from 'zod';

/** A document as replicated: its schema fields plus RxDB's deletion flag. */
export type ReplicatedState<D> = D & { _deleted: boolean };

export const checkpointSchema = z.strictObject({ seq: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER) });
export type Checkpoint = z.output<typeof checkpointSchema>;

export const PULL_DEFAULT_LIMIT = 200;
export const PULL_MAX_LIMIT = 1000;
export const PUSH_MAX_ROWS = 1000;

/** Query of `GET /sync/:collection/pull?seq=&limit=` (strings on the wire, numbers here). */
export const pullQuerySchema = z.strictObject({
  seq: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(0),
  limit: z.coerce.number().int().min(1).max(PULL_MAX_LIMIT).default(PULL_DEFAULT_LIMIT),
});
export type PullQuery = z.output<typeof pullQuerySchema>;

const stateObject = z
  .record(z.string(), z.unknown())
  .refine((o) => typeof o['_deleted'] === 'boolean' && typeof o['id'] === 'string', {
    message: 'A replicated document needs a string "id" and a boolean "_deleted".',
  });

/**
 * Pull answer. `checkpoint` is the seq of the last document returned, or the request's seq when
 * nothing is new, so RxDB stops pulling.
 */
export interface PullResponse<D = Record<string, unknown>> {
  documents: ReplicatedState<D>[];
  checkpoint: Checkpoint;
}
export const pullResponseSchema = z.strictObject({ documents: z.array(stateObject), checkpoint: checkpointSchema });

/**
 * One push row. A document new to the register has no `assumedMasterState` key at all; an update
 * carries the master state the register last saw.
 */
export interface PushRow<D = Record<string, unknown>> {
  assumedMasterState?: ReplicatedState<D>;
  newDocumentState: ReplicatedState<D>;
}
export const pushRowSchema = z.strictObject({
  assumedMasterState: stateObject.optional(),
  newDocumentState: stateObject,
});
export const pushBodySchema = z.array(pushRowSchema).max(PUSH_MAX_ROWS);

/** A document the server refused on validation; it is not stored and not retried automatically. */
export const rejectedDocumentSchema = z.strictObject({
  id: z.string(),
  code: z.string(),
  message: z.string(),
  /** Dotted path of the offending field, '' when the document as a whole is wrong. */
  field: z.string(),
});
export type RejectedDocument = z.output<typeof rejectedDocumentSchema>;

/**
 * Push answer. `conflicts` are the real master states, exactly what RxDB's push handler must
 * return; `rejected` lists documents refused by validation (the rest of the batch was stored).
 */
export interface PushResponse<D = Record<string, unknown>> {
  conflicts: ReplicatedState<D>[];
  rejected: RejectedDocument[];
}
export const pushResponseSchema = z.strictObject({
  conflicts: z.array(stateObject),
  rejected: z.array(rejectedDocumentSchema),
});

/** What RxDB's `pull.stream$` accepts: a batch, or 'RESYNC' to make it run a checkpoint pull. */
export type RxPullStreamEvent<D = Record<string, unknown>> = PullResponse<D> | 'RESYNC';
