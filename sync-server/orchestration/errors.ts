// Orchestration's error codes (HTTP answers of the order API) and the exception reasons an order
// can be parked with. Documented in docs/ORDERS-API.md.

export const OrdersError = {
  UNAUTHENTICATED: 'ORDERS_UNAUTHENTICATED',
  FORBIDDEN: 'ORDERS_FORBIDDEN',
  INVALID_PAYLOAD: 'ORDERS_INVALID_PAYLOAD',
  IDEMPOTENCY_KEY_REUSED: 'ORDERS_IDEMPOTENCY_KEY_REUSED',
  IN_PROGRESS: 'ORDERS_IN_PROGRESS',
  NOT_FOUND: 'ORDERS_NOT_FOUND',
  BAD_SIGNATURE: 'ORDERS_BAD_SIGNATURE',
  EXCEPTION_CLOSED: 'ORDERS_EXCEPTION_CLOSED',
  /** The order was kept in the exceptions queue; the body names the reason. */
  ORDER_EXCEPTION: 'ORDERS_ORDER_EXCEPTION',
  PAYMENT_DECLINED: 'ORDERS_PAYMENT_DECLINED',
} as const;
export type OrdersErrorCode = (typeof OrdersError)[keyof typeof OrdersError];

export const ORDERS_HTTP_STATUS: Readonly<Record<OrdersErrorCode, number>> = {
  ORDERS_UNAUTHENTICATED: 401,
  ORDERS_FORBIDDEN: 403,
  ORDERS_INVALID_PAYLOAD: 400,
  ORDERS_IDEMPOTENCY_KEY_REUSED: 409,
  ORDERS_IN_PROGRESS: 409,
  ORDERS_NOT_FOUND: 404,
  ORDERS_BAD_SIGNATURE: 401,
  ORDERS_EXCEPTION_CLOSED: 409,
  ORDERS_ORDER_EXCEPTION: 422,
  ORDERS_PAYMENT_DECLINED: 402,
};

export const ExceptionReason = {
  UNKNOWN_SKU: 'unknown_sku',
  PRICE_MISMATCH: 'price_mismatch',
  NO_SHIPPING_ADDRESS: 'no_shipping_address',
  PAYMENT_DECLINED: 'payment_declined',
  PICKUP_STORE_UNAVAILABLE: 'pickup_store_unavailable',
  NO_ROUTE: 'no_route',
  REROUTE_LIMIT: 'reroute_limit',
  INVALID_ORDER: 'invalid_order',
  /** No published tax rules cover the delivery address (shared/tax destinationJurisdiction). */
  NO_TAX_RULES: 'no_tax_rules',
} as const;
export type ExceptionReason = (typeof ExceptionReason)[keyof typeof ExceptionReason];
