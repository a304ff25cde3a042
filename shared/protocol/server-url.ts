// Which sync server addresses a register accepts, at enrollment and in its settings. The device
// credential and every sale travel to this address, so plain http is accepted only on loopback
// (the server on the same machine); anything reached over a network must be https.
import { DomainError } from '../errors';

export const ServerUrlError = {
  /** Not an absolute http(s) address, or one with a user name or password in it. */
  INVALID: 'SERVER_URL_INVALID',
  /** http:// to a host other than this machine. */
  PLAIN_HTTP: 'SERVER_URL_PLAIN_HTTP',
} as const;

export interface ServerUrlIssue {
  code: (typeof ServerUrlError)[keyof typeof ServerUrlError];
  message: string;
}

/** localhost, *.localhost, 127.0.0.0/8 and ::1: traffic that never leaves the machine. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (host === 'localhost' || host.endsWith('.localhost') || host === '::1') return true;
  const v4 = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  return v4 !== null && v4.slice(1).every((part) => Number(part) <= 255);
}

function parse(value: string): URL | null {
  try {
    return new URL(value);
  } catch {
    return null;
  }
}

/** Null when a register may use `value` as its sync server address. */
export function serverUrlIssue(value: string): ServerUrlIssue | null {
  const url = parse(value);
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || url.username !== '' || url.password !== '') {
    return {
      code: ServerUrlError.INVALID,
      message: `"${value.slice(0, 200)}" is not a server address. Type it like https://pos.example.com:8787.`,
    };
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    return {
      code: ServerUrlError.PLAIN_HTTP,
      message: `The register does not send its credential and sales unencrypted over the network: use https://${url.host} (ask head office to turn on HTTPS on the sync server). Plain http:// works only for a server on this machine.`,
    };
  }
  return null;
}

/**
 * The origin a register enrolls with: `input` as typed (https:// assumed when no scheme is given,
 * http:// for this machine), refused with a coded DomainError when the rule above says no.
 */
export function parseServerUrl(input: string): string {
  const typed = input.trim();
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(typed)
    ? typed
    : `${isLoopbackHost(typed.split(/[:/]/)[0] ?? '') ? 'http' : 'https'}://${typed}`;
  const issue = serverUrlIssue(withScheme);
  if (issue) throw new DomainError(issue.code, issue.message);
  return new URL(withScheme).origin;
}
