// The Content Security Policy, sent as a response header for everything the app loads (the meta
// tag in renderer/index.html says the same; the header also covers frame-ancestors).
import type { Session } from 'electron';

// Before enrollment the register may reach any sync server (the clerk types its address), hence
// connect-src http: https:; once enrolled, only that server's origin. One literal string for the
// unenrolled case so static checkers can parse it.
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self' http: https:; object-src 'none'; base-uri 'none'; frame-src 'none'; frame-ancestors 'none'; form-action 'none'";

/** The policy for a register enrolled with `serverOrigin` (an http(s) origin), or the unenrolled one. */
export function contentSecurityPolicy(serverOrigin: string | null): string {
  if (!serverOrigin || !/^https?:\/\/[A-Za-z0-9.:[\]-]+$/.test(serverOrigin)) return CONTENT_SECURITY_POLICY;
  return CONTENT_SECURITY_POLICY.replace("connect-src 'self' http: https:", `connect-src 'self' ${serverOrigin}`);
}

export type CspSession = { webRequest: Pick<Session['webRequest'], 'onHeadersReceived'> };

export function installCspHeaders(session: CspSession, serverOrigin: () => string | null = () => null): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    const headers = { ...(details.responseHeaders ?? {}) };
    for (const key of Object.keys(headers)) if (key.toLowerCase() === 'content-security-policy') delete headers[key];
    callback({ responseHeaders: { ...headers, 'Content-Security-Policy': [contentSecurityPolicy(serverOrigin())] } });
  });
}
