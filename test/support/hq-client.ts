// HQ calls to the sync server for tests and benchmarks: GET without a body, POST JSON with one.
export async function hqFetch<T>(url: string, token: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`HQ ${path}: HTTP ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}
