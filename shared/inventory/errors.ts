export const InventoryError = {
  INVALID_MOVEMENT: 'INVENTORY_INVALID_MOVEMENT',
  /** An availability question that is empty, too large or names something malformed. */
  BAD_AVAILABILITY_QUERY: 'INVENTORY_BAD_AVAILABILITY_QUERY',
  /** A ledger question without a store and SKU, or with a bad limit. */
  BAD_LEDGER_QUERY: 'INVENTORY_BAD_LEDGER_QUERY',
  UNKNOWN_STORE: 'INVENTORY_UNKNOWN_STORE',
  /** A purchase order / ASN (JSON or CSV) or a receipt that does not add up. */
  BAD_RECEIVING_DOCUMENT: 'INVENTORY_BAD_RECEIVING_DOCUMENT',
  /** The purchase order or ASN does not exist, or belongs to another store. */
  RECEIVING_NOT_FOUND: 'INVENTORY_RECEIVING_NOT_FOUND',
  /** The document was closed already (with a different count). */
  RECEIVING_CLOSED: 'INVENTORY_RECEIVING_CLOSED',
  /** A transfer request or step with bad lines or stores. */
  BAD_TRANSFER: 'INVENTORY_BAD_TRANSFER',
  /** A transfer step out of order (ship before approval, receive twice). */
  TRANSFER_STATE: 'INVENTORY_TRANSFER_STATE',
  TRANSFER_NOT_FOUND: 'INVENTORY_TRANSFER_NOT_FOUND',
  /** A count scan or count step that cannot be taken (bad quantity, recount outstanding). */
  BAD_COUNT: 'INVENTORY_BAD_COUNT',
  /** An adjustment with a bad reason or quantity. */
  BAD_ADJUSTMENT: 'INVENTORY_BAD_ADJUSTMENT',
  /** The step needs a manager's approval. */
  APPROVAL_REQUIRED: 'INVENTORY_APPROVAL_REQUIRED',
  /** A reorder point that is not a whole number of units, or names an unknown store. */
  BAD_REORDER_POINT: 'INVENTORY_BAD_REORDER_POINT',
  /** An acknowledgement of an alert the store does not have (any more). */
  ALERT_NOT_FOUND: 'INVENTORY_ALERT_NOT_FOUND',
} as const;
export type InventoryErrorCode = (typeof InventoryError)[keyof typeof InventoryError];
