// Public surface of the tax module.
export * from './errors';
export * from './rates';
export * from './compute';
export * from './returns';
export * from './from-config';
export * from './destination';
