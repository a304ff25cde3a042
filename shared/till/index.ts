// Public surface of the till module.
export * from './errors';
export * from './denominations';
export * from './shift';
export * from './reports';
