import { describe, expect, it } from 'vitest';
import { isDomainError } from '../errors';
import { SettingsPatchSchema, SettingsSchema } from '../ipc/settings-schemas';
import { isLoopbackHost, parseServerUrl, serverUrlIssue, ServerUrlError } from './server-url';

const codeOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (error) {
    return isDomainError(error) ? error.code : 'not a DomainError';
  }
  return undefined;
};

describe('sync server address rule', () => {
  it('accepts https anywhere and plain http only to this machine', () => {
    for (const ok of [
      'https://pos.example.com',
      'https://192.168.1.10:8787',
      'http://127.0.0.1:8787',
      'http://127.1.2.3',
      'http://localhost:8787',
      'http://register.localhost',
      'http://[::1]:8787',
    ])
      expect(serverUrlIssue(ok), ok).toBeNull();
  });

  it('refuses plain http to another host with a coded sentence that says to use https', () => {
    for (const bad of [
      'http://192.168.1.10:8787',
      'http://pos.example.com',
      'http://127.0.0.1.evil.com',
      'http://[::2]',
    ]) {
      const issue = serverUrlIssue(bad);
      expect(issue?.code, bad).toBe(ServerUrlError.PLAIN_HTTP);
      expect(issue?.message).toContain('https://');
    }
    expect(isLoopbackHost('127.0.0.999')).toBe(false);
  });

  it('refuses what is not an http(s) address, or carries a password', () => {
    for (const bad of [
      '',
      'pos',
      'ftp://pos.example.com',
      'https://user:pw@pos.example.com',
      'javascript:alert(1)',
      'x'.repeat(5000),
    ])
      expect(serverUrlIssue(bad)?.code, bad.slice(0, 30)).toBe(ServerUrlError.INVALID);
  });

  it('at enrollment assumes https for a bare host name and refuses http over the network', () => {
    expect(parseServerUrl(' pos.example.com:8787/ ')).toBe('https://pos.example.com:8787');
    expect(parseServerUrl('localhost:8787')).toBe('http://localhost:8787');
    expect(parseServerUrl('https://pos.example.com/sync')).toBe('https://pos.example.com');
    expect(codeOf(() => parseServerUrl('http://10.0.0.5:8787'))).toBe(ServerUrlError.PLAIN_HTTP);
    expect(codeOf(() => parseServerUrl('ftp://x'))).toBe(ServerUrlError.INVALID);
  });

  it('in settings: a change to plain http over the network is refused; a stored one is dropped, the rest kept', () => {
    expect(SettingsPatchSchema.safeParse({ serverUrl: 'http://192.168.1.10:8787' }).success).toBe(false);
    expect(SettingsPatchSchema.safeParse({ serverUrl: 'https://192.168.1.10:8787' }).success).toBe(true);
    const stored = SettingsSchema.parse({ serverUrl: 'http://192.168.1.10:8787', receiptColumns: 42 });
    expect(stored.serverUrl).toBeNull();
    expect(stored.receiptColumns).toBe(42);
  });
});
