// The Content Security Policy, sent as a response header for everything the app loads (the meta
// tag in renderer/index.html says the same; the header also covers frame-ancestors).
import type { Session } from 'electron';

// Replication talks to the enrolled sync server, whose address is only known at enrollment,
// hence connect-src http: https:. One literal string so static checkers can parse it.
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self' http: https:; object-src 'none'; base-uri 'none'; frame-src 'none'; frame-ancestors 'none'; form-action 'none'";

export type CspSession = { webRequest: Pick<Session['webRequest'], 'onHeadersReceived'> };

export function installCspHeaders(session: CspSession): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    const headers = { ...(details.responseHeaders ?? {}) };
    for (const key of Object.keys(headers)) if (key.toLowerCase() === 'content-security-policy') delete headers[key];
    callback({ responseHeaders: { ...headers, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
}
