export * from './errors';
export * from './pin-rules';
export * from './pin-hash';
export * from './lockout';
export * from './roles';
