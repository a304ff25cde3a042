// Enrollment and authentication against a real server: one-time codes, credentials, revocation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api, backends, enrollDevice, startTestServer, type TestServer } from './server-harness';
import { storeDoc } from './server-fixtures';
import { enrollRegister } from '../../renderer/src/sync/enroll';
import { isDomainError } from '../../shared/errors';

describe.each(backends)('enrollment and auth on %s', (backend) => {
  let server: TestServer;
  let hq: Api;
  const anonymous = () => new Api(server.url, undefined);
  const store = storeDoc('S001');

  beforeAll(async () => {
    server = await startTestServer(backend);
    hq = new Api(server.url, server.hqToken);
    await hq.post('/sync/config/push', [{ newDocumentState: { ...store, _deleted: false } }]);
  });
  afterAll(async () => server?.dispose());

  it('exchanges a code once for a credential scoped to the store', async () => {
    const code = await hq.post<{ code: string; storeId: string; expiresAt: string }>('/api/hq/enrollment-codes', {
      storeId: 'S001',
    });
    expect(code.status).toBe(201);
    expect(code.body.storeId).toBe(store.id);
    const first = await anonymous().post<{ credential: string; storeId: string; role: string }>('/api/enroll', {
      code: code.body.code.toLowerCase(),
    });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ storeId: store.id, role: 'register' });
    expect(Buffer.from(first.body.credential, 'base64url')).toHaveLength(32);
    const second = await anonymous().post<{ code: string }>('/api/enroll', { code: code.body.code });
    expect(second.status).toBe(400);
    expect(second.body.code).toBe('SYNC_ENROLLMENT_CODE_INVALID');
    const me = await new Api(server.url, first.body.credential).get<{ storeId: string; role: string }>('/api/me');
    expect(me.body).toMatchObject({ storeId: store.id, role: 'register' });
  });

  it('the service itself resolves a store code, as npm start calls it', async () => {
    // npm start called createEnrollmentCode('S001') directly and enrolled to a store that did not exist.
    const code = await server.server.auth.createEnrollmentCode('S001', 60);
    expect(code.storeId).toBe(store.id);
    const enrolled = await anonymous().post<{ storeId: string }>('/api/enroll', { code: code.code });
    expect(enrolled.body.storeId).toBe(store.id);
  });

  it("enrolls through the register's client and explains a refused code", async () => {
    const code = await hq.post<{ code: string }>('/api/hq/enrollment-codes', { storeId: 'S001' });
    const enrolled = await enrollRegister(server.url, code.body.code, 'Register 9');
    expect(enrolled).toMatchObject({ storeId: store.id, role: 'register' });
    const again = await enrollRegister(server.url, code.body.code).catch((error: unknown) => error);
    expect(isDomainError(again, 'SYNC_ENROLLMENT_CODE_INVALID')).toBe(true);
  });

  it('refuses unknown codes and unknown stores', async () => {
    expect((await anonymous().post('/api/enroll', { code: 'AAAA-BBBB-CCCC' })).status).toBe(400);
    expect((await anonymous().post('/api/enroll', {})).status).toBe(400);
    const unknownStore = await hq.post<{ code: string }>('/api/hq/enrollment-codes', { storeId: 'S999' });
    expect(unknownStore.status).toBe(404);
  });

  it('expires codes', async () => {
    const code = await hq.post<{ code: string }>('/api/hq/enrollment-codes', { storeId: store.id, ttlMinutes: 1 });
    // Move the clock of the auth service instead of waiting a minute.
    const auth = server.server.auth as unknown as { now: () => Date };
    const realNow = auth.now;
    auth.now = () => new Date(Date.now() + 2 * 60_000);
    try {
      expect((await anonymous().post('/api/enroll', { code: code.body.code })).status).toBe(400);
    } finally {
      auth.now = realNow;
    }
  });

  it('requires a credential and the HQ token where it matters', async () => {
    expect((await anonymous().get('/sync/products/pull')).status).toBe(401);
    expect((await new Api(server.url, 'not-a-real-credential').get('/sync/products/pull')).status).toBe(401);
    const device = await enrollDevice(server, 'S001');
    expect((await device.api.get('/sync/products/pull')).status).toBe(200);
    const forbidden = await device.api.post<{ code: string }>('/api/hq/enrollment-codes', { storeId: 'S001' });
    expect(forbidden.status).toBe(403);
    expect((await device.api.get('/api/hq/devices')).status).toBe(403);
  });

  it('locks a revoked register out at once', async () => {
    const device = await enrollDevice(server, 'S001');
    expect((await device.api.get('/sync/orders/pull')).status).toBe(200);
    const list = await hq.get<{ devices: { id: string; revokedAt: string | null }[] }>('/api/hq/devices');
    expect(list.body.devices.some((d) => d.id === device.deviceId && d.revokedAt === null)).toBe(true);
    expect(JSON.stringify(list.body)).not.toContain(device.credential);
    expect((await hq.post(`/api/hq/devices/${device.deviceId}/revoke`, {})).status).toBe(200);
    const after = await device.api.get<{ code: string }>('/sync/orders/pull');
    expect(after.status).toBe(401);
    expect(after.body.code).toBe('SYNC_CREDENTIAL_REVOKED');
    expect((await hq.post(`/api/hq/devices/${device.deviceId}/revoke`, {})).status).toBe(404);
  });
});
