// Turns a shared/ domain rule that throws a DomainError (order and fulfillment status machines)
// into a RuleIssue naming the field a register can point at.
import { isDomainError } from '../errors';
import { OrderError } from '../orders/errors';
import { SyncErrorCode } from '../protocol/errors';
import type { RuleIssue } from './define';

const FIELD_OF_ORDER_ERROR: Readonly<Record<string, string>> = {
  [OrderError.CHANNEL_CHANGED]: 'channel',
  [OrderError.LINES_CHANGED]: 'lines',
  [OrderError.PICK_DECREASED]: 'lines',
  [OrderError.PICK_INCOMPLETE]: 'lines',
};

export function issueFromRule(rule: () => void): RuleIssue | null {
  try {
    rule();
    return null;
  } catch (error) {
    if (!isDomainError(error)) throw error;
    return {
      field: FIELD_OF_ORDER_ERROR[error.code] ?? 'status',
      message: error.message,
      code: SyncErrorCode.INVALID_DOCUMENT,
    };
  }
}
