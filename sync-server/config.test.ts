import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from './app';
import { loadConfig } from './config';
import { StartupError } from './startup-error';

describe('server configuration', () => {
  it('keeps the default limits when no capacity setting is given', () => {
    expect(loadConfig({}).limits).toBeUndefined();
  });

  it('reads the capacity settings a fleet rollout needs, keeping the other defaults', () => {
    const limits = loadConfig({ ENROLL_RATE_PER_MINUTE: '2000', MAX_STREAMS: '5000', MAX_CONNECTIONS: '6000' }).limits;
    expect(limits?.rate).toEqual({ ...DEFAULT_LIMITS.rate, enrollPerMinute: 2000 });
    expect(limits?.streams).toEqual({ ...DEFAULT_LIMITS.streams, total: 5000 });
    expect(limits?.http).toEqual({ ...DEFAULT_LIMITS.http, maxConnections: 6000 });
  });

  it('refuses a capacity setting that is not a whole number of at least 1, naming it', () => {
    for (const bad of ['0', '-5', '1.5', 'many', '1e3']) {
      expect(() => loadConfig({ MAX_STREAMS: bad })).toThrow(StartupError);
      expect(() => loadConfig({ MAX_STREAMS: bad })).toThrow(/MAX_STREAMS/);
    }
  });

  it('refuses a port outside 0–65535 and half a TLS setting', () => {
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/PORT/);
    expect(() => loadConfig({ HTTPS_CERT: '/nope.pem' })).toThrow(/HTTPS_CERT and HTTPS_KEY/);
  });
});
