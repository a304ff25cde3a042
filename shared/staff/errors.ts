export const StaffError = {
  PIN_FORMAT: 'STAFF_PIN_FORMAT',
  PIN_TOO_WEAK: 'STAFF_PIN_TOO_WEAK',
  NO_CRYPTO: 'STAFF_NO_CRYPTO',
  BAD_HASH_RECORD: 'STAFF_BAD_HASH_RECORD',
  LOCKED_OUT: 'STAFF_LOCKED_OUT',
  INVALID_POLICY: 'STAFF_INVALID_POLICY',
} as const;
export type StaffErrorCode = (typeof StaffError)[keyof typeof StaffError];
