// HQ console accounts against a real server: session cookie flags, CSRF refusal, roles, the HQ
// token for automation, and the sign-in rate limit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, startTestServer, type TestServer } from './server-harness';
import { createHqUser, HqSession } from './hq-harness';
import { HQ_API } from '../../sync-server/hq/deps';

describe.each(backends)('HQ console accounts on %s', (backend) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer(backend);
    await createHqUser(server.server.storage, 'admin@chain.example', 'admin');
    await createHqUser(server.server.storage, 'viewer@chain.example', 'viewer');
  });
  afterAll(async () => server?.dispose());

  it('signs in with an HttpOnly SameSite=Strict session cookie and knows who is signed in', async () => {
    const hq = new HqSession(server.url);
    const result = await hq.signIn('Admin@Chain.example');
    expect(result.status).toBe(200);
    const cookie = result.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^hq_session=[A-Za-z0-9_-]{40,};/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect(cookie).toContain('Path=/');
    const me = await hq.call<{ user: { email: string; role: string } }>('GET', '/session');
    expect(me.body.user).toMatchObject({ email: 'admin@chain.example', role: 'admin' });
    // The session id is never stored as given.
    expect(JSON.stringify(me.body)).not.toContain(hq.cookie?.split('=')[1]);
  });

  it('answers the session probe with 200 whether or not a session is signed in', async () => {
    const anonymous = await new HqSession(server.url).call('GET', '/session/probe');
    expect(anonymous).toMatchObject({ status: 200, body: { signedIn: false } });
    const hq = new HqSession(server.url);
    await hq.signIn('admin@chain.example');
    const probe = await hq.call<{ signedIn: boolean; user: { email: string }; csrf: string }>('GET', '/session/probe');
    expect(probe.status).toBe(200);
    expect(probe.body).toMatchObject({ signedIn: true, user: { email: 'admin@chain.example' } });
    expect(probe.body.csrf).toEqual(expect.any(String));
  });

  it('refuses a wrong password and an unknown e-mail alike', async () => {
    const wrong = await new HqSession(server.url).signIn('admin@chain.example', 'not the password');
    const unknown = await new HqSession(server.url).signIn('nobody@chain.example', 'not the password');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
    expect((wrong.body as unknown as { code: string }).code).toBe('HQ_BAD_CREDENTIALS');
  });

  it('refuses a state-changing call without the CSRF token or from another origin', async () => {
    const hq = new HqSession(server.url);
    await hq.signIn('admin@chain.example');
    const noToken = await hq.call<{ code: string }>(
      'POST',
      '/users',
      { email: 'x@chain.example', role: 'viewer', password: 'long enough pw' },
      { csrf: false },
    );
    expect(noToken.status).toBe(403);
    expect(noToken.body.code).toBe('HQ_CSRF_REFUSED');
    const foreign = await hq.call<{ code: string }>(
      'POST',
      '/users',
      { email: 'x@chain.example', role: 'viewer', password: 'long enough pw' },
      { origin: 'https://evil.example' },
    );
    expect(foreign.status).toBe(403);
    expect(foreign.body.code).toBe('HQ_CSRF_REFUSED');
    const ok = await hq.call(
      'POST',
      '/users',
      { email: 'x@chain.example', role: 'viewer', password: 'long enough pw' },
      { origin: server.url },
    );
    expect(ok.status).toBe(201);
  });

  it('limits a viewer to reading, and signing out ends the session', async () => {
    const viewer = new HqSession(server.url);
    await viewer.signIn('viewer@chain.example');
    expect((await viewer.call('GET', '/dashboard')).status).toBe(200);
    const create = await viewer.call<{ code: string }>('POST', '/users', {
      email: 'y@chain.example',
      role: 'admin',
      password: 'long enough pw',
    });
    expect(create.status).toBe(403);
    expect(create.body.code).toBe('HQ_FORBIDDEN');
    expect((await viewer.call('DELETE', '/session')).status).toBe(200);
    const after = await viewer.call<{ code: string }>('GET', '/dashboard');
    expect(after.status).toBe(401);
    expect(after.body.code).toBe('HQ_NOT_SIGNED_IN');
  });

  it('keeps the HQ token working for automation, and refuses anonymous calls', async () => {
    const withToken = await fetch(`${server.url}${HQ_API}/users`, {
      headers: { authorization: `Bearer ${server.hqToken}` },
    });
    expect(withToken.status).toBe(200);
    expect(((await withToken.json()) as { users: unknown[] }).users.length).toBeGreaterThanOrEqual(2);
    const anonymous = await fetch(`${server.url}${HQ_API}/users`);
    expect(anonymous.status).toBe(401);
  });

  it('rate-limits sign-in attempts per address and account', async () => {
    const hq = new HqSession(server.url);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await hq.signIn('viewer@chain.example', `guess number ${i}`)).status);
    expect(statuses.slice(0, 4).every((s) => s === 401)).toBe(true);
    expect(statuses[5]).toBe(429);
    const limited = await hq.signIn('viewer@chain.example');
    expect(limited.status).toBe(429);
    expect((limited.body as unknown as { code: string }).code).toBe('HQ_RATE_LIMITED');
    // Another account from the same address is not locked out by it.
    expect((await new HqSession(server.url).signIn('admin@chain.example')).status).toBe(200);
  });
});
