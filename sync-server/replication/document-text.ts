// The text rules of shared/schemas/text-rules applied to a pushed document, as a per-document issue.
import { findTextProblem } from '../../shared/schemas/text-rules';
import { SyncError } from '../errors';
import type { DocumentIssue } from './policy';

export function documentTextIssue(doc: Record<string, unknown>): DocumentIssue | null {
  const finding = findTextProblem(doc);
  if (!finding) return null;
  const field = finding.path.join('.');
  if (finding.problem === 'unstorable') {
    return {
      field,
      message: `"${field}" holds a character that cannot be stored (NUL or a broken surrogate); remove it.`,
      code: SyncError.INVALID_CHARACTERS,
    };
  }
  return {
    field,
    message: `"${field}" looks like a card number. Remove it: card numbers are never stored, only a gateway token and the last four digits.`,
  };
}
