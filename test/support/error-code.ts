// For tests: the code of the DomainError a call throws, or undefined when it does not throw.
// Any other error is re-thrown, so a crash never passes for a refusal.
import { isDomainError } from '../../shared/errors';

export function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    if (isDomainError(error)) return error.code;
    throw error;
  }
  return undefined;
}
