export const RoutingError = {
  INVALID_REQUEST: 'ROUTING_INVALID_REQUEST',
} as const;
export type RoutingErrorCode = (typeof RoutingError)[keyof typeof RoutingError];
