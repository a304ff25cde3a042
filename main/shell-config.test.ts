import { describe, expect, it } from 'vitest';
import { loadShellConfig } from './shell-config';
import { APP_ENTRY_URL } from './protocol/app-protocol';

describe('shell config: start URL', () => {
  it('opens the POS entry by default', () => {
    const config = loadShellConfig('/app/out/main', {}, true);
    expect(config.startUrl).toBe(config.entryUrl);
    expect(config.entryUrl).toBe(APP_ENTRY_URL);
  });

  it('opens enrollment pre-filled when npm start hands over a server and a code', () => {
    const config = loadShellConfig(
      '/app/out/main',
      { POS_SERVER_URL: 'http://127.0.0.1:8787/', POS_ENROLLMENT_CODE: 'ABCD-EFGH-JKLM' },
      true,
    );
    expect(config.startUrl).toBe(
      `${APP_ENTRY_URL}#/enroll?server=${encodeURIComponent('http://127.0.0.1:8787')}&code=ABCD-EFGH-JKLM`,
    );
    expect(config.entryUrl).toBe(APP_ENTRY_URL);
  });

  it('ignores a server address that is not http(s)', () => {
    const config = loadShellConfig(
      '/app/out/main',
      { POS_SERVER_URL: 'javascript:alert(1)', POS_ENROLLMENT_CODE: 'X' },
      true,
    );
    expect(config.startUrl).toBe(config.entryUrl);
  });
});
