// `npm run schema:fingerprints`: records each collection's stored shape at its version in
// shared/schemas/schema-fingerprints.json. Refuses while a changed shape keeps its old version,
// since a register would then fail to open its database after the update.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { currentFingerprints, unraisedVersions, type Fingerprints } from '../shared/schemas/schema-fingerprint';

const file = new URL('../shared/schemas/schema-fingerprints.json', import.meta.url);
const recorded = (existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {}) as Fingerprints;
const now = currentFingerprints();
const unraised = unraisedVersions(recorded, now);
if (unraised.length > 0) {
  console.error(`The stored shape of ${unraised.join(', ')} changed: raise its version in shared/schemas first.`);
  process.exit(1);
}
writeFileSync(file, `${JSON.stringify(now, null, 2)}\n`);
console.log(`Recorded ${Object.keys(now).length} collections.`);
