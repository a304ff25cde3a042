// Who is calling the console API: an HQ user by session cookie (state-changing calls must also
// carry the session's CSRF token and, when the browser sends one, a same-site Origin), or
// automation with the HQ token, which acts as an admin and needs no CSRF token (no cookie, so
// nothing a browser could be tricked into sending).
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../shared/errors';
import type { AuthService } from '../auth/auth-service';
import { roleAllows, SESSION_HOURS, type HqAccounts, type HqRole } from './accounts';
import { HqError } from './errors';

export const SESSION_COOKIE = 'hq_session';
export const CSRF_HEADER = 'x-hq-csrf';

export interface HqCaller {
  kind: 'user' | 'token';
  userId: string;
  email: string;
  role: HqRole;
}

export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

function isSecure(request: FastifyRequest): boolean {
  return request.protocol === 'https' || request.headers['x-forwarded-proto'] === 'https';
}

export function sessionCookie(request: FastifyRequest, value: string, maxAgeSeconds = SESSION_HOURS * 3600): string {
  return `${SESSION_COOKIE}=${encodeURIComponent(value)}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSeconds}${isSecure(request) ? '; Secure' : ''}`;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function checkOrigin(request: FastifyRequest): void {
  const origin = request.headers.origin;
  if (origin === undefined) return;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    host = '';
  }
  if (host !== request.headers.host) {
    throw new DomainError(
      HqError.CSRF,
      'This request came from another site and was refused. Use the HQ console at /hq.',
    );
  }
}

export class HqGuard {
  constructor(
    private readonly accounts: HqAccounts,
    private readonly auth: AuthService,
  ) {}

  async caller(request: FastifyRequest, needed: HqRole = 'viewer'): Promise<HqCaller> {
    const bearer = request.headers.authorization;
    let caller: HqCaller | undefined;
    if (bearer) {
      const principal = await this.auth.authenticate(bearer);
      if (principal.kind !== 'hq')
        throw new DomainError(HqError.FORBIDDEN, 'A register credential cannot use the HQ console API.');
      caller = { kind: 'token', userId: 'hq-token', email: 'hq-token', role: 'admin' };
    } else {
      const session = await this.accounts.session(readCookie(request.headers.cookie, SESSION_COOKIE));
      if (!session)
        throw new DomainError(
          HqError.NOT_SIGNED_IN,
          'Your HQ session has ended or you are not signed in: sign in again.',
        );
      if (!SAFE_METHODS.has(request.method)) {
        checkOrigin(request);
        if (request.headers[CSRF_HEADER] !== session.csrf) {
          throw new DomainError(
            HqError.CSRF,
            "The request lacks this session's CSRF token and was refused: reload the console and try again.",
          );
        }
      }
      caller = { kind: 'user', userId: session.user.id, email: session.user.email, role: session.user.role };
    }
    if (!roleAllows(caller.role, needed)) {
      throw new DomainError(
        HqError.FORBIDDEN,
        `This needs the ${needed} role; you are ${caller.role}. Ask an HQ admin.`,
      );
    }
    return caller;
  }
}

export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply): void {
  void reply.header('set-cookie', sessionCookie(request, '', 0));
}
