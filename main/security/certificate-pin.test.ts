// Certificate pinning against the fake electron session: the fingerprint seen when the register
// enrolls is recorded, later connections with another certificate are refused (also after a
// restart), other hosts keep Chromium's own verification.
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { session } from '../../test/support/main/fake-electron';
import { makeTempDir } from '../../test/support/temp-dir';
import { installCertificatePinning, openPinFile, VERIFY, type Pinning } from './certificate-pin';

const GOOD = 'sha256/AAAAgoodgoodgoodgoodgoodgoodgoodgoodgoodgood=';
const EVIL = 'sha256/BBBBevilevilevilevilevilevilevilevilevilevil=';
type Verify = (request: unknown, callback: (result: number) => void) => void;

function connect(host: string, fingerprint: string, verificationResult = 'net::OK'): number {
  const proc = session.defaultSession.certificateVerifyProc as unknown as Verify;
  let answer = Number.NaN;
  proc({ hostname: host, certificate: { fingerprint }, verificationResult, errorCode: 0 }, (r) => (answer = r));
  return answer;
}

describe('server certificate pinning', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let file: string;
  let serverUrl: string | null;
  const logged: string[] = [];
  const install = async (): Promise<Pinning> =>
    installCertificatePinning(session.defaultSession as never, {
      pins: await openPinFile(file, (m) => logged.push(m)),
      serverUrl: () => serverUrl,
      log: (m) => logged.push(m),
    });

  beforeEach(() => {
    dir = makeTempDir('pos-pins-');
    file = join(dir.path, 'certificate-pins.json');
    serverUrl = null;
    logged.length = 0;
  });
  afterEach(() => dir.remove());

  it('records the certificate seen at enrollment and refuses another one, also after a restart', async () => {
    const pinning = await install();
    // The enrollment request: verified by Chromium, nothing pinned yet.
    expect(connect('pos.example.com', GOOD)).toBe(VERIFY.USE_CHROMIUM);
    serverUrl = 'https://pos.example.com:8787';
    await pinning.serverEnrolled(serverUrl);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ 'pos.example.com': GOOD });
    expect(statSync(file).mode & 0o777).toBe(0o600);

    expect(connect('pos.example.com', GOOD)).toBe(VERIFY.USE_CHROMIUM);
    expect(connect('pos.example.com', EVIL)).toBe(VERIFY.REFUSE);
    expect(logged.some((m) => m.includes('not the one pinned'))).toBe(true);
    // Other hosts (the update feed) keep the normal verification.
    expect(connect('updates.example.com', EVIL)).toBe(VERIFY.USE_CHROMIUM);

    await install(); // a restart reads the pin back
    expect(connect('pos.example.com', EVIL)).toBe(VERIFY.REFUSE);
    expect(connect('pos.example.com', GOOD)).toBe(VERIFY.USE_CHROMIUM);
  });

  it('never pins a certificate Chromium did not verify, nor a plain-http server', async () => {
    const pinning = await install();
    expect(connect('pos.example.com', EVIL, 'net::ERR_CERT_AUTHORITY_INVALID')).toBe(VERIFY.USE_CHROMIUM);
    await pinning.serverEnrolled('https://pos.example.com');
    await pinning.serverEnrolled('http://127.0.0.1:8787');
    expect(() => statSync(file)).toThrow();
    expect(connect('pos.example.com', GOOD)).toBe(VERIFY.USE_CHROMIUM);
  });

  it('pins on the first verified connection when the register was enrolled before pinning existed', async () => {
    serverUrl = 'https://pos.example.com';
    await install();
    expect(connect('pos.example.com', GOOD)).toBe(VERIFY.USE_CHROMIUM);
    await new Promise((r) => setTimeout(r, 50)); // the pin is written in the background
    expect(connect('pos.example.com', EVIL)).toBe(VERIFY.REFUSE);
  });

  it('refuses the enrolled server when the pin file is damaged, rather than silently unpinning it', async () => {
    writeFileSync(file, '{ not json');
    serverUrl = 'https://pos.example.com';
    await install();
    expect(connect('pos.example.com', GOOD)).toBe(VERIFY.REFUSE);
    expect(connect('other.example.com', GOOD)).toBe(VERIFY.USE_CHROMIUM);
  });
});
