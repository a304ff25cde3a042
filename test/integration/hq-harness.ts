// An HQ console client for tests: signs in with e-mail + password, keeps the session cookie and
// the CSRF token like the browser console does, and can leave either out to test refusals.
import type { Storage } from '../../sync-server/storage/storage';
import { HqAccounts, type HqRole } from '../../sync-server/hq/accounts';
import { hqSqlFor } from '../../sync-server/hq/sql';
import { HQ_API } from '../../sync-server/hq/deps';

export const HQ_PASSWORD = 'correct horse battery';

export async function createHqUser(storage: Storage, email: string, role: HqRole = 'admin'): Promise<void> {
  const sql = hqSqlFor(storage);
  try {
    await new HqAccounts(sql).createUser({ email, role, password: HQ_PASSWORD });
  } finally {
    sql.close();
  }
}

export interface HqResult<T> {
  status: number;
  body: T;
  headers: Headers;
}

export class HqSession {
  cookie: string | undefined;
  csrf: string | undefined;

  constructor(readonly baseUrl: string) {}

  async signIn(email: string, password = HQ_PASSWORD): Promise<HqResult<{ csrf: string; user: { role: string } }>> {
    const result = await this.call<{ csrf: string; user: { role: string } }>('POST', '/session', { email, password });
    if (result.status === 200) {
      this.cookie = result.headers.get('set-cookie')?.split(';')[0];
      this.csrf = result.body.csrf;
    }
    return result;
  }

  async call<T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
    options: { csrf?: boolean; origin?: string; contentType?: string } = {},
  ): Promise<HqResult<T>> {
    const headers: Record<string, string> = {};
    if (this.cookie) headers.cookie = this.cookie;
    if (this.csrf && options.csrf !== false) headers['x-hq-csrf'] = this.csrf;
    if (options.origin) headers.origin = options.origin;
    let payload: string | undefined;
    if (body !== undefined) {
      headers['content-type'] = options.contentType ?? 'application/json';
      payload = typeof body === 'string' ? body : JSON.stringify(body);
    }
    const response = await fetch(`${this.baseUrl}${HQ_API}${path}`, { method, headers, body: payload });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // plain text stays text
    }
    return { status: response.status, body: parsed as T, headers: response.headers };
  }
}
