// Error codes of the tax module.
export const TaxError = {
  INVALID_RATE: 'TAX_INVALID_RATE',
  UNKNOWN_JURISDICTION: 'TAX_UNKNOWN_JURISDICTION',
  NEGATIVE_BASE: 'TAX_NEGATIVE_BASE',
  INVALID_CONFIG: 'TAX_INVALID_CONFIG',
  INVALID_RETURN: 'TAX_INVALID_RETURN',
} as const;
export type TaxErrorCode = (typeof TaxError)[keyof typeof TaxError];
