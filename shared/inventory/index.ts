export * from './movement-types';
export * from './errors';
export * from './ledger';
export * from './documents';
export * from './transit';
export * from './geo';
export * from './availability';
export * from './receiving';
