// Turns any thrown value into a sentence for the clerk. Domain errors already carry one; anything
// else (a bug, a storage failure) gets a message that says what to try.
import { isDomainError } from '../../../shared/errors';

export function errorMessage(error: unknown): string {
  if (isDomainError(error)) return error.message;
  if (error instanceof TypeError && /fetch/i.test(error.message)) {
    return 'The sync server could not be reached. Check the address and the network cable or Wi-Fi, then try again.';
  }
  console.error(error);
  return 'Something went wrong and the action was not completed. Try again; if it keeps happening, restart the register.';
}
