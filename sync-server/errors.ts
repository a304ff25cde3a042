// The sync server's error codes and their HTTP statuses are part of the protocol
// (shared/protocol/errors.ts); this module only gives them the names the server code uses.
export {
  SyncErrorCode as SyncError,
  SYNC_ERROR_HTTP_STATUS as httpStatusOf,
  type SyncErrorCode,
} from '../shared/protocol/errors';
