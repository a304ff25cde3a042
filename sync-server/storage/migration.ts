// One schema step of the server's database, in both dialects. Its own module so that each part of
// the server (storage, HQ) can declare its steps and storage can collect them without an import cycle.
export interface Migration {
  version: number;
  name: string;
  sqlite: string;
  postgres: string;
}
