// The one interface the server talks to; SQLite (embedded default) and PostgreSQL implement it.
export interface Storage {
  readonly kind: 'sqlite' | 'postgres';
  /** Where the data lives, for /health and logs (never includes a password). */
  readonly location: string;
  close(): Promise<void>;
}
