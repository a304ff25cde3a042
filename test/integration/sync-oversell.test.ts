// Two registers sell the last unit of a SKU while offline. Stock levels are kept per store, so
// the only way one level goes below zero is two tills of the same store (or two clients of the
// same location) selling the same last unit; registers of two different stores each sell their
// own unit and stay at 0. Both sales are kept, the level ends at −1 and head office and the
// store get exactly one oversell alert; the other store gets none.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, startTestServer, type TestServer } from './server-harness';
import { storeDoc } from './server-fixtures';
import { enroll, eventually, hqPush, openRegister, pullAll, type TestRegister } from '../support/sync-clients';
import { receiptMovement, saleMovement, saleOrder } from '../support/sync-docs';

describe.each(backends)('offline oversell on %s', (backend) => {
  let server: TestServer;
  const registers: TestRegister[] = [];
  const stores = [storeDoc('S001'), storeDoc('S002')];
  const sku = 'LAST-UNIT';

  beforeAll(async () => {
    server = await startTestServer(backend);
    await hqPush(server, 'config', stores);
    await hqPush(
      server,
      'inventory_movements',
      stores.map((store) => receiptMovement(String(store.id), sku, 1, 'oversell')),
    );
    // Two tills of S001 and one of S002; four collections each, 12 in all.
    for (const [code, register] of [
      ['S001', 'R01'],
      ['S001', 'R02'],
      ['S002', 'R01'],
    ] as const) {
      const device = await enroll(server, code, register);
      registers.push(
        await openRegister(server, device, ['orders', 'inventory_movements', 'inventory_levels', 'order_events']),
      );
    }
  });

  afterAll(async () => {
    for (const register of registers) await register.close();
    await server?.dispose();
  });

  it('keeps both sales, goes to −1 and raises one alert', async () => {
    const sales = registers.map((register, i) => {
      const storeCode = i < 2 ? 'S001' : 'S002';
      const seed = { storeId: register.device.storeId, storeCode, registerCode: `R0${i + 1}`, sequence: 1, sku };
      return { order: saleOrder(seed), movement: saleMovement(seed) };
    });
    // Offline: each till records its sale locally before any of them can reach the server.
    for (const [i, register] of registers.entries()) {
      await register.db.orders.insert(sales[i]!.order as never);
      await register.db.inventory_movements.insert(sales[i]!.movement as never);
    }
    for (const register of registers) register.startSync();
    for (const register of registers) await register.sync!.awaitInSync();

    const [storeA, storeB] = stores.map((store) => String(store.id)) as [string, string];
    const orders = await pullAll(server.url, server.hqToken, 'orders');
    expect(orders.map((order) => order.id).sort()).toEqual(sales.map((sale) => sale.order.id).sort());
    const levels = await pullAll(server.url, server.hqToken, 'inventory_levels');
    expect(levels.find((level) => level.id === `${storeA}:${sku}`)).toMatchObject({ onHand: -1, available: -1 });
    expect(levels.find((level) => level.id === `${storeB}:${sku}`)).toMatchObject({ onHand: 0, available: 0 });
    const alerts = (await pullAll(server.url, server.hqToken, 'order_events')).filter(
      (event) => event.type === 'alert_oversell',
    );
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ storeId: storeA, payload: { storeId: storeA, sku, available: -1 } });
    expect([sales[0]!.order.id, sales[1]!.order.id]).toContain(alerts[0]!.orderId);

    // The store's own tills see the −1 level and the alert; the other store's till pulls neither
    // (registers replicate only their own store's levels and ask the availability API for others).
    for (const register of registers.slice(0, 2)) {
      await eventually(
        async () => (await register.db.inventory_levels.findOne(`${storeA}:${sku}`).exec())?.get('onHand') === -1,
        'level −1 on the store tills',
      );
    }
    expect(await registers[2]!.db.inventory_levels.findOne(`${storeA}:${sku}`).exec()).toBeNull();
    for (const register of registers.slice(0, 2)) {
      await eventually(
        async () => (await register.db.order_events.find({ selector: { type: 'alert_oversell' } }).exec()).length === 1,
        'alert on the store tills',
      );
    }
    expect(await registers[2]!.db.order_events.find({ selector: { type: 'alert_oversell' } }).exec()).toHaveLength(0);
  });
});
