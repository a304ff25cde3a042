// Opens the storage the configuration names.
import type { StorageConfig } from '../config';
import type { Storage } from './storage';
import { SqliteStorage } from './sqlite';
import { PostgresStorage } from './postgres';

export async function openStorage(config: StorageConfig): Promise<Storage> {
  return config.kind === 'sqlite' ? SqliteStorage.open(config.dataDir) : PostgresStorage.open(config.url);
}
