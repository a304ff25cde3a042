export const InventoryError = {
  INVALID_MOVEMENT: 'INVENTORY_INVALID_MOVEMENT',
  /** An availability question that is empty, too large or names something malformed. */
  BAD_AVAILABILITY_QUERY: 'INVENTORY_BAD_AVAILABILITY_QUERY',
  /** A ledger question without a store and SKU, or with a bad limit. */
  BAD_LEDGER_QUERY: 'INVENTORY_BAD_LEDGER_QUERY',
  UNKNOWN_STORE: 'INVENTORY_UNKNOWN_STORE',
} as const;
export type InventoryErrorCode = (typeof InventoryError)[keyof typeof InventoryError];
