// Public surface of the replication protocol (see docs/SYNC-API.md for the HTTP contract).
export * from './version';
export * from './errors';
export * from './replication';
export * from './live-stream';
export * from './enrollment';
export * from './paths';
export * from './server-url';
