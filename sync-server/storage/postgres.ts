// PostgreSQL store, for chains that run several sync-server instances behind a load balancer.
import pg from 'pg';
import type { Storage } from './storage';
import { redactUrl } from '../startup-error';

export class PostgresStorage implements Storage {
  readonly kind = 'postgres' as const;
  readonly location: string;

  private constructor(
    readonly pool: pg.Pool,
    url: string,
  ) {
    this.location = redactUrl(url);
  }

  static async open(url: string): Promise<PostgresStorage> {
    const pool = new pg.Pool({ connectionString: url, max: 10, connectionTimeoutMillis: 5000 });
    // An idle client error must not crash the process; the next query reports it.
    pool.on('error', () => undefined);
    try {
      await pool.query('SELECT 1');
    } catch (error) {
      await pool.end().catch(() => undefined);
      throw error;
    }
    return new PostgresStorage(pool, url);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
