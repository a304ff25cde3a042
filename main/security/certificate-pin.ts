// Pins the sync server's TLS certificate at enrollment. A hostile network with a certificate some
// trusted CA was tricked into issuing (or a CA the store PC was made to trust) could otherwise read
// the device credential and every sale. The first connection to the server is verified the normal
// way (Chromium's chain and name checks); its fingerprint is recorded when the register enrolls
// with that server, and from then on a connection to that host with any other certificate is
// refused. A server that changes its certificate needs the pin file removed (see docs/SECURITY.md).
import { chmod, readFile, rename, writeFile } from 'node:fs/promises';
import type { Session } from 'electron';

/** Chromium's answers to a verify proc: accept, refuse, or use its own verification. */
export const VERIFY = { ACCEPT: 0, REFUSE: -2, USE_CHROMIUM: -3 } as const;

export type PinSession = Pick<Session, 'setCertificateVerifyProc'>;

/** Fingerprints ("sha256/…", as Electron reports them) by host name. */
export interface CertificatePins {
  get(host: string): string | undefined;
  set(host: string, fingerprint: string): Promise<void>;
  /** The pin file exists but cannot be read: the enrolled server is refused rather than silently unpinned. */
  readonly damaged: boolean;
}

/** Pins kept in a JSON file only main writes (0600); the renderer has no way to change them. */
export async function openPinFile(
  file: string,
  log: (message: string) => void = console.warn,
): Promise<CertificatePins> {
  let pins: Record<string, string> = {};
  let damaged = false;
  try {
    const parsed: unknown = JSON.parse(await readFile(file, 'utf8'));
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
      pins = Object.fromEntries(
        Object.entries(parsed as Record<string, unknown>).filter(
          (entry): entry is [string, string] => typeof entry[1] === 'string',
        ),
      );
    }
  } catch (error) {
    // No file yet is the normal first start; a damaged one must not silently unpin a server.
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      log(`[security] ${file} is unreadable; connections to the sync server are refused until it is fixed`);
      damaged = true;
    }
  }
  return {
    get: (host) => pins[host],
    get damaged() {
      return damaged;
    },
    async set(host, fingerprint) {
      pins = { ...pins, [host]: fingerprint };
      const temp = `${file}.tmp`;
      await writeFile(temp, `${JSON.stringify(pins, null, 2)}\n`, { mode: 0o600 });
      await chmod(temp, 0o600);
      await rename(temp, file);
    },
  };
}

function httpsHost(url: string | null): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' ? parsed.hostname : null;
  } catch {
    return null;
  }
}

export interface PinningDeps {
  pins: CertificatePins;
  /** The server the register is enrolled with (settings.serverUrl), or null. */
  serverUrl: () => string | null;
  log?: (message: string) => void;
}

export interface Pinning {
  /** Call when the register enrolls with (or switches to) a server: pins the certificate just seen for it. */
  serverEnrolled(url: string | null): Promise<void>;
}

export function installCertificatePinning(session: PinSession, deps: PinningDeps): Pinning {
  const log = deps.log ?? console.warn;
  /** The certificate Chromium last verified per host, for the pin taken at enrollment. */
  const seen = new Map<string, string>();
  const pin = (host: string, fingerprint: string) =>
    deps.pins
      .set(host, fingerprint)
      .catch((error: unknown) => log(`[security] pin for ${host} not saved: ${String(error)}`));

  session.setCertificateVerifyProc((request, callback) => {
    const { hostname: host, certificate, verificationResult } = request;
    const pinned = deps.pins.get(host);
    if (deps.pins.damaged && host === httpsHost(deps.serverUrl())) {
      log(`[security] refused ${host}: the certificate pin file is unreadable`);
      return callback(VERIFY.REFUSE);
    }
    if (pinned !== undefined) {
      if (certificate.fingerprint === pinned) return callback(VERIFY.USE_CHROMIUM);
      log(`[security] refused ${host}: its certificate is not the one pinned at enrollment`);
      return callback(VERIFY.REFUSE);
    }
    if (verificationResult === 'net::OK') {
      seen.set(host, certificate.fingerprint);
      // Enrolled before pinning existed: the first verified connection to the server pins it.
      if (host === httpsHost(deps.serverUrl())) void pin(host, certificate.fingerprint);
    }
    return callback(VERIFY.USE_CHROMIUM);
  });

  return {
    async serverEnrolled(url) {
      const host = httpsHost(url);
      const fingerprint = host ? seen.get(host) : undefined;
      if (host && fingerprint && deps.pins.get(host) === undefined) await pin(host, fingerprint);
    },
  };
}
