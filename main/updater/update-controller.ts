// Update policy: check a configurable feed, download in the background, and restart into the new
// version only when the clerk asks and no sale is open. Installing on quit is also switched off
// while a sale is open, so a crash-free quit mid-sale never swaps the app underneath it.
import { DomainError } from '../../shared/errors';
import { UpdateError } from '../../shared/ipc/ipc-errors';
import type { UpdateStatus } from '../../shared/ipc/misc-schemas';

export type UpdaterEvent =
  | { type: 'checking' }
  | { type: 'available'; version: string }
  | { type: 'not-available' }
  | { type: 'progress'; percent: number }
  | { type: 'downloaded'; version: string }
  | { type: 'error'; message: string };

/** The slice of electron-updater the controller uses (see electron-updater-adapter). */
export interface UpdaterPort {
  configure(feedUrl: string): void;
  setInstallOnQuit(allowed: boolean): void;
  check(): Promise<void>;
  quitAndInstall(): void;
  onEvent(listener: (event: UpdaterEvent) => void): void;
}

export interface UpdateControllerOptions {
  feedUrl: string | null;
  checkEveryMs?: number;
  log?: (message: string) => void;
}

export class UpdateController {
  private state: UpdateStatus['state'] = 'disabled';
  private version: string | null = null;
  private percent: number | null = null;
  private message: string | null = null;
  private saleInProgress = false;
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(
    private readonly port: UpdaterPort | null,
    private readonly options: UpdateControllerOptions,
  ) {}

  start(): void {
    const { port } = this;
    const log = this.options.log ?? console.info;
    if (!port || !this.options.feedUrl) {
      this.message = port ? 'No update feed is configured.' : 'Updates are handled by the installer in this build.';
      log(`[updater] disabled: ${this.message}`);
      return;
    }
    this.state = 'idle';
    port.configure(this.options.feedUrl);
    port.setInstallOnQuit(!this.saleInProgress);
    port.onEvent((event) => this.apply(event));
    const check = (): void => {
      port
        .check()
        .catch((error: unknown) =>
          this.apply({ type: 'error', message: error instanceof Error ? error.message : String(error) }),
        );
    };
    check();
    this.timer = setInterval(check, this.options.checkEveryMs ?? 4 * 60 * 60 * 1000);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  setSaleInProgress(inProgress: boolean): UpdateStatus {
    this.saleInProgress = inProgress;
    this.port?.setInstallOnQuit(!inProgress);
    return this.status();
  }

  status(): UpdateStatus {
    return {
      state: this.state,
      version: this.version,
      percent: this.percent,
      saleInProgress: this.saleInProgress,
      installDeferred: this.state === 'downloaded' && this.saleInProgress,
      message: this.message,
    };
  }

  /** Restarts into the downloaded version; refused while a sale is open. */
  install(): { done: true } {
    if (this.saleInProgress) {
      throw new DomainError(
        UpdateError.SALE_IN_PROGRESS,
        'Finish or park the current sale first; the update installs when no sale is open.',
      );
    }
    if (this.state !== 'downloaded' || !this.port) {
      throw new DomainError(
        UpdateError.NOT_READY,
        'No update is ready to install yet. It will be offered when the download finishes.',
      );
    }
    this.port.quitAndInstall();
    return { done: true };
  }

  private apply(event: UpdaterEvent): void {
    switch (event.type) {
      case 'checking':
        if (this.state !== 'downloaded') this.state = 'checking';
        return;
      case 'available':
        this.state = 'available';
        this.version = event.version;
        return;
      case 'not-available':
        if (this.state !== 'downloaded') this.state = 'idle';
        return;
      case 'progress':
        this.state = 'downloading';
        this.percent = Math.max(0, Math.min(100, event.percent));
        return;
      case 'downloaded':
        this.state = 'downloaded';
        this.version = event.version;
        this.percent = 100;
        this.message = null;
        return;
      case 'error':
        // A failed check never loses a downloaded update.
        if (this.state !== 'downloaded') this.state = 'error';
        this.message = `Update check failed: ${event.message}. The register keeps working; it will try again later.`;
        return;
    }
  }
}
