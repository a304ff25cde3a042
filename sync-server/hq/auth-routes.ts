// Console sign-in, sign-out, "who am I" and user management (admins).
import type { FastifyInstance } from 'fastify';
import { DomainError } from '../../shared/errors';
import { HqError } from './errors';
import { clearSessionCookie, readCookie, SESSION_COOKIE, sessionCookie } from './guard';
import { HQ_API, type HqDeps } from './deps';
import { field } from './input';

export const LOGIN_RATE = { max: 5, timeWindow: 15 * 60_000 };

export function registerHqAuthRoutes(app: FastifyInstance, deps: HqDeps): void {
  // Counted in preHandler (after the body is parsed) with the limiter the server's guard
  // registered, not as route config: that one runs in onRequest, where the e-mail is not known yet.
  const loginLimit = app.createRateLimit({
    max: deps.loginRateMax ?? LOGIN_RATE.max,
    timeWindow: LOGIN_RATE.timeWindow,
    // Per address and account: a guesser is slowed on one account without locking the office out.
    keyGenerator: (request) => `${request.ip}|${String(field(request.body, 'email') ?? '').toLowerCase()}`,
  });
  app.post(
    `${HQ_API}/session`,
    {
      preHandler: async (request) => {
        const counted = await loginLimit(request);
        if (!counted.isAllowed && counted.isExceeded) {
          throw new DomainError(
            HqError.RATE_LIMITED,
            `Too many sign-in attempts: wait ${Math.ceil(counted.ttlInSeconds / 60)} minute(s) and try again.`,
          );
        }
      },
    },
    async (request, reply) => {
      const { sessionId, session } = await deps.accounts.signIn(
        field(request.body, 'email'),
        field(request.body, 'password'),
      );
      request.log.info({ userId: session.user.id }, 'HQ user signed in');
      void reply.header('set-cookie', sessionCookie(request, sessionId));
      return { user: session.user, csrf: session.csrf, expiresAt: session.expiresAt };
    },
  );

  app.get(`${HQ_API}/session`, async (request) => {
    const session = await deps.accounts.session(readCookie(request.headers.cookie, SESSION_COOKIE));
    if (!session)
      throw new DomainError(HqError.NOT_SIGNED_IN, 'You are not signed in: sign in with your HQ e-mail and password.');
    return { user: session.user, csrf: session.csrf, expiresAt: session.expiresAt };
  });

  // The console's first question on load: "not signed in" is an expected answer here (200), so the
  // sign-in page does not start with a failed request in the browser's console.
  app.get(`${HQ_API}/session/probe`, async (request) => {
    const session = await deps.accounts.session(readCookie(request.headers.cookie, SESSION_COOKIE));
    if (!session) return { signedIn: false };
    return { signedIn: true, user: session.user, csrf: session.csrf, expiresAt: session.expiresAt };
  });

  app.delete(`${HQ_API}/session`, async (request, reply) => {
    await deps.guard.caller(request);
    await deps.accounts.signOut(readCookie(request.headers.cookie, SESSION_COOKIE));
    clearSessionCookie(request, reply);
    return { signedOut: true };
  });

  app.get(`${HQ_API}/users`, async (request) => {
    await deps.guard.caller(request, 'admin');
    return { users: await deps.accounts.listUsers() };
  });

  app.post(`${HQ_API}/users`, async (request, reply) => {
    await deps.guard.caller(request, 'admin');
    const body = request.body;
    const user = await deps.accounts.createUser({
      email: field(body, 'email'),
      name: field(body, 'name'),
      role: field(body, 'role'),
      password: field(body, 'password'),
    });
    return reply.status(201).send({ user });
  });
}
