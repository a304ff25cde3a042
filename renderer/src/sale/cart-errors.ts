// Error codes of the register's cart; messages tell the clerk what to do next.
export const CartError = {
  NO_LINE_SELECTED: 'CART_NO_LINE_SELECTED',
  INVALID_QUANTITY: 'CART_INVALID_QUANTITY',
  INVALID_WEIGHT: 'CART_INVALID_WEIGHT',
  INVALID_DISCOUNT: 'CART_INVALID_DISCOUNT',
  INVALID_PRICE: 'CART_INVALID_PRICE',
  EMPTY_SALE: 'CART_EMPTY_SALE',
  NOT_WEIGHED: 'CART_NOT_WEIGHED',
  NOTHING_SUSPENDED: 'CART_NOTHING_SUSPENDED',
  SALE_IN_PROGRESS: 'CART_SALE_IN_PROGRESS',
} as const;
export type CartErrorCode = (typeof CartError)[keyof typeof CartError];
