// Error codes of the till module.
export const TillError = {
  NO_DENOMINATIONS: 'TILL_NO_DENOMINATIONS',
  UNKNOWN_DENOMINATION: 'TILL_UNKNOWN_DENOMINATION',
  INVALID_COUNT: 'TILL_INVALID_COUNT',
  INVALID_AMOUNT: 'TILL_INVALID_AMOUNT',
  CURRENCY_MISMATCH: 'TILL_CURRENCY_MISMATCH',
} as const;
export type TillErrorCode = (typeof TillError)[keyof typeof TillError];
