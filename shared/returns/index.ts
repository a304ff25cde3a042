// Public surface of the returns module.
export * from './errors';
export * from './quantities';
export * from './refund';
export * from './policy';
export * from './from-documents';
export * from './audit';
export * from './returnable-view';
export * from './return-number';
export * from './customer-limit';
export * from './return-documents';
export * from './exchange-documents';
export * from './post-void';
export * from './refund-authorization';
