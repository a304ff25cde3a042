// The HQ console's error codes and their HTTP statuses (answered by the console routes' own
// error handler; other codes fall through to the server's).
export const HqError = {
  NOT_SIGNED_IN: 'HQ_NOT_SIGNED_IN',
  BAD_CREDENTIALS: 'HQ_BAD_CREDENTIALS',
  FORBIDDEN: 'HQ_FORBIDDEN',
  CSRF: 'HQ_CSRF_REFUSED',
  RATE_LIMITED: 'HQ_RATE_LIMITED',
  INVALID_INPUT: 'HQ_INVALID_INPUT',
  NOT_FOUND: 'HQ_NOT_FOUND',
  CONFLICT: 'HQ_CONFLICT',
  IMPORT_FAILED: 'HQ_IMPORT_FAILED',
  /** An appeasement above the caller's role limit: someone with a higher role must give it. */
  OVER_LIMIT: 'HQ_OVER_LIMIT',
  /** A line to cancel was already handed over or shipped: it can only be returned. */
  LINE_FULFILLED: 'HQ_LINE_FULFILLED',
  /** A return authorisation already honoured by a returns desk: it is not used twice. */
  RA_USED: 'HQ_RA_USED',
  /** The payment gateway refused or does not know the payment. */
  PAYMENT_FAILED: 'HQ_PAYMENT_FAILED',
} as const;
export type HqErrorCode = (typeof HqError)[keyof typeof HqError];

export const HQ_ERROR_STATUS: { readonly [C in HqErrorCode]: number } = {
  HQ_NOT_SIGNED_IN: 401,
  HQ_BAD_CREDENTIALS: 401,
  HQ_FORBIDDEN: 403,
  HQ_CSRF_REFUSED: 403,
  HQ_RATE_LIMITED: 429,
  HQ_INVALID_INPUT: 400,
  HQ_NOT_FOUND: 404,
  HQ_CONFLICT: 409,
  HQ_IMPORT_FAILED: 422,
  HQ_OVER_LIMIT: 403,
  HQ_PAYMENT_FAILED: 402,
  HQ_LINE_FULFILLED: 409,
  HQ_RA_USED: 409,
};
