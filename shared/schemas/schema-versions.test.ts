import { describe, expect, it } from 'vitest';
import { COLLECTION_NAMES } from './collections';
import { currentFingerprints, unraisedVersions, type Fingerprints } from './schema-fingerprint';
import recorded from './schema-fingerprints.json';

describe('stored schema versions', () => {
  const now = currentFingerprints();

  it('every collection whose stored shape changed carries a higher version', () => {
    expect(
      unraisedVersions(recorded as Fingerprints, now),
      "raise these collections' `version` in shared/schemas (their stored shape changed)",
    ).toEqual([]);
  });

  it.each(COLLECTION_NAMES.map((name) => [name]))('%s: the recorded fingerprint is current', (name) => {
    expect(now[name], 'run `npm run schema:fingerprints` after raising the version').toEqual(
      (recorded as Fingerprints)[name],
    );
  });

  it('finds a changed shape whose version was not raised', () => {
    const before: Fingerprints = { products: { version: 1, shape: 'aaaa' }, staff: { version: 0, shape: 'bbbb' } };
    const after: Fingerprints = { products: { version: 1, shape: 'cccc' }, staff: { version: 1, shape: 'dddd' } };
    expect(unraisedVersions(before, after)).toEqual(['products']);
  });
});
