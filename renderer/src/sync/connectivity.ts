// Whether the register can reach the sync server right now, from three witnesses: the browser's
// online/offline events, the live stream (the server writes a heartbeat every STREAM_PING_SECONDS)
// and every pull/push request. Any contact makes it online; the browser going offline, a request
// that could not reach the server, or silence on the stream for STALE_MS makes it offline — so a
// pulled cable shows within 5 s even when the register is idle and sends nothing.
import { BehaviorSubject, type Observable } from 'rxjs';
import { STREAM_PING_SECONDS } from '../../../shared/protocol/live-stream';

/** Two heartbeats missed: offline is reported at most this long after the last sign of life. */
export const STALE_MS = Math.min(4_500, STREAM_PING_SECONDS * 2_000 + 500);

export const ConnectivityState = { ONLINE: 'online', OFFLINE: 'offline' } as const;
export type ConnectivityState = (typeof ConnectivityState)[keyof typeof ConnectivityState];

export const OfflineReason = {
  BROWSER: 'browser_offline',
  SILENT: 'no_heartbeat',
  REQUEST: 'request_failed',
  STREAM: 'stream_closed',
  NOT_YET: 'not_contacted',
} as const;
export type OfflineReason = (typeof OfflineReason)[keyof typeof OfflineReason];

export interface Connectivity {
  state: ConnectivityState;
  /** Why it is offline (undefined when online). */
  reason: OfflineReason | undefined;
  /** When the state last changed (ms since epoch). */
  since: number;
}

export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export class ConnectivityMonitor {
  private browserOnline: boolean;
  private lastContact: number | undefined;
  private lastFailure: OfflineReason | undefined = OfflineReason.NOT_YET;
  private timer: unknown;
  private readonly subject: BehaviorSubject<Connectivity>;

  constructor(
    private readonly clock: Clock = realClock,
    browserOnline = true,
  ) {
    this.browserOnline = browserOnline;
    this.subject = new BehaviorSubject<Connectivity>({
      state: ConnectivityState.OFFLINE,
      reason: browserOnline ? OfflineReason.NOT_YET : OfflineReason.BROWSER,
      since: clock.now(),
    });
  }

  get state$(): Observable<Connectivity> {
    return this.subject.asObservable();
  }

  get current(): Connectivity {
    return this.subject.value;
  }

  /** window 'online' / 'offline' events. */
  browser(online: boolean): void {
    this.browserOnline = online;
    this.evaluate();
  }

  streamOpened(): void {
    this.contact();
  }

  /** Any bytes on the live stream: an event or the `: ping` heartbeat. */
  streamActivity(): void {
    this.contact();
  }

  streamClosed(): void {
    this.lastFailure = OfflineReason.STREAM;
    this.lastContact = undefined;
    this.evaluate();
  }

  requestSucceeded(): void {
    this.contact();
  }

  /** A request that did not reach the server (network error, 502/503/504); a refusal is contact. */
  requestFailed(reachedServer: boolean): void {
    if (reachedServer) return this.contact();
    this.lastFailure = OfflineReason.REQUEST;
    this.lastContact = undefined;
    this.evaluate();
  }

  /** Follows window online/offline events; returns the function that stops listening. */
  listenTo(target: Pick<Window, 'addEventListener' | 'removeEventListener'>): () => void {
    const on = () => this.browser(true);
    const off = () => this.browser(false);
    target.addEventListener('online', on);
    target.addEventListener('offline', off);
    return () => {
      target.removeEventListener('online', on);
      target.removeEventListener('offline', off);
    };
  }

  stop(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.subject.complete();
  }

  private contact(): void {
    this.lastContact = this.clock.now();
    this.lastFailure = undefined;
    this.evaluate();
  }

  private evaluate(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    const now = this.clock.now();
    let next: Pick<Connectivity, 'state' | 'reason'>;
    if (!this.browserOnline) next = { state: ConnectivityState.OFFLINE, reason: OfflineReason.BROWSER };
    else if (this.lastContact === undefined)
      next = { state: ConnectivityState.OFFLINE, reason: this.lastFailure ?? OfflineReason.NOT_YET };
    else if (now - this.lastContact >= STALE_MS)
      next = { state: ConnectivityState.OFFLINE, reason: OfflineReason.SILENT };
    else {
      next = { state: ConnectivityState.ONLINE, reason: undefined };
      // Re-check when the last contact goes stale. Without an open stream nothing else pings,
      // so a request success keeps it online only as long as the stream would.
      this.timer = this.clock.setTimeout(
        () => {
          this.timer = undefined;
          this.evaluate();
        },
        this.lastContact + STALE_MS - now,
      );
    }
    const cur = this.subject.value;
    if (cur.state !== next.state || cur.reason !== next.reason) this.subject.next({ ...next, since: now });
  }
}
