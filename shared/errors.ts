// One error class for domain rules. Each module keeps its codes in an `as const` map; across IPC
// and HTTP an error travels as `{ code, message }` (see toErrorBody).
export class DomainError extends Error {
  override readonly name = 'DomainError';
  constructor(
    readonly code: string,
    message: string,
    readonly details?: Readonly<Record<string, unknown>>,
  ) {
    super(message);
  }
}

export interface ErrorBody {
  code: string;
  message: string;
  details?: Readonly<Record<string, unknown>>;
}

export function toErrorBody(error: unknown): ErrorBody {
  if (error instanceof DomainError) {
    return error.details
      ? { code: error.code, message: error.message, details: error.details }
      : { code: error.code, message: error.message };
  }
  return { code: 'INTERNAL', message: 'Something went wrong on our side; the action was not completed. Try again.' };
}

export function isDomainError(error: unknown, code?: string): error is DomainError {
  return error instanceof DomainError && (code === undefined || error.code === code);
}
