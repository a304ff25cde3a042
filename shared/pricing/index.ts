// Public surface of the pricing module.
export * from './errors';
export * from './price-book';
export * from './discounts';
export * from './promotions';
export * from './cart';
export * from './approvals';
export * from './from-config';
export * from './order-totals';
