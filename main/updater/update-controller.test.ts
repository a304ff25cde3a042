import { describe, expect, it } from 'vitest';
import { UpdateError } from '../../shared/ipc/ipc-errors';
import { UpdateController, type UpdaterEvent, type UpdaterPort } from './update-controller';

class FakeUpdater implements UpdaterPort {
  feed: string | null = null;
  installOnQuit: boolean | null = null;
  checks = 0;
  installs = 0;
  listener: (event: UpdaterEvent) => void = () => undefined;
  configure(feedUrl: string): void {
    this.feed = feedUrl;
  }
  setInstallOnQuit(allowed: boolean): void {
    this.installOnQuit = allowed;
  }
  async check(): Promise<void> {
    this.checks += 1;
  }
  quitAndInstall(): void {
    this.installs += 1;
  }
  onEvent(listener: (event: UpdaterEvent) => void): void {
    this.listener = listener;
  }
}

function fakeUpdater() {
  const port = new FakeUpdater();
  return { port, emit: (event: UpdaterEvent) => port.listener(event) };
}

function started() {
  const { port, emit } = fakeUpdater();
  const controller = new UpdateController(port, { feedUrl: 'https://updates.example/pos', log: () => undefined });
  controller.start();
  return { port, emit, controller };
}

describe('update controller', () => {
  it('configures the feed and checks at start', () => {
    const { port, controller } = started();
    expect(port.feed).toBe('https://updates.example/pos');
    expect(port.checks).toBe(1);
    expect(port.installOnQuit).toBe(true);
    controller.stop();
  });

  it('never restarts during a sale: install is refused and install-on-quit is off until the sale ends', () => {
    const { port, emit, controller } = started();
    emit({ type: 'downloaded', version: '1.2.0' });
    expect(controller.setSaleInProgress(true)).toMatchObject({
      state: 'downloaded',
      installDeferred: true,
      saleInProgress: true,
    });
    expect(port.installOnQuit).toBe(false);
    expect(() => controller.install()).toThrow(expect.objectContaining({ code: UpdateError.SALE_IN_PROGRESS }));
    expect(port.installs).toBe(0);

    expect(controller.setSaleInProgress(false)).toMatchObject({ installDeferred: false });
    expect(port.installOnQuit).toBe(true);
    expect(controller.install()).toEqual({ done: true });
    expect(port.installs).toBe(1);
    controller.stop();
  });

  it('does not restart on its own when the download finishes', () => {
    const { port, emit, controller } = started();
    emit({ type: 'available', version: '1.2.0' });
    emit({ type: 'progress', percent: 40 });
    expect(controller.status()).toMatchObject({ state: 'downloading', percent: 40, version: '1.2.0' });
    emit({ type: 'downloaded', version: '1.2.0' });
    expect(port.installs).toBe(0);
    controller.stop();
  });

  it('refuses to install when nothing is downloaded, and keeps a download through a failed check', () => {
    const { emit, controller } = started();
    expect(() => controller.install()).toThrow(expect.objectContaining({ code: UpdateError.NOT_READY }));
    emit({ type: 'downloaded', version: '2.0.0' });
    emit({ type: 'error', message: 'feed unreachable' });
    expect(controller.status()).toMatchObject({ state: 'downloaded', version: '2.0.0' });
    expect(controller.status().message).toMatch(/keeps working/);
    controller.stop();
  });

  it('is disabled without a feed or an updater, and says so', () => {
    const { port } = fakeUpdater();
    const noFeed = new UpdateController(port, { feedUrl: null, log: () => undefined });
    noFeed.start();
    expect(noFeed.status()).toMatchObject({ state: 'disabled', message: 'No update feed is configured.' });
    expect(port.checks).toBe(0);
    const dev = new UpdateController(null, { feedUrl: 'https://updates.example', log: () => undefined });
    dev.start();
    expect(() => dev.install()).toThrow(expect.objectContaining({ code: UpdateError.NOT_READY }));
  });
});
