export * from './errors';
export * from './uuidv7';
export * from './order-number';
export * from './uuidv5';
export * from './pickup-code';
