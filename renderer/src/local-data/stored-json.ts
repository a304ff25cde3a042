// Small register-local state kept in localStorage (sale journal, PIN lockouts, training sales):
// a missing or damaged entry reads as the empty value, so a bad write never blocks the till.
export function readStoredJson<T>(storage: Storage, key: string, empty: T): T {
  try {
    const raw = storage.getItem(key);
    return raw === null ? empty : ((JSON.parse(raw) as T | null) ?? empty);
  } catch {
    return empty;
  }
}
