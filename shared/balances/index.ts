// Store credit and gift card balances: tokens for card numbers and the ledger rules.
export * from './errors';
export * from './gift-card-number';
export * from './ledger';
export * from './gift-card-seal';
export * from './gift-card-api';
