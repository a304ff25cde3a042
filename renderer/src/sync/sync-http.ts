// The register's HTTP client for the sync server: bearer credential, protocol version header,
// timeouts, and every failure turned into a DomainError with the server's code (or OFFLINE).
import { DomainError } from '../../../shared/errors';
import { PROTOCOL_VERSION, PROTOCOL_VERSION_HEADER } from '../../../shared/protocol/version';

export const SyncClientError = {
  /** The server could not be reached (network down, server stopped, timeout). */
  OFFLINE: 'SYNC_CLIENT_OFFLINE',
  /** The server answered something that is not the protocol. */
  BAD_RESPONSE: 'SYNC_CLIENT_BAD_RESPONSE',
} as const;

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export interface SyncHttpOptions {
  baseUrl: string;
  credential: string;
  fetch?: FetchLike;
  timeoutMs?: number;
}

export class SyncHttp {
  readonly baseUrl: string;
  private readonly fetchImpl: FetchLike;
  private readonly timeoutMs: number;

  constructor(private readonly options: SyncHttpOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.fetchImpl = options.fetch ?? ((input, init) => fetch(input, init));
    this.timeoutMs = options.timeoutMs ?? 30_000;
  }

  headers(extra: Record<string, string> = {}): Record<string, string> {
    return {
      authorization: `Bearer ${this.options.credential}`,
      [PROTOCOL_VERSION_HEADER]: String(PROTOCOL_VERSION),
      ...extra,
    };
  }

  /** Opens a raw request (the live stream); the caller owns the response body. */
  async open(path: string, signal: AbortSignal): Promise<Response> {
    let response: Response;
    try {
      response = await this.fetchImpl(`${this.baseUrl}${path}`, {
        headers: this.headers({ accept: 'text/event-stream' }),
        signal,
      });
    } catch (error) {
      throw offline(error);
    }
    if (!response.ok) throw await errorFrom(response);
    return response;
  }

  async json<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    const response = await this.request(method, path, body);
    try {
      return (await response.json()) as T;
    } catch {
      throw unreadable();
    }
  }

  /**
   * A GET answered with JSON, parsed here and also returned as the body's bytes (for a reader that
   * parses it again elsewhere, e.g. the catalog's search worker, without a structured clone).
   */
  async jsonWithBytes<T>(path: string): Promise<{ value: T; bytes: ArrayBuffer }> {
    const response = await this.request('GET', path);
    try {
      const bytes = await response.arrayBuffer();
      return { value: JSON.parse(new TextDecoder().decode(bytes)) as T, bytes };
    } catch {
      throw unreadable();
    }
  }

  private async request(method: 'GET' | 'POST', path: string, body?: unknown): Promise<Response> {
    let response: Response;
    try {
      response = await this.fetchImpl(`${this.baseUrl}${path}`, {
        method,
        headers: this.headers(body === undefined ? {} : { 'content-type': 'application/json' }),
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      throw offline(error);
    }
    if (!response.ok) throw await errorFrom(response);
    return response;
  }
}

function unreadable(): DomainError {
  return new DomainError(
    SyncClientError.BAD_RESPONSE,
    'The sync server sent an unreadable answer; check the server address in settings.',
  );
}

function offline(error: unknown): DomainError {
  return new DomainError(
    SyncClientError.OFFLINE,
    'The sync server cannot be reached; sales are kept on this register and sent when it is back.',
    {
      cause: error instanceof Error ? error.message : String(error),
    },
  );
}

async function errorFrom(response: Response): Promise<DomainError> {
  let body: { code?: unknown; message?: unknown; details?: unknown } = {};
  try {
    body = (await response.json()) as typeof body;
  } catch {
    // not JSON (a proxy's error page): keep the status only
  }
  const code =
    typeof body.code === 'string'
      ? body.code
      : response.status >= 500
        ? SyncClientError.OFFLINE
        : SyncClientError.BAD_RESPONSE;
  const message = typeof body.message === 'string' ? body.message : `The sync server answered ${response.status}.`;
  const details =
    typeof body.details === 'object' && body.details !== null ? (body.details as Record<string, unknown>) : {};
  return new DomainError(code, message, { ...details, status: response.status });
}
