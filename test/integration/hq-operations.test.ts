// Operations from the console against a real server: stores, staff, policies and devices are
// written as replicated documents that a register receives, and a revoked register is refused
// on its very next request.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, enrollDevice, startTestServer, type EnrolledDevice, type TestServer } from './server-harness';
import { storeDoc } from './server-fixtures';
import { Api, pushRows } from './server-harness';
import { createHqUser, HqSession } from './hq-harness';
import { verifyPin, type PinHash } from '../../shared/staff/pin-hash';

type Doc = Record<string, unknown>;

async function pullAll(device: EnrolledDevice, collection: string): Promise<Doc[]> {
  const result = await device.api.get<{ documents: Doc[] }>(`/sync/${collection}/pull?seq=0&limit=1000`);
  return result.body.documents;
}

describe.each(backends)('HQ operations on %s', (backend) => {
  let server: TestServer;
  let hq: HqSession;
  let register: EnrolledDevice;
  const s1 = storeDoc('S001');

  beforeAll(async () => {
    server = await startTestServer(backend);
    await new Api(server.url, server.hqToken).post('/sync/config/push', pushRows([s1]));
    register = await enrollDevice(server, s1.id as string, 'Till 1');
    await createHqUser(server.server.storage, 'ops@chain.example', 'operations');
    hq = new HqSession(server.url);
    await hq.signIn('ops@chain.example');
  });
  afterAll(async () => server?.dispose());

  it('creates a store inheriting the chain defaults, edits it, and refuses a taken code', async () => {
    const created = await hq.call<{ store: Doc }>('POST', '/stores', {
      payload: {
        code: 'S009',
        name: 'Harbour',
        address: { line1: '9 Pier Rd', city: 'Boston', country: 'US' },
        location: { lat: 42.35, lng: -71.05 },
        openingHours: [{ weekday: 1, opens: '08:00', closes: '20:00' }],
        capacityPerDay: 40,
        pickupEnabled: true,
        shipFromStore: true,
      },
    });
    expect(created.status).toBe(201);
    const store = created.body.store;
    expect(store.payload).toMatchObject({ currency: 'USD', timezone: 'America/New_York', capacityPerDay: 40 });
    const edited = await hq.call<{ store: Doc }>('POST', '/stores', {
      id: store.id,
      payload: { capacityPerDay: 55, name: 'Harbour Point' },
    });
    expect(edited.status).toBe(201);
    expect(edited.body.store.payload).toMatchObject({ capacityPerDay: 55, name: 'Harbour Point', pickupEnabled: true });
    const clash = await hq.call<{ code: string }>('POST', '/stores', {
      payload: { ...(store.payload as Doc), code: 'S001' },
    });
    expect(clash.status).toBe(409);
    const bad = await hq.call<{ code: string; details: { field: string } }>('POST', '/stores', {
      id: store.id,
      payload: { location: { lat: 500, lng: 0 } },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('HQ_INVALID_INPUT');
    // Registers get stores by replication (every register pulls chain-wide config).
    expect((await pullAll(register, 'config')).find((d) => d.id === store.id)).toMatchObject({
      payload: { capacityPerDay: 55 },
    });
  });

  it('creates staff for a store, resets a PIN, and never shows PIN hashes', async () => {
    const created = await hq.call<{ staff: Doc }>('POST', '/staff', {
      loginCode: '4242',
      displayName: 'Jo Clerk',
      role: 'clerk',
      storeIds: [s1.id],
      pin: '7391',
    });
    expect(created.status).toBe(201);
    expect(created.body.staff.pin).toBeUndefined();
    const weak = await hq.call<{ code: string; details: { field: string } }>(
      'POST',
      `/staff/${String(created.body.staff.id)}/pin`,
      { pin: '1234' },
    );
    expect(weak.status).toBe(400);
    expect(weak.body.details.field).toBe('pin');
    expect((await hq.call('POST', `/staff/${String(created.body.staff.id)}/pin`, { pin: '8264' })).status).toBe(200);
    const mine = (await pullAll(register, 'staff')).find((d) => d.id === created.body.staff.id);
    expect(await verifyPin('8264', mine?.pin as PinHash)).toBe(true);
    const list = await hq.call<{ staff: Doc[] }>('GET', '/staff');
    expect(JSON.stringify(list.body)).not.toContain('pbkdf2');
    const duplicate = await hq.call<{ code: string }>('POST', '/staff', {
      loginCode: '4242',
      displayName: 'Other',
      role: 'clerk',
      storeIds: [],
      pin: '5820',
    });
    expect(duplicate.status).toBe(409);
  });

  it('lets only an admin change policies, merging the sections given', async () => {
    const denied = await hq.call<{ code: string }>('POST', '/policies', {
      key: 'default',
      payload: { returns: { windowDays: 14 } },
    });
    expect(denied.status).toBe(403);
    const admin = new HqSession(server.url);
    await createHqUser(server.server.storage, 'admin@chain.example', 'admin');
    await admin.signIn('admin@chain.example');
    const base = {
      currency: 'USD',
      returns: { windowDays: 30, receiptlessCap: 5000, receiptlessNeedsApproval: true, cashRefundApprovalOver: 10000 },
      approvals: {
        discountPpmOver: 200000,
        discountAmountOver: 2000,
        priceOverride: true,
        voidSale: true,
        paidOutOver: 5000,
      },
      offlineCard: { enabled: true, perTransactionCap: 15000, perRegisterCap: 100000, expiryHours: 72 },
      pinLockout: { maxFailures: 5, windowSeconds: 300, lockSeconds: 300 },
    };
    const incomplete = await admin.call<{ code: string; details: { field: string } }>('POST', '/policies', {
      key: 'default',
      payload: { currency: 'USD' },
    });
    expect(incomplete.status).toBe(400);
    expect(incomplete.body.code).toBe('HQ_INVALID_INPUT');
    expect((await admin.call('POST', '/policies', { key: 'default', payload: base })).status).toBe(200);
    const changed = await admin.call<{ policy: { payload: typeof base } }>('POST', '/policies', {
      key: 'default',
      payload: { returns: { windowDays: 14 }, offlineCard: { perRegisterCap: 50000 } },
    });
    expect(changed.status).toBe(200);
    expect(changed.body.policy.payload.returns).toEqual({ ...base.returns, windowDays: 14 });
    expect(changed.body.policy.payload.offlineCard.perRegisterCap).toBe(50000);
    const policies = (await pullAll(register, 'config')).filter((d) => d.kind === 'policy');
    expect(policies).toHaveLength(1);
  });

  it('creates an enrollment code with its QR code, and a revoked register is refused at once', async () => {
    const code = await hq.call<{ code: string; storeId: string; qrSvg: string }>('POST', '/devices/enrollment-codes', {
      storeId: 'S001',
    });
    expect(code.status).toBe(201);
    expect(code.body.storeId).toBe(s1.id);
    expect(code.body.qrSvg).toMatch(/^<svg[^>]*>[\s\S]*<path/);
    const devices = await hq.call<{ devices: { id: string; name: string; deviceName: string; status: string }[] }>(
      'GET',
      '/devices',
    );
    // Listed by the name HQ numbering gave it (S001-R01 …), as on receipts and reports, and by the
    // name it was enrolled with.
    const listed = devices.body.devices.find((d) => d.id === register.deviceId);
    expect(listed?.name).toMatch(/^S001-R\d\d$/);
    expect(listed?.deviceName).toBe('Till 1');
    expect((await register.api.get('/sync/config/pull?seq=0&limit=1')).status).toBe(200);
    const started = Date.now();
    expect((await hq.call('POST', `/devices/${register.deviceId}/revoke`)).status).toBe(200);
    const refused = await register.api.get<{ code: string }>('/sync/config/pull?seq=0&limit=1');
    expect(Date.now() - started).toBeLessThan(1000);
    expect(refused.status).toBe(401);
    expect(refused.body.code).toBe('SYNC_CREDENTIAL_REVOKED');
    const after = await hq.call<{ devices: { id: string; status: string }[] }>('GET', '/devices');
    expect(after.body.devices.find((d) => d.id === register.deviceId)?.status).toBe('revoked');
  });
});
