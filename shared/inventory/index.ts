export * from './movement-types';
export * from './errors';
export * from './ledger';
export * from './documents';
