// Reads Server-Sent Events through fetch (Node 20 has no EventSource, and fetch lets us send the
// bearer header, which EventSource cannot). Reconnects with exponential back-off and jitter.
import type { SyncHttp } from './sync-http';
import { DEFAULT_BACKOFF, nextDelay, type BackoffLimits } from './backoff';

export interface StreamHandlers {
  onEvent(event: string, data: unknown): void;
  onOpen(): void;
  onClose(error: unknown): void;
  /** Any bytes arrived (an event or the `: ping` heartbeat): the link is alive. */
  onActivity?(): void;
}

/** Splits an SSE byte stream into events; comments (": ping") are ignored. */
export class SseParser {
  private buffer = '';
  private event = 'message';
  private data: string[] = [];

  constructor(private readonly emit: (event: string, data: string) => void) {}

  push(chunk: string): void {
    this.buffer += chunk;
    let newline = this.buffer.search(/\r?\n/);
    while (newline >= 0) {
      const line = this.buffer.slice(0, newline);
      this.buffer = this.buffer.slice(this.buffer[newline] === '\r' ? newline + 2 : newline + 1);
      this.line(line);
      newline = this.buffer.search(/\r?\n/);
    }
  }

  private line(line: string): void {
    if (line === '') {
      if (this.data.length > 0) this.emit(this.event, this.data.join('\n'));
      this.event = 'message';
      this.data = [];
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') this.event = value;
    else if (field === 'data') this.data.push(value);
  }
}

export class LiveStream {
  private controller: AbortController | undefined;
  private stopped = false;
  private attempt = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly http: SyncHttp,
    private readonly path: string,
    /** Reconnect waits; backoff.ts's defaults when undefined. */
    private readonly backoff: BackoffLimits | undefined,
    private readonly handlers: StreamHandlers,
  ) {}

  start(): void {
    this.stopped = false;
    void this.connect();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.controller?.abort();
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const controller = new AbortController();
    this.controller = controller;
    let failure: unknown;
    try {
      const response = await this.http.open(this.path, controller.signal);
      if (!response.body) throw new Error('The live stream has no body.');
      this.attempt = 0;
      this.handlers.onOpen();
      const parser = new SseParser((event, data) => {
        let parsed: unknown;
        try {
          parsed = JSON.parse(data);
        } catch {
          return;
        }
        this.handlers.onEvent(event, parsed);
      });
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        this.handlers.onActivity?.();
        parser.push(value);
      }
      failure = new Error('The live stream ended.');
    } catch (error) {
      failure = error;
    }
    if (this.stopped) return;
    this.handlers.onClose(failure);
    this.timer = setTimeout(
      () => void this.connect(),
      nextDelay(this.attempt++, Math.random, this.backoff ?? DEFAULT_BACKOFF),
    );
  }
}
