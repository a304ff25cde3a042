// The console's HTTP client: same-origin JSON calls with the session cookie (sent by the browser)
// and the CSRF token on every state-changing call. Errors arrive as { code, message }.
import { useSession } from './session-store';

export const HQ_API = '/api/hq/console';

export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

async function parse<T>(response: Response): Promise<T> {
  const text = await response.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : {};
  } catch {
    body = { code: 'HQ_BAD_RESPONSE', message: text.slice(0, 200) };
  }
  if (!response.ok) {
    const error = body as { code?: string; message?: string; details?: Record<string, unknown> };
    if (response.status === 401 && error.code === 'HQ_NOT_SIGNED_IN') useSession.getState().expired();
    throw new ApiError(
      error.code ?? 'HQ_ERROR',
      error.message ?? `The server answered ${response.status}.`,
      response.status,
      error.details,
    );
  }
  return body as T;
}

export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {};
  const csrf = useSession.getState().csrf;
  if (method !== 'GET' && csrf) headers['x-hq-csrf'] = csrf;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${HQ_API}${path}`, {
    method,
    headers,
    credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return parse<T>(response);
}

/** Uploads a file as the request body, reporting the share sent (XMLHttpRequest: fetch has no upload progress). */
export function upload<T>(path: string, file: Blob, onProgress: (share: number) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${HQ_API}${path}`);
    xhr.setRequestHeader('content-type', 'text/csv');
    const csrf = useSession.getState().csrf;
    if (csrf) xhr.setRequestHeader('x-hq-csrf', csrf);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    xhr.onerror = () =>
      reject(new ApiError('HQ_NETWORK', 'The server could not be reached: check the connection and upload again.', 0));
    xhr.onload = () => {
      onProgress(1);
      parse<T>(new Response(xhr.responseText, { status: xhr.status })).then(resolve, reject);
    };
    xhr.send(file);
  });
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : 'Something went wrong; try again.';
}
