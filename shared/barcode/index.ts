// Public surface of the barcode module.
export * from './errors';
export * from './gtin';
export * from './variable-measure';
export * from './classify';
