import { afterEach, describe, expect, it } from 'vitest';
import { PrinterError } from '../../shared/ipc/ipc-errors';
import { type FakePrinter, closedPort, startFakePrinter } from '../../test/support/main/fake-printer';
import { probeNetworkPrinter, sendToNetworkPrinter } from './network-printer';

let printer: FakePrinter | null = null;
afterEach(async () => {
  await printer?.close();
  printer = null;
});

describe('network printer (raw TCP)', () => {
  it('delivers every byte to the printer and reports the count', async () => {
    printer = await startFakePrinter();
    const bytes = Uint8Array.from({ length: 70_000 }, (_, i) => i % 251);
    const job = printer.nextJob();
    await expect(sendToNetworkPrinter({ host: '127.0.0.1', port: printer.port }, bytes)).resolves.toBe(70_000);
    expect(Uint8Array.from(await job)).toEqual(bytes);
  });

  it('tells the clerk the sale is saved when the printer is offline', async () => {
    const port = await closedPort();
    const error = await sendToNetworkPrinter({ host: '127.0.0.1', port }, Uint8Array.of(1)).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: PrinterError.OFFLINE });
    expect((error as Error).message).toMatch(/not answering.*The sale is saved.*reprint/);
  });

  it('gives up with a timeout error when the printer accepts but never finishes the job', async () => {
    printer = await startFakePrinter({ neverClose: true });
    const started = Date.now();
    const error = await sendToNetworkPrinter({ host: '127.0.0.1', port: printer.port }, Uint8Array.of(1, 2), {
      timeoutMs: 300,
      closeGraceMs: 5000,
      purpose: 'drawer',
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: PrinterError.TIMEOUT });
    expect((error as Error).message).toContain('Open the drawer with its key');
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('counts the job as delivered when a printer keeps its side open after receiving it', async () => {
    printer = await startFakePrinter({ neverClose: true });
    await expect(
      sendToNetworkPrinter({ host: '127.0.0.1', port: printer.port }, Uint8Array.of(7), { closeGraceMs: 50 }),
    ).resolves.toBe(1);
    expect(printer.jobs).toEqual([Buffer.from([7])]);
  });

  it('reads paper-out from the status reply, and treats a silent printer as ready', async () => {
    printer = await startFakePrinter({ statusReply: 0x72 });
    await expect(probeNetworkPrinter({ host: '127.0.0.1', port: printer.port })).resolves.toEqual({
      state: 'paper-out',
    });
    await printer.close();
    printer = await startFakePrinter({ statusReply: 0x12 });
    await expect(probeNetworkPrinter({ host: '127.0.0.1', port: printer.port })).resolves.toEqual({ state: 'ready' });
    await printer.close();
    printer = await startFakePrinter();
    await expect(probeNetworkPrinter({ host: '127.0.0.1', port: printer.port }, { replyWaitMs: 50 })).resolves.toEqual({
      state: 'ready',
    });
  });
});
