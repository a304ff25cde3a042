export * from './errors';
export * from './uuidv7';
export * from './order-number';
