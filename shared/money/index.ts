// Public surface of the money module.
export * from './errors';
export * from './currency';
export * from './ratio';
export * from './rounding';
export * from './money';
export * from './allocate';
export * from './format';
