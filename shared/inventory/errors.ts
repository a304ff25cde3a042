export const InventoryError = {
  INVALID_MOVEMENT: 'INVENTORY_INVALID_MOVEMENT',
} as const;
