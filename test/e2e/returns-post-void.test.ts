// Post-void in headless Chromium against a real sync server: a cash sale at S001 is voided from the
// returns desk on the same till shift with the manager's PIN; the void reaches the server as a
// return flagged postVoid with a void approval, the items come back to stock, the cash goes back,
// and the X report shows the post-void with the expected cash back at the float.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { RunningServer } from '../../sync-server/server';
import { chromiumEnabled } from '../support/env';
import { makeTempDir } from '../support/temp-dir';
import { enrollRegister, pullAll, startSeededServer, waitFor, type DemoProduct } from './register-helpers';
import { signInAndOpenTill } from '../support/register-ui';

interface ReturnDoc {
  id: string;
  originalOrderId: string;
  postVoid?: boolean;
  refundTotal: number;
  approvals: { action: string }[];
  tenders: { method: string; amount: number }[];
}

describe.runIf(chromiumEnabled)('returns desk: post-void of a sale on the same shift', () => {
  const dataDir = makeTempDir('pos-post-void-e2e-');
  let server: RunningServer | undefined;
  let browser: Browser;
  let page: Page;
  let errors: string[] = [];

  beforeAll(async () => {
    server = await startSeededServer(dataDir.path);
    ({ browser, page, errors } = await enrollRegister(server.url, { viewport: { width: 1280, height: 860 } }));
    await signInAndOpenTill(page);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    dataDir.remove();
  });

  it('voids a cash sale with the manager PIN; the X report counts it and the drawer is back at the float', async () => {
    const product = (await pullAll<DemoProduct>(server!.url, 'products')).find(
      (p) => p.active && p.unit === 'each' && p.primaryBarcode && p.taxCategory === 'GENERAL',
    )!;
    await page.keyboard.type(product.primaryBarcode);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('cart-line').count()).toBe(1);
    await page.keyboard.press('F12');
    await page.getByTestId('pay-screen').waitFor();
    await page.keyboard.press('Enter'); // exact cash
    await page.getByTestId('receipt-screen').waitFor();
    const orderNumber = /Order ([A-Z0-9]+-[A-Z0-9]+-\d+-[0-9A-Z])/.exec(
      (await page.getByTestId('receipt').textContent())!,
    )![1]!;
    await page.keyboard.press('Enter');

    await page.getByTestId('nav-returns').click();
    await page.getByTestId('return-lookup').fill(orderNumber);
    await page.getByTestId('return-lookup').press('Enter');
    await page.getByTestId('return-lines').waitFor();
    await page.getByTestId('post-void').click();
    await page.getByTestId('approval-dialog').waitFor();
    await page.getByRole('button', { name: 'Morgan Manager' }).click();
    await page.getByTestId('approval-pin').fill('918273');
    await page.keyboard.press('Enter');
    await page.getByTestId('return-done').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('receipt').textContent()).toContain('POST-VOID');
    await page.screenshot({ path: 'test-results/returns-post-void.png' });

    let ret: ReturnDoc | undefined;
    await waitFor(
      async () => {
        ret = (await pullAll<ReturnDoc>(server!.url, 'returns')).find((r) => r.postVoid);
        return ret !== undefined;
      },
      30_000,
      'the post-void to reach the server',
    );
    const order = (
      await pullAll<{ id: string; orderNumber: string; totals: { total: number } }>(server!.url, 'orders')
    ).find((o) => o.orderNumber === orderNumber)!;
    expect(ret!.originalOrderId).toBe(order.id);
    expect(ret!.refundTotal).toBe(order.totals.total);
    expect(ret!.tenders).toMatchObject([{ method: 'cash', amount: order.totals.total }]);
    expect(ret!.approvals).toMatchObject([{ action: 'void' }]);

    await page.getByTestId('next-return').click();
    await page.keyboard.press('Control+t');
    await page.getByTestId('x-report').click();
    await page.getByTestId('report-post-voids').waitFor();
    const expected = Number((await page.getByTestId('report-expected').textContent())!.replace(/[^\d]/g, ''));
    expect(expected).toBe(15000);
    expect(errors).toEqual([]);
  });
});
