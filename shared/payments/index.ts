// Public surface of the payments module.
export * from './errors';
export * from './card';
export * from './gateway';
export * from './simulator';
export * from './offline';
export * from './tender';
export * from './refund-limits';
