// The order of the steps a new register walks through before a clerk can sell.
import { describe, expect, it } from 'vitest';
import { gateRedirect } from './gate';

const ready = { enrolled: true, initialSyncDone: true, signedIn: true, tillOpen: true };

describe('gate', () => {
  it('walks enroll → initial sync → sign in → till, in that order', () => {
    expect(gateRedirect({ ...ready, path: '/sell', enrolled: false, initialSyncDone: false })).toBe('/enroll');
    expect(gateRedirect({ ...ready, path: '/sell', initialSyncDone: false })).toBe('/setup');
    expect(gateRedirect({ ...ready, path: '/sell', signedIn: false })).toBe('/sign-in');
    expect(gateRedirect({ ...ready, path: '/pay', tillOpen: false })).toBe('/till');
  });

  it('leaves a clerk where they are when the step is done, and never loops on the target', () => {
    expect(gateRedirect({ ...ready, path: '/sell' })).toBeUndefined();
    expect(gateRedirect({ ...ready, path: '/enroll', enrolled: false })).toBeUndefined();
    expect(gateRedirect({ ...ready, path: '/sync', tillOpen: false })).toBeUndefined();
    expect(gateRedirect({ ...ready, path: '/sign-in' })).toBe('/sell');
    expect(gateRedirect({ ...ready, path: '/customer-display', enrolled: false })).toBeUndefined();
  });
});
