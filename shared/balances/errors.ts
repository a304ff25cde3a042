// Codes of the store-credit and gift-card balance rules (shared by register, server and tests).
export const BalanceError = {
  BAD_CARD_NUMBER: 'BALANCE_BAD_CARD_NUMBER',
  UNKNOWN_CARD: 'BALANCE_UNKNOWN_CARD',
  CARD_BLOCKED: 'BALANCE_CARD_BLOCKED',
  CARD_EXPIRED: 'BALANCE_CARD_EXPIRED',
  CURRENCY_MISMATCH: 'BALANCE_CURRENCY_MISMATCH',
  INSUFFICIENT: 'BALANCE_INSUFFICIENT',
  OFFLINE_CAP: 'BALANCE_OFFLINE_CAP',
  /** This register already took as many gift cards offline this shift as the policy allows. */
  OFFLINE_TENDER_LIMIT: 'BALANCE_OFFLINE_TENDER_LIMIT',
  BAD_AMOUNT: 'BALANCE_BAD_AMOUNT',
  /** A server gift card key (HMAC or sealing key) that is too short or unreadable. */
  BAD_KEY: 'BALANCE_BAD_KEY',
  /** A sealed gift card number the server cannot open (another server's key, or altered). */
  BAD_SEAL: 'BALANCE_BAD_SEAL',
  /** The register is offline and holds no sealing key from the server yet. */
  NO_SEAL_KEY: 'BALANCE_NO_SEAL_KEY',
} as const;
