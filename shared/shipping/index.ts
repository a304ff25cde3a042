export * from './carrier';
export * from './parcels';
export * from './simulator';
export * from './zpl';
