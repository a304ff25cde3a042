import { describe, expect, it } from 'vitest';
import { corsOriginsFrom } from './cors';

describe('CORS origins', () => {
  it('allows the Electron app and loopback dev servers by default, nothing else', () => {
    const allowed = corsOriginsFrom(undefined);
    expect(allowed('app://pos')).toBe(true);
    expect(allowed('http://localhost:5173')).toBe(true);
    expect(allowed('http://127.0.0.1')).toBe(true);
    expect(allowed('https://evil.example')).toBe(false);
    expect(allowed('http://localhost.evil.example')).toBe(false);
  });

  it('adds listed origins, or everything with *', () => {
    expect(corsOriginsFrom('https://pos.example.com, https://hq.example.com')('https://hq.example.com')).toBe(true);
    expect(corsOriginsFrom('*')('https://anything.example')).toBe(true);
  });
});
