// A register keeps its documents across updates only if every change of a collection's stored
// shape comes with a higher version (define's `version`): RxDB then migrates the stored documents
// instead of refusing to open the database (DB6). schema-fingerprints.json records each
// collection's stored shape at its version; schema-versions.test.ts compares, and
// `npm run schema:fingerprints` refreshes the file once the versions are raised.
import { COLLECTION_NAMES, collections } from './collections';

export type Fingerprints = Record<string, { version: number; shape: string }>;

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** FNV-1a (64-bit) of the canonical JSON of a stored shape, its version and description left out. */
function shapeFingerprint(schema: Readonly<Record<string, unknown>>): string {
  const { version: _version, description: _description, ...shape } = schema;
  let hash = 0xcbf29ce484222325n;
  for (const byte of new TextEncoder().encode(canonical(shape))) {
    hash ^= BigInt(byte);
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return hash.toString(16).padStart(16, '0');
}

export function currentFingerprints(): Fingerprints {
  return Object.fromEntries(
    COLLECTION_NAMES.map((name) => {
      const schema = collections[name].rxSchema;
      return [name, { version: schema.version, shape: shapeFingerprint(schema as unknown as Record<string, unknown>) }];
    }),
  );
}

/** Collections whose stored shape changed since `recorded` without a higher version. */
export function unraisedVersions(recorded: Fingerprints, now: Fingerprints): string[] {
  return Object.keys(now).filter((name) => {
    const before = recorded[name];
    return before !== undefined && now[name]!.shape !== before.shape && now[name]!.version <= before.version;
  });
}
