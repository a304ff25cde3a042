// Register names from HQ: each enrollment gets store code + the next register number of that store
// (S001-R01, S001-R02 …), also when enrollments race; the device learns it from the enrollment
// answer and /api/me; HQ can rename it; nobody else can.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../sync-server/app';
import { Api, backends, startTestServer, type TestServer } from './server-harness';
import { storeDoc } from './server-fixtures';
import { enrollRegister } from '../../renderer/src/sync/enroll';
import { fetchRegisterName } from '../../renderer/src/sync/register-name';
import { SyncHttp } from '../../renderer/src/sync/sync-http';

describe.each(backends)('register names on %s', (backend) => {
  let server: TestServer;
  let hq: Api;
  const s1 = storeDoc('S001');
  const s2 = storeDoc('S002');

  async function enroll(storeCode: string): Promise<{ deviceId: string; credential: string; registerName?: string }> {
    const code = await hq.post<{ code: string }>('/api/hq/enrollment-codes', { storeId: storeCode });
    return enrollRegister(server.url, code.body.code);
  }

  beforeAll(async () => {
    // A rollout enrolling a store's registers at once, from one address.
    server = await startTestServer(backend, { limits: { rate: { ...DEFAULT_LIMITS.rate, enrollPerMinute: 100 } } });
    hq = new Api(server.url, server.hqToken);
    await hq.post(
      '/sync/config/push',
      [s1, s2].map((s) => ({ newDocumentState: { ...s, _deleted: false } })),
    );
  });
  afterAll(async () => server?.dispose());

  it('numbers registers per store, also when enrollments race', async () => {
    expect((await enroll('S001')).registerName).toBe('S001-R01');
    expect((await enroll('S002')).registerName).toBe('S002-R01');
    // Twelve at once: more than any retry loop would absorb (a 500 here was seen with eight).
    const racing = await Promise.all(Array.from({ length: 12 }, () => enroll('S001')));
    expect(racing.map((r) => r.registerName).sort()).toEqual(
      Array.from({ length: 12 }, (_, i) => `S001-R${String(i + 2).padStart(2, '0')}`),
    );
    const me = await new Api(server.url, racing[0]!.credential).get<{ registerName: string }>('/api/me');
    expect(me.body.registerName).toBe(racing[0]!.registerName);
  });

  it('lets HQ rename a register; the device sees the new name; bad names and strangers are refused', async () => {
    const device = await enroll('S002');
    expect(device.registerName).toBe('S002-R02');
    const renamed = await hq.post<{ registerName: string }>(`/api/hq/devices/${device.deviceId}/name`, {
      registerName: ' Front desk ',
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body.registerName).toBe('Front desk');
    expect(await fetchRegisterName(new SyncHttp({ baseUrl: server.url, credential: device.credential }))).toBe(
      'Front desk',
    );
    const list = await hq.get<{ devices: { id: string; registerName: string | null }[] }>('/api/hq/devices');
    expect(list.body.devices.find((d) => d.id === device.deviceId)?.registerName).toBe('Front desk');

    const bad = await hq.post<{ code: string; message: string }>(`/api/hq/devices/${device.deviceId}/name`, {
      registerName: '<script>',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/register name is 1 to 32/);
    expect((await hq.post(`/api/hq/devices/${device.deviceId}/name`, {})).status).toBe(400);
    const unknown = await hq.post<{ code: string }>('/api/hq/devices/no-such-device/name', { registerName: 'X' });
    expect([unknown.status, unknown.body.code]).toEqual([404, 'SYNC_DEVICE_NOT_FOUND']);
    const self = await new Api(server.url, device.credential).post(`/api/hq/devices/${device.deviceId}/name`, {
      registerName: 'Mine',
    });
    expect(self.status).toBe(403);
    // A later enrollment still takes the next number, whatever the renamed one is called.
    expect((await enroll('S002')).registerName).toBe('S002-R03');
  });
});
